/**
 * Running a task set: inline (the sequential reference, no dispatch) or on an executor, where a task is
 * submitted as soon as the results it depends on are in. Neither reads a clock.
 */
import type { BatchResults, Executor, TaskMessage } from '../backends/index.js';
import { syncResult } from '../backends/task-host.js';
import type { AnySuite, InlineForm, Knob, Task } from '../../suites/index.js';

const NO_DEPS: unknown[] = [];

/** Tasks with their dependency structure worked out ahead of timing. */
export interface PreparedTasks {
  tasks: Task<unknown>[];
  /** true when no task has dependencies. */
  independent: boolean;
  /** For each task, the tasks that wait on it. */
  dependents: number[][];
  /** For each task, how many dependencies it has. */
  depCounts: Int32Array;
}

/**
 * The tasks as a worker receives them: a structured clone (copies of `tasks`, same order). Run in this
 * thread (calibration, the main thread's reference, the `sequential` backend), a suite's own task list
 * may hold its integers as doubles (a number read from an object whose field also held fractions, a
 * bound computed with Math.min), and integer kernels then run on doubles: trial division took 5–8× as
 * long as in every worker, whose payloads arrive through structured clone with small integers. Costs one
 * copy, before any timing. Throws a DataCloneError for a payload structured clone cannot copy.
 */
export function asWorkersReceive<T>(tasks: readonly T[]): T[] {
  return structuredClone(tasks as T[]);
}

/**
 * The tasks of `input` at `knob` as a worker receives them (suite.split, then asWorkersReceive): how
 * the runner splits a task set it runs in this thread (calibration copies only the tasks it times), so
 * no kernel here ever sees a payload integer held as a double — one such call is enough: V8 then
 * compiles the kernel for doubles for the rest of the process. Throws whatever suite.split throws.
 */
export function splitTasks(suite: AnySuite, input: unknown, knob: Knob): Task<unknown>[] {
  return asWorkersReceive(suite.split(input, knob));
}

/**
 * Work out a task set's dependency structure once, before timing. Throws a plain Error when a task
 * depends on itself, a later task or an index out of range.
 */
export function prepare(tasks: Task<unknown>[]): PreparedTasks {
  const dependents: number[][] = tasks.map(() => []);
  const depCounts = new Int32Array(tasks.length);
  tasks.forEach((task, i) => {
    depCounts[i] = task.deps.length;
    for (const d of task.deps) {
      if (!(d >= 0 && d < i)) throw new Error(`task ${i} depends on ${d}: dependencies must come earlier`);
      dependents[d]!.push(i);
    }
  });
  return { tasks, independent: depCounts.every((c) => c === 0), dependents, depCounts };
}

/** Inline passes compiled so far: numbers each one's source (see freshPass). */
let compiledPasses = 0;

/** One pass of an inline form over its task set (the body of `freshPass`). */
type InlinePass = () => void;

/**
 * One pass of an inline form over the first `count` tasks (each kernel's scalar into `scalars`),
 * compiled afresh for every task set. V8 compiles the first closure of a function literal specialised
 * to the values it captures (constants folded into the machine code) and every later closure of the same
 * literal generically: a task set timed first in an isolate (the reference) ran up to 2× faster than the
 * same tasks timed after others (calibration times many task sets). A literal compiled per task set has
 * one closure, so every pass, the reference's and each calibration probe's, gets the same specialised
 * code — the rule Benchmark.js follows in compiling each benchmark to a fresh function. Throws whatever
 * the kernel throws.
 */
function freshPass(form: InlineForm<unknown, unknown, unknown, unknown>, tasks: readonly Task<unknown>[], context: unknown, out: unknown, scalars: Float64Array, count: number): InlinePass {
  // A distinct source each time: V8 caches compiled Function sources, and a cached one is not fresh.
  const body = `return () => { for (let i = 0; i < count; i++) scalars[i] = form.kernel(tasks[i].payload, context, out, i); }; // pass ${++compiledPasses}`;
  const compile = new Function('form', 'tasks', 'context', 'out', 'scalars', 'count', body) as (...args: unknown[]) => InlinePass;
  return compile(form, tasks, context, out, scalars, count);
}

/** Inline execution of a task set prepared once: `run` executes the kernels (what is timed), `results` reads them. */
export interface InlineRun {
  /** Run the tasks once, in order, in this thread. Throws whatever the kernel throws. */
  run(): void;
  /** The results of the last `run`, in task order, as the suite's `kernel` returns them. */
  results(): unknown[];
}

