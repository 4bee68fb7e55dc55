/**
 * The backend interface: a tagged union of two kinds.
 * - `executor` backends open a pool in this process tree (`open` with W workers) that runs tasks of one
 *   suite; the runner submits tasks and times them. Such a backend knows nothing of suites beyond
 *   "a module URL + export name + a payload": workers import the module, take `suite.kernel`, and call
 *   it with each task's payload and its dependencies' results.
 * - `remote` backends are drivers in another runtime that time their own tasks (see remote.ts).
 */
import type { RemoteBackend } from './remote.js';
import type { StartupBounds } from './startup.js';

export interface TaskMessage {
  payload: unknown;
  /** Results of the tasks this one depends on, in order. */
  deps: unknown[];
}

/**
 * What opening a pool takes. `startupTimeoutSeconds` bounds the start-up (every worker ready, the suite
 * loaded: STARTUP_TIMEOUT after it) and `signal` stops a start-up still under way (INTERRUPTED); either
 * way, open rejects only after everything it started is stopped.
 */
export interface OpenOptions extends StartupBounds {
  /** Workers W to start. */
  workers: number;
  /** file: URL of the suite module a worker imports (already resolved to runnable JavaScript). */
  suiteUrl: string;
  /** Name of the export that holds the suite object. */
  suiteExport: string;
  /** Data sent to each worker once, passed to every kernel call. */
  context: unknown;
  /** Seconds a task may make no progress before the executor fails with TASK_TIMEOUT (0 disables). */
  taskTimeoutSeconds: number;
  /**
   * Rounds of busy work (busy-work.ts) every task does on its worker before its kernel: the calibrated
   * `--inject-overhead`, a test of the gate's sensitivity. Absent or 0 in a normal run.
   */
  injectRounds?: number;
  /**
   * The live view's counters (live-slots.ts), one slot per worker: each worker of a thread pool stores
   * its task count, whether it is busy and its task's span there. Absent unless `run --live`; backends
   * whose workers cannot share memory with this thread (processes, drivers) leave it unused.
   */
  live?: SharedArrayBuffer;
  /**
   * Tracing (run --trace): every task's result comes back as a TracedResult (src/trace/spans.ts) holding
   * the value and the kernel's start and end on the common clock (trace-clock.ts). Absent normally: an
   * untraced pool runs the plain kernel.
   */
  trace?: boolean;
}

/**
 * A point's whole task set with its dependency structure worked out (the runner's PreparedTasks):
 * what an executor that takes a batch at a time (`runTasks`) is given.
 */
export interface TaskGraph {
  tasks: readonly TaskMessageSource[];
  /** true when no task has dependencies. */
  independent: boolean;
  /** For each task, the tasks that wait on it. */
  dependents: readonly (readonly number[])[];
  /** For each task, how many dependencies it has (one Int32 per task). */
  depCounts: Int32Array;
}

export interface TaskMessageSource {
  payload: unknown;
  /** Indices of earlier tasks whose results this one takes. */
  deps: readonly number[];
}

/**
 * What a batch run resolves with once the last result is in: a way to read the results (in task order)
 * that the runner calls after its clock has stopped. The results already exist when the promise
 * resolves (e.g. in shared memory); `collect` only turns them into the kernel's return values for
 * combine and verify, as combine itself is untimed.
 */
export interface BatchResults {
  collect(): unknown[];
  /** When the executor was opened with `trace`: each task's worker and instants (TaskTimes), read after the clock stops. */
  taskTimes?(): TaskTimes;
}

/** What a worker sends back for each task when tracing is on (OpenOptions.trace). */
export interface TracedResult {
  /** The kernel's result. */
  value: unknown;
  /** Milliseconds on the common clock (trace-clock.ts) when the kernel started and returned. */
  started: number;
  finished: number;
  /** The worker that ran it (workerName of trace-clock.ts). */
  worker: string;
}

/**
 * Per-task instants of one batch run by an executor that releases its own dependent tasks (shm), in
 * milliseconds on the common clock (trace-clock.ts), one entry per task in task order.
 */
export interface TaskTimes {
  /** When the task became ready: the batch's start for tasks without dependencies, else the last dependency's end. */
  submitted: Float64Array;
  started: Float64Array;
  finished: Float64Array;
  /** When the result was where the runner reads it. */
  received: Float64Array;
  /** The worker that ran each task. */
  worker: string[];
}

/** Settings an executor ran with, recorded with each point (e.g. spin length, result path). */
export type ExecutorSettings = Record<string, string | number | boolean | null>;

export interface Executor {
  readonly backend: string;
  readonly workers: number;
  /**
   * Run one task; resolves with the kernel's result. Rejects with TASK_FAILED when the kernel throws,
   * EXECUTOR_CLOSED after close, or the executor's failure (WORKER_EXITED, TASK_TIMEOUT) once it has one.
   */
  submit(task: TaskMessage): Promise<unknown>;
  /**
   * Optional: lay out a point's task set once, before timing (inputs into shared memory and the like).
   * Called by the runner right after open, as part of start-up.
   */
  load?(graph: TaskGraph): Promise<void>;
  /**
   * Optional: get ready for the next run just before the runner starts its clock (untimed), e.g. wake
   * parked workers (shm). Called before every timed and warm-up repetition; rejects only with the
   * executor's own failure (WORKER_EXITED, TASK_TIMEOUT …), as its next run would.
   */
  prime?(): Promise<void>;
  /** Optional: run a whole (loaded) task set, releasing dependent tasks itself; used instead of submit. */
  runTasks?(graph: TaskGraph): Promise<BatchResults>;
  /** Optional: the settings this executor runs with, recorded in the point. */
  settings?(): ExecutorSettings;
  /** Stop every worker; idempotent. Pending tasks are rejected. */
  close(): Promise<void>;
}

export type Availability = { available: true } | { available: false; reason: string };

/** What every backend has, whatever its kind: what `parbench list` shows and the config checks. */
export interface BackendInfo {
  readonly name: string;
  readonly description: string;
  /** false for backends that always use one worker (the planner gives them one point per grain). */
  readonly parallel: boolean;
  availability(): Availability;
}

/** A backend that opens a pool here; the runner submits the tasks and reads the clock around them. */
export interface ExecutorBackend extends BackendInfo {
  readonly kind: 'executor';
  /**
   * Start `options.workers` workers with the suite's kernel loaded. Rejects with a ParbenchError
   * (WORKER_EXITED, TASK_FAILED …) when the pool cannot start, STARTUP_TIMEOUT when it has not started
   * within `options.startupTimeoutSeconds`, INTERRUPTED when `options.signal` aborts first; every
   * worker it started is stopped before it rejects.
   */
  open(options: OpenOptions): Promise<Executor>;
}

/** Every backend: an executor backend or a remote one (a driver in another runtime). */
export type Backend = ExecutorBackend | RemoteBackend;
