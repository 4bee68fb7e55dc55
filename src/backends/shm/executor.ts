/**
 * The shm driver: persistent worker threads over one shared control block, W − 1 of them with the
 * driver thread as the W-th member of the team (`team`), else W. A point's tasks are laid out once and
 * the pool warmed on them (`load`, untimed); each run resets the ring, writes the ready tasks into it as
 * one batch, publishes RUN (waking only parked workers), runs its share of the tasks (in a team) and
 * waits with Atomics.waitAsync until the last worker has left the run.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { parbenchError, type ParbenchError } from '../../errors.js';
import type { BatchResults, Executor, ExecutorSettings, OpenOptions, TaskGraph, TaskTimes } from '../backend.js';
import { commonClockMs } from '../trace-clock.js';
import { entryUrl } from '../paths.js';
import { withinStartup } from '../startup.js';
import type { SharedForm, SharedLayout } from '../../../suites/shared.js';
import { newArena, newSlots, readAll } from './arena.js';
import { layOutGraph, type LaidOutGraph } from './graph.js';
import { CMD, CTL, CTL_LENGTH, publish, type LoadMessage, type ShmTrace } from './protocol.js';
import type { FromShmWorker, ShmWorkerInit } from './shm-worker-entry.js';
import { hostInit, syncResult, type Kernel } from '../task-host.js';
import { liveWriter } from '../live-slots.js';
import { describeError } from '../../errors.js';
import { bindPoint, driverTakes, driverWorks, type BoundPoint, type RunOptions, type ShmSuite } from './task-runner.js';

/** Spin lengths, in loads of a shared word (not time), before a waiter parks. */
export interface ShmSettings {
  /** Loads of a ring slot a waiting worker makes before parking on it with Atomics.wait (in a run). */
  spin: number;
  /** Loads of the control word an idle worker makes before parking (between runs). */
  idleSpin: number;
  /**
   * Loads of the idle count the driver makes, once it has run out of tasks to take in a run without
   * dependencies, before it waits asynchronously.
   */
  driverSpin: number;
  /** Whether the driver thread takes tasks itself while the workers wake (see protocol.ts). */
  driverTakes: boolean;
  /**
   * Whether the driver thread is one of the W (W − 1 worker threads; with W = 1 there is one thread and
   * no team): it takes part in every run from RUN to the end, as the calling thread of an OpenMP
   * parallel region does, instead of waiting beside W threads on W cores.
   */
  team: boolean;
  /**
   * Whether `prime` wakes the workers before the runner starts its clock, so a run starts with them
   * spinning; off, a run starts by waking parked workers (inside T_par).
   */
  prime: boolean;
  /** Loads of the control word a primed worker makes waiting for RUN before it parks again. */
  primeSpin: number;
  /**
   * Tasks the executor runs untimed at each `load` (the point's task set, over and over) before the first
   * timed run, so the workers' claim loops and the kernel are compiled — and recompiled for this task
   * set's sizes and work — by V8's optimizing tier; 0 turns warming off.
   */
  warmTasks: number;
  /** Longest the warming at one `load` lasts, in milliseconds (it stops after the run that passes it). */
  warmMs: number;
}

/** Longest the driver spins in `prime` waiting for every worker to be awake, in milliseconds. */
const PRIME_WAIT_MS = 20;

interface Point {
  /** The task set this layout was made from. */
  source: TaskGraph;
  count: number;
  graph: LaidOutGraph;
  /** The point bound in the driver thread, for the tasks it takes. */
  bound: BoundPoint;
  ring: Int32Array;
  pending: Int32Array;
  collect: () => unknown[];
  results: 'shared' | 'serialized';
  /** Where workers write each task's instants, when the executor was opened with trace. */
  trace?: ShmTrace;
}

/**
 * A traced batch's TaskTimes: started, finished and worker as the workers wrote them; submitted = the
 * batch's start (`begin`) for tasks without dependencies, else the end of their last dependency (when a
 * worker made them ready); received = `end`, when the driver saw the batch done, as results are read
 * only then. Milliseconds on the common clock.
 */