/**
 * Prepare inline execution of the first `count` of `tasks`: the sequential reference, no dispatch.
 * When the suite has an `inline` form and no task has dependencies, its output is allocated here, once,
 * and `run` writes into it (the timed loop measures the kernel, not the allocator); `results` then
 * builds the same results `kernel` would return. Otherwise `run` calls `kernel` and keeps its results.
 * Throws whatever the suite's `inline.output` throws.
 */
export function inlineRunner(suite: AnySuite, tasks: readonly Task<unknown>[], context: unknown, count = tasks.length): InlineRun {
  const form = suite.inline;
  if (!form || tasks.some((t, i) => i < count && t.deps.length > 0)) {
    let results: unknown[] = [];
    return { run: () => void (results = callKernels(suite, tasks, context, count)), results: () => results };
  }
  const out: unknown = form.output(tasks, count, context);
  const scalars = new Float64Array(count);
  return {
    run: freshPass(form, tasks, context, out, scalars, count),
    results: () => Array.from({ length: count }, (_, i) => form.result(out, i, scalars[i]!, tasks[i]!.payload)),
  };
}

/**
 * The first `count` tasks, kernel by kernel, each result kept for the tasks that depend on it. Results
 * are pushed, not stored into `new Array(count)`: a large preallocated array is a dictionary in V8, and
 * one such store teaches this loop a slow store for the rest of the process (a 50,000-task whole-set
 * check made every later pass here 3× slower).
 * A kernel that returns a promise throws (syncResult).
 */
function callKernels(suite: AnySuite, tasks: readonly Task<unknown>[], context: unknown, count: number): unknown[] {
  const results: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const task = tasks[i]!;
    const deps = task.deps.length === 0 ? NO_DEPS : task.deps.map((d) => results[d]);
    results.push(syncResult(suite.kernel(task.payload, deps, context)));
  }
  return results;
}

/**
 * Run the first `count` tasks in order in this thread once (through `inlineRunner`, so into
 * preallocated output where the suite has an inline form) and return their results in task order,
 * as the suite's `kernel` returns them. For a timed loop, make one `inlineRunner` and call its `run`.
 * Throws whatever the kernel throws.
 */
export function executeInline(suite: AnySuite, tasks: readonly Task<unknown>[], context: unknown, count = tasks.length): unknown[] {
  const runner = inlineRunner(suite, tasks, context, count);
  runner.run();
  return runner.results();
}

/**
 * Run tasks on an executor; resolves once the last result is in with a way to read the results in task
 * order. Executors that take a whole task set (`runTasks`, e.g. shm) keep results where they landed
 * until `collect` is called, which the runner does after its clock stops (like combine). Rejects with
 * the first task's rejection (TASK_FAILED, WORKER_EXITED, TASK_TIMEOUT …, see Executor.submit).
 */
export async function runOn(executor: Executor, prepared: PreparedTasks): Promise<BatchResults> {
  if (executor.runTasks) return executor.runTasks(prepared);
  const results = await submitEach(prepared, (_, message) => executor.submit(message));
  return { collect: () => results };
}

/** Run tasks on an executor; resolves with results in task order once the last one is in. Rejects as runOn does. */
export async function executeOn(executor: Executor, prepared: PreparedTasks): Promise<unknown[]> {
  return (await runOn(executor, prepared)).collect();
}

/**
 * Submit task by task through `submit(index, message)`, each as soon as the results it depends on are in;
 * resolves with the results in task order, rejects with the first rejection.
 */
export function submitEach(prepared: PreparedTasks, submit: (index: number, message: TaskMessage) => Promise<unknown>): Promise<unknown[]> {
  const { tasks } = prepared;
  if (prepared.independent) {
    return Promise.all(tasks.map((task, i) => submit(i, { payload: task.payload, deps: NO_DEPS })));
  }
  const results = new Array<unknown>(tasks.length);
  const waiting = prepared.depCounts.slice();
  let done = 0;
  return new Promise((resolve, reject) => {
    const launch = (i: number): void => {
      const task = tasks[i]!;
      submit(i, { payload: task.payload, deps: task.deps.map((d) => results[d]) }).then((value) => {
        results[i] = value;
        if (++done === tasks.length) resolve(results);
        for (const j of prepared.dependents[i]!) if (--waiting[j]! === 0) launch(j);
      }, reject);
    };
    if (tasks.length === 0) resolve(results);
    for (let i = 0; i < tasks.length; i++) if (waiting[i] === 0) launch(i);
  });
}
