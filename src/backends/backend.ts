/**
 * The backend interface. A backend opens an executor with W workers that runs tasks of one suite.
 * It knows nothing of suites beyond "a module URL + export name + a payload": workers import the
 * module, take `suite.kernel`, and call it with each task's payload and its dependencies' results.
 */

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

export interface Executor {
  readonly backend: string;
  readonly workers: number;
  /** Run one task; resolves with the kernel's result. */
  submit(task: TaskMessage): Promise<unknown>;
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
}
