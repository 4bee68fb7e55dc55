/**
 * The backend interface. A backend opens an executor with W workers that runs tasks of one suite.
 * It knows nothing of suites beyond "a module URL + export name + a payload": workers import the
 * module, take `suite.kernel`, and call it with each task's payload and its dependencies' results.
 */
import type { RuntimeInfo } from '../record/index.js';

export interface TaskMessage {
  payload: unknown;
  /** Results of the tasks this one depends on, in order. */
  deps: unknown[];
}

export interface OpenOptions {
  workers: number;
  /** file: URL of the suite module a worker imports (already resolved to runnable JavaScript). */
  suiteUrl: string;
  /** Name of the export that holds the suite object. */
  suiteExport: string;
  /** Data sent to each worker once, passed to every kernel call. */
  context: unknown;
  /** A task that makes no progress for this long fails the executor (0 disables). */
  taskTimeoutSeconds: number;
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
  /** For each task, how many dependencies it has. */
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
}

/** Settings an executor ran with, recorded with each point (e.g. spin length, result path). */
export type ExecutorSettings = Record<string, string | number | boolean | null>;

export interface Executor {
  readonly backend: string;
  readonly workers: number;
  /** Run one task; resolves with the kernel's result. */
  submit(task: TaskMessage): Promise<unknown>;
  /**
   * Optional: lay out a point's task set once, before timing (inputs into shared memory and the like).
   * Called by the runner right after open, as part of start-up.
   */
  load?(graph: TaskGraph): Promise<void>;
  /** Optional: run a whole (loaded) task set, releasing dependent tasks itself; used instead of submit. */
  runTasks?(graph: TaskGraph): Promise<BatchResults>;
  /** Optional: the settings this executor runs with, recorded in the point. */
  settings?(): ExecutorSettings;
  /** Stop every worker; idempotent. Pending tasks are rejected. */
  close(): Promise<void>;
}

export type Availability = { available: true } | { available: false; reason: string };

export interface Backend {
  readonly name: string;
  readonly description: string;
  /** false for in-process backends that always use one worker. */
  readonly parallel: boolean;
  availability(): Availability;
  open(options: OpenOptions): Promise<Executor>;
  /** Present on remote-timed backends: the runner measures through this instead of `open`. */
  readonly remote?: RemoteBackend;
}

/**
 * A remote-timed backend runs in another process that times its own tasks (the Python driver): a
 * per-task message over a pipe would measure the pipe, not the runtime. The runner plans a point with
 * it (calibrating on that interpreter and timing its sequential reference), runs it, and verifies the
 * result fingerprints it sends back against TypeScript's own result for the same knob.
 */
export interface RemoteKnob {
  chunk: number;
  work: number;
}

export interface DriverPointRequest {
  suite: string;
  params: Record<string, number | string | null>;
  seed: number;
  warmup: number;
  repeats: number;
}

export interface RemotePlan {
  knob: RemoteKnob;
  perTask: number;
  reachable: boolean;
  tunedBy: 'chunk' | 'work' | 'floor';
  tasks: number;
  /** The interpreter's own sequential reference: inline kernel calls, batch-timed. */
  sequential: { samples: number[]; warmupSamples: number[]; loops: number; checksum: string; tasks: number };
}

export interface RemoteTiming {
  startupSeconds: number;
  samples: number[];
  warmupSamples: number[];
  /** The result fingerprint (suite.checksum) and task count of every repetition, warm-up first. */
  checksums: string[];
  tasks: number[];
}

export interface RemoteSession {
  /** The interpreter the session runs, as it reported itself when it started. */
  readonly runtime?: RuntimeInfo;
  plan(request: DriverPointRequest & { grain: number; minSampleSeconds: number }): Promise<RemotePlan>;
  run(request: DriverPointRequest & { backend: string; workers: number; knob: RemoteKnob }, onRepeat?: (done: number, total: number) => void): Promise<RemoteTiming>;
  /** Stop the session and every process it started; idempotent. */
  close(): Promise<void>;
}

export interface RemoteBackend {
  /** Points of backends with the same key share one calibration and sequential reference per run. */
  readonly planKey: string;
  /** The suites the remote side implements; the runner skips this backend for the others. */
  readonly suites: readonly string[];
  start(options: { taskTimeoutSeconds: number }): Promise<RemoteSession>;
}