export function taskTimes(graph: TaskGraph, trace: ShmTrace, begin: number, end: number): TaskTimes {
  const times = new Float64Array(trace.times);
  const ids = new Int32Array(trace.workers);
  const n = graph.tasks.length;
  const started = new Float64Array(n);
  const finished = new Float64Array(n);
  const submitted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    started[i] = times[2 * i]!;
    finished[i] = times[2 * i + 1]!;
    submitted[i] = graph.tasks[i]!.deps.reduce((last, d) => Math.max(last, times[2 * d + 1]!), begin);
  }
  return { submitted, started, finished, received: new Float64Array(n).fill(end), worker: Array.from(ids, (id) => `thread ${id}`) };
}

/** Atomics.waitAsync (Node ≥ 16; typed in lib es2024, newer than this project's lib). */
type WaitAsync = (array: Int32Array, index: number, value: number, timeoutMs: number) =>
  { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

type SuiteModule = Record<string, { kernel?: Kernel; shared?: SharedForm<unknown, unknown> } | undefined>;

/** The suite as the driver thread runs it (kernel checked as the workers check it); undefined without a kernel. */
function driverSuite(suite: { kernel?: Kernel; shared?: SharedForm<unknown, unknown> } | undefined): ShmSuite | undefined {
  if (!suite || typeof suite.kernel !== 'function') return undefined;
  const kernel = suite.kernel;
  const run: Kernel = (payload, deps, context) => syncResult(kernel.call(suite, payload, deps, context));
  return suite.shared ? { kernel: run, shared: suite.shared } : { kernel: run };
}

/**
 * An Executor that runs whole task sets (`runTasks`), not single tasks: `submit` always rejects with
 * TASK_FAILED. Results live in the suite's shared form when it has one, else in a serialized arena.
 * A worker's kernel error fails the executor with TASK_FAILED, a worker's exit with WORKER_EXITED,
 * and no task claimed for taskTimeoutSeconds with TASK_TIMEOUT; after close, load rejects with
 * EXECUTOR_CLOSED.
 */
export class ShmExecutor implements Executor {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(CTL_LENGTH * 4));
  private readonly threads: Worker[] = [];
  /** Worker threads: W − 1 in a team (the driver is the W-th), else W. */
  private readonly threadCount: number;
  private readonly ports: MessagePort[] = [];
  private point: Point | undefined;
  private ran = 0;
  private failure: ParbenchError | undefined;
  private onFailure: ((error: ParbenchError) => void) | undefined;
  private closed = false;
  /** How the driver thread runs the tasks it takes: a copy of the context, as every worker receives it. */
  private readonly runOptions: RunOptions;

  private constructor(
    readonly backend: string,
    readonly workers: number,
    private readonly options: OpenOptions,
    private readonly tuning: ShmSettings,
    private readonly suite: ShmSuite | undefined,
  ) {
    this.runOptions = { context: structuredClone(options.context), injectRounds: options.injectRounds, fault: process.env.PARBENCH_SHM_FAULT };
    this.threadCount = this.inTeam ? workers - 1 : workers;
    // `run --live`: a member of the team shows in the live view like a worker (it takes the first slot).
    if (this.inTeam && options.live) this.runOptions.live = liveWriter(options.live, false);
  }

  /** Whether the driver works as the W-th member (team on, W ≥ 2, a kernel to run here). */
  private get inTeam(): boolean {
    return this.tuning.team && this.workers >= 2 && this.suite !== undefined;
  }

  /** Tasks run since open, timed runs and warming alike. */
  get tasksRun(): number {
    return this.ran;
  }

  private get shared(): SharedForm<unknown, unknown> | undefined {
    return this.suite?.shared;
  }

  /**
   * Import the suite module (for its shared form), start `options.workers` threads and wait until all
   * are idle. Rejects with WORKER_EXITED or TASK_FAILED when a worker cannot start, STARTUP_TIMEOUT /
   * INTERRUPTED as OpenOptions says (the executor is closed first), or with whatever importing the
   * suite module throws.
   */
  static async open(backend: string, options: OpenOptions, tuning: ShmSettings): Promise<ShmExecutor> {
    let executor: ShmExecutor | undefined;
    let gaveUp = false;
    const starting = (async () => {
      const mod = (await import(options.suiteUrl)) as SuiteModule;
      if (gaveUp) throw parbenchError('EXECUTOR_CLOSED', backend);
      executor = new ShmExecutor(backend, options.workers, options, tuning, driverSuite(mod[options.suiteExport]));
      await Promise.all(Array.from({ length: executor.threadCount }, () => executor!.start()));
      await executor.allIdle();
      return executor;
    })();
    try {
      return await withinStartup(`${backend}: the pool`, starting, options);
    } catch (error) {
      gaveUp = true;
      starting.catch(() => undefined);
      await executor?.close();
      throw error;
    }
  }

  private start(): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    const init: ShmWorkerInit = {
      ...hostInit(this.options),
      control: this.ctl.buffer as SharedArrayBuffer,
      port: port2,
      workers: this.threadCount,
      members: this.workers,
      spin: this.tuning.spin,
      idleSpin: this.tuning.idleSpin,
      primeSpin: this.tuning.prime ? this.tuning.primeSpin : this.tuning.idleSpin,
    };
    const thread = new Worker(entryUrl('shm/shm-worker-entry'), { workerData: init, transferList: [port2] });
    this.threads.push(thread);
    this.ports.push(port1);
    return new Promise<void>((ready, failed) => {
      thread.on('message', (msg: FromShmWorker) => {
        if (msg.type === 'ready') return ready();
        const error = parbenchError('TASK_FAILED', this.backend, msg.message);
        failed(error);
        this.fail(error);
      });
      thread.on('error', (error) => this.fail(parbenchError('WORKER_EXITED', this.backend, error.message)));
      thread.on('exit', (code) => {
        const error = parbenchError('WORKER_EXITED', this.backend, `exit code ${code}`);
        failed(error);
        this.fail(error);
      });
    });
  }

  /** The spin settings and the executor's design choices, recorded with each point. */
  settings(): ExecutorSettings {
    return {
      executor: 'shm',
      spin: this.tuning.spin,
      idleSpin: this.tuning.idleSpin,
      driverSpin: this.tuning.driverSpin,
      driverTakes: this.tuning.driverTakes,
      team: this.inTeam,
      threads: this.threadCount,
      prime: this.tuning.prime,
      primeSpin: this.tuning.prime ? this.tuning.primeSpin : null,
      warmTasks: this.tuning.warmTasks,
      warmMs: this.tuning.warmTasks > 0 ? this.tuning.warmMs : null,
      claims: 'guided chunks (remaining/(4W), at most 64) of the slots filled before a run; one slot at a time for tasks released during it',
      release: 'a worker runs the first dependent it releases itself; others go into the ring',
      results: this.point?.results ?? (this.shared ? 'shared' : 'serialized'),
      submission: 'ring of task ids in shared memory; ready tasks written as one batch per run',
      wake: this.inTeam
        ? 'one store of the epoch word, one notify for all parked workers; the driver runs tasks as the W-th member until none is left for it'
        : this.tuning.driverTakes
        ? 'one store of the epoch word, one notify for all parked workers; the driver takes tasks until every worker has joined'
        : 'one store of the epoch word, one notify for all parked workers; the driver waits with Atomics.waitAsync',
      resultsRead: 'after the clock (collect), like combine',
    };
  }

  submit(): Promise<unknown> {
    return Promise.reject(parbenchError('TASK_FAILED', this.backend, 'shm runs whole task sets (runTasks), not single tasks'));
  }

  /**
   * Before the runner's clock starts (untimed): wake every worker (PRIME) and spin until all are awake
   * or PRIME_WAIT_MS passed, so the run that follows starts with workers spinning on the control word
   * instead of parked (their wake-up is paid here, not in T_par). Nothing when priming is off or the
   * executor has failed or closed; rejects with the executor's failure when one arrives while it waits
   * for the workers to be idle.
   */
  async prime(): Promise<void> {
    if (!this.tuning.prime || this.closed || this.failure) return;
    await this.allIdle();
    publish(this.ctl, CMD.PRIME);
    const deadline = performance.now() + PRIME_WAIT_MS;
    while (Atomics.load(this.ctl, CTL.IDLE) < this.threadCount && Atomics.load(this.ctl, CTL.FAILED) === 0 && performance.now() < deadline);
  }

  /**
   * Lay the task set out in shared memory, hand it to every worker and warm the pool on it (untimed
   * start-up of a point: `warm`). Rejects with the executor's failure, or as runTasks does while warming.
   */
  async load(graph: TaskGraph): Promise<void> {
    this.check();
    const count = graph.tasks.length;
    const laid = layOutGraph(graph);
    let msg: LoadMessage;
    let collect: () => unknown[];
    if (this.shared) {
      const layout: SharedLayout = this.shared.layout(graph.tasks as never);
      msg = { results: 'shared', count, graph: laid.shared, layout };
      const shared = this.shared;
      collect = () => shared.collect(layout, count);
    } else {
      const arena = newArena();
      const slots = newSlots(count);
      msg = { results: 'serialized', count, graph: laid.shared, payloads: graph.tasks.map((t) => t.payload), arena, slots };
      collect = () => readAll(arena, slots, count);
    }
    if (this.options.trace) msg.trace = { times: new SharedArrayBuffer(16 * count), workers: new SharedArrayBuffer(4 * count) };
    const bound = bindPoint(this.suite ?? { kernel: () => undefined }, msg, this.ctl, this.runOptions, true);
    this.point = {
      ...(msg.trace ? { trace: msg.trace } : {}),
      source: graph,
      count,
      graph: laid,
      bound,
      ring: new Int32Array(laid.shared.ring),
      pending: new Int32Array(laid.shared.pending),
      collect,
      results: msg.results,
    };
    await this.allIdle();
    for (const port of this.ports) port.postMessage(msg);
    publish(this.ctl, CMD.LOAD);
    await this.allIdle();
    if (Atomics.load(this.ctl, CTL.FAILED) !== 0) throw await this.failed();
    await this.warm(graph);
  }

  /**
   * Run the loaded task set untimed until `warmTasks` of its tasks ran or `warmMs` passed: the first
   * timed runs on a fresh pool, and the first ones on a new task set (a new chunk or work makes V8
   * recompile the kernel), otherwise take 2–10× longer. Rejects as runTasks does.
   */
  private async warm(graph: TaskGraph): Promise<void> {
    if (graph.tasks.length === 0) return;
    const start = performance.now();
    const until = this.ran + this.tuning.warmTasks;
    while (this.ran < until && performance.now() - start < this.tuning.warmMs) {
      await this.prime();
      await this.runTasks(graph);
    }
  }

  /** The failure a worker reported (its message arrives shortly after it set FAILED). */
  private failed(): Promise<ParbenchError> {
    if (this.failure) return Promise.resolve(this.failure);
    return new Promise((resolve) => {
      this.onFailure = resolve;
    });
  }

  /**
   * Run the whole task set once (loading it first if it is not the loaded one); resolves when every
   * worker is idle again. Rejects with the executor's failure (see the class comment), TASK_FAILED when
   * a task the driver took threw.
   */
  async runTasks(graph: TaskGraph): Promise<BatchResults> {
    if (this.point?.source !== graph) await this.load(graph);
    const point = this.point!;
    await this.allIdle();
    const { ctl } = this;
    const begin = point.trace ? commonClockMs() : 0;
    this.ran += point.count;
    if (point.count > 0) {
      this.startRun(point, graph.independent);
      const drained = this.driverShare(point, graph.independent);
      // Out of tasks in a dependency-free run: the workers are on their last chunks, look a few times.
      if (drained && graph.independent) for (let s = 0; s < this.tuning.driverSpin && Atomics.load(ctl, CTL.IDLE) < this.threadCount; s++);
      await this.allIdle();
      if (Atomics.load(ctl, CTL.FAILED) !== 0) throw await this.failed();
    }
    if (!point.trace) return { collect: point.collect };
    const times = taskTimes(graph, point.trace, begin, commonClockMs());
    return { collect: point.collect, taskTimes: () => times };
  }

  /** Reset the ring and counters, write the ready tasks as one batch and publish RUN. */
  private startRun(point: Point, independent: boolean): void {
    const { ctl } = this;
    const roots = point.graph.rootSlots;
    point.ring.fill(0);
    point.ring.set(roots);
    point.pending.set(point.graph.depCounts);
    for (const word of [CTL.HEAD, CTL.ARENA_TOP, CTL.DONE, CTL.JOINED]) Atomics.store(ctl, word, 0);
    Atomics.store(ctl, CTL.TAIL, roots.length);
    Atomics.store(ctl, CTL.ROOTS, roots.length);
    Atomics.store(ctl, CTL.SINKS, point.graph.sinks);
    Atomics.store(ctl, CTL.COUNT, point.count);
    Atomics.store(ctl, CTL.INDEPENDENT, independent ? 1 : 0);
    publish(ctl, CMD.RUN);
  }

  /**
   * The driver thread's share of a run: in a team, its part of the whole run (driverWorks); outside one,
   * with `driverTakes`, tasks until every worker has joined (driverTakes). True when no task was left for
   * it. A task that throws here fails the executor (TASK_FAILED), as in a worker.
   */
  private driverShare(point: Point, independent: boolean): boolean {
    const taken = this.inTeam
      ? { drained: true, error: driverWorks(this.ctl, point.bound, this.workers, independent, this.tuning.spin) }
      : this.tuning.driverTakes && this.suite
        ? driverTakes(this.ctl, point.bound, this.threadCount, point.graph.rootSlots.length, !independent)
        : { drained: false, error: undefined };
    if (taken.error !== undefined) this.fail(parbenchError('TASK_FAILED', this.backend, describeError(taken.error)));
    return taken.drained;
  }

  /** Resolves when all workers are idle (between commands). */
  private allIdle(): Promise<void> {
    return this.until(CTL.IDLE, this.threadCount);
  }

  /**
   * Resolves once ctl[index] reaches `target`, waiting with Atomics.waitAsync; rejects on a failure,
   * or when neither it nor the claim counter moves for the task timeout.
   */
  private until(index: number, target: number): Promise<void> {
    const timeout = this.options.taskTimeoutSeconds;
    const tickMs = timeout > 0 ? Math.min(1000, (timeout * 1000) / 4) : 1000;
    const stallLimit = timeout > 0 ? Math.ceil((timeout * 1000) / tickMs) : Infinity;
    return new Promise<void>((resolve, reject) => {
      this.onFailure = reject;
      let last = -1;
      let stalled = 0;
      const check = (): void => {
        if (this.failure) return reject(this.failure);
        const value = Atomics.load(this.ctl, index);
        if (value >= target) {
          this.onFailure = undefined;
          return resolve();
        }
        // Progress: a worker claims its next slot only after finishing a task.
        const progress = value + Atomics.load(this.ctl, CTL.HEAD);
        if (progress === last) {
          if (++stalled >= stallLimit) return this.fail(parbenchError('TASK_TIMEOUT', this.backend, timeout));
        } else {
          stalled = 0;
          last = progress;
        }
        const wait = waitAsync(this.ctl, index, value, tickMs);
        if (wait.async) void wait.value.then(check);
        else queueMicrotask(check);
      };
      check();
    });
  }

  private check(): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw parbenchError('EXECUTOR_CLOSED', this.backend);
  }

  private fail(error: ParbenchError): void {
    if (this.failure || this.closed) return;
    this.failure = error;
    Atomics.store(this.ctl, CTL.FAILED, 1);
    this.onFailure?.(error);
    void this.terminate();
  }

  private async terminate(): Promise<void> {
    Atomics.store(this.ctl, CTL.FAILED, 1);
    Atomics.notify(this.ctl, CTL.IDLE);
    await Promise.all(this.threads.map((t) => t.terminate().catch(() => undefined)));
    for (const port of this.ports) port.close();
  }

  /** Terminate every worker; a pending wait rejects with EXECUTOR_CLOSED. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onFailure?.(parbenchError('EXECUTOR_CLOSED', this.backend));
    await this.terminate();
  }
}
