/**
 * The worker side of every message-passing backend: import the suite module once, then run kernels.
 * Used by the worker-thread entry, the child-process entry and the piscina entry.
 */
import { describeError } from '../errors.js';
import type { OpenOptions, TaskMessage, TracedResult } from './backend.js';
import { commonClockMs, workerName } from './trace-clock.js';
import { busyWork } from './busy-work.js';
import { liveWriter } from './live-slots.js';

export interface HostInit {
  suiteUrl: string;
  suiteExport: string;
  context: unknown;
  /** Rounds of busy work before every task's kernel (OpenOptions.injectRounds); absent normally. */
  injectRounds?: number;
  /** The live view's counters (OpenOptions.live); absent unless `run --live`. */
  live?: SharedArrayBuffer;
  /** Return every result as a TracedResult (OpenOptions.trace); absent normally. */
  trace?: boolean;
}

/** What a worker needs to load a suite, from an executor's open options (structured-clone safe). */
export function hostInit(options: OpenOptions): HostInit {
  const init: HostInit = { suiteUrl: options.suiteUrl, suiteExport: options.suiteExport, context: options.context };
  if (options.injectRounds) init.injectRounds = options.injectRounds;
  if (options.live) init.live = options.live;
  if (options.trace) init.trace = true;
  return init;
}

/** A suite's kernel as a worker calls it: a task's payload, its dependencies' results in order, the shared context. */
export type Kernel = (payload: unknown, deps: unknown[], context: unknown) => unknown;

/**
 * Import the suite module at `init.suiteUrl` and return its kernel, bound to the suite (called with a
 * payload, its dependencies' results and the context). Rejects with a plain Error when the module has no
 * suite export with a kernel.
 */
export async function loadSuiteKernel(init: HostInit): Promise<Kernel> {
  const suite = await importSuite(init);
  const kernel = suite.kernel;
  return (payload, deps, context) => syncResult(kernel.call(suite, payload, deps, context));
}

type LoadedSuite = { kernel: Kernel; span?: (payload: unknown) => readonly [number, number] };

async function importSuite(init: HostInit): Promise<LoadedSuite> {
  const mod = (await import(init.suiteUrl)) as Record<string, Partial<LoadedSuite> | undefined>;
  const suite = mod[init.suiteExport];
  if (!suite || typeof suite.kernel !== 'function') {
    throw new Error(`${init.suiteUrl} has no suite export "${init.suiteExport}"`);
  }
  return suite as LoadedSuite;
}

/** What every backend and the inline runs report when a kernel returns a promise (or any thenable). */
export const KERNEL_PROMISE = 'the kernel returned a promise: a kernel must return its result, not a promise';

/**
 * `value` when it is a kernel's result; throws a plain Error (KERNEL_PROMISE) when it is a promise or
 * another thenable, whose rejection is then ignored. Every backend and the inline runs check results
 * through this, so an async kernel fails alike everywhere instead of being awaited by some backends.
 */
export function syncResult(value: unknown): unknown {
  if (value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function') {
    (value as PromiseLike<unknown>).then(undefined, () => undefined);
    throw new Error(KERNEL_PROMISE);
  }
  return value;
}

/**
 * Import the suite module at `init.suiteUrl` and return a function running one task's kernel with the
 * context, after `init.injectRounds` rounds of busy work when given, and between the live view's stores
 * (live-slots.ts: busy and the suite's span before, the task count after) when `init.live` is given.
 * Rejects with a plain Error when the module has no suite export with a kernel.
 */
export async function loadKernel(init: HostInit): Promise<(task: TaskMessage) => unknown> {
  const run = await loadTask(init);
  if (!init.live) return run;
  const around = liveWriter(init.live);
  const suite = await importSuite(init);
  const span = suite.span?.bind(suite);
  return span ? (task) => around(() => run(task), span(task.payload)) : (task) => around(() => run(task));
}

async function loadTask(init: HostInit): Promise<(task: TaskMessage) => unknown> {
  const kernel = await loadSuiteKernel(init);
  const { context } = init;
  const rounds = init.injectRounds ?? 0;
  const run: (task: TaskMessage) => unknown =
    rounds > 0
      ? (task) => {
          busyWork(rounds);
          return kernel(task.payload, task.deps, context);
        }
      : (task) => kernel(task.payload, task.deps, context);
  return init.trace ? traced(run) : run;
}

/**
 * `run` returning a TracedResult: its value and the common clock (trace-clock.ts) read just before and
 * after it, with this worker's name. Throws what `run` throws.
 */
export function traced(run: (task: TaskMessage) => unknown): (task: TaskMessage) => TracedResult {
  const worker = workerName();
  return (task) => {
    const started = commonClockMs();
    const value = run(task);
    return { value, started, finished: commonClockMs(), worker };
  };
}

/** Messages between a pool driver and its workers. */
export type ToWorker = { type: 'init'; init: HostInit } | { type: 'task'; id: number; task: TaskMessage };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string };

/**
 * Serve the pool protocol over a post/listen pair (a MessagePort or a child's IPC channel). A failed
 * init is reported as an error message with id −1; a kernel's exception as an error message for its
 * task (its message text only). Throws nothing itself.
 */
export function serve(post: (msg: FromWorker) => void, listen: (handler: (msg: ToWorker) => void) => void): void {
  let run: ((task: TaskMessage) => unknown) | undefined;
  listen((msg) => {
    if (msg.type === 'init') {
      loadKernel(msg.init).then(
        (fn) => {
          run = fn;
          post({ type: 'ready' });
        },
        (error: unknown) => post({ type: 'error', id: -1, message: describeError(error) }),
      );
      return;
    }
    try {
      post({ type: 'result', id: msg.id, value: run!(msg.task) });
    } catch (error) {
      post({ type: 'error', id: msg.id, message: describeError(error) });
    }
  });
}
