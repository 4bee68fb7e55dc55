/**
 * What the library-executor adapters (piscina and variants, tinypool, workerpool) share: one task per
 * submit through the library's own queue, a watchdog for stalled tasks, errors turned into ParbenchErrors,
 * and every thread started (suite loaded) by one no-op task per worker before the clock starts.
 */
import { describeError, parbenchError, type ParbenchError } from '../errors.js';
import type { Executor, ExecutorSettings, OpenOptions, TaskMessage } from './backend.js';
import { withinStartup } from './startup.js';
import { Watchdog } from './watchdog.js';

/** The few operations libraryExecutor needs from a pool library. */
export interface LibraryPool {
  /** Run one task on a worker; resolves with the kernel's result. */
  run(task: TaskMessage): Promise<unknown>;
  /** A no-op task; run once per worker at open. */
  warm(): Promise<unknown>;
  /** Stop every thread now (pending tasks fail). */
  destroy(): Promise<void>;
  /** Whether a task's error (one line) says its worker died; the executor then fails as a whole. */
  workerDied(detail: string): boolean;
  /** For libraries that do not fail tasks when a worker dies: report a thread's exit. */
  watchExits?(onExit: (detail: string) => void): void;
  /** Recorded with each point. */
  settings: ExecutorSettings;
}

/**
 * An Executor over a library pool: runs one no-op task per worker before resolving (so start-up is not
 * timed with the tasks), fails the whole executor with TASK_TIMEOUT when a task stalls longer than
 * `options.taskTimeoutSeconds` (0 disables) and with WORKER_EXITED when a worker dies; a task's own
 * error rejects it with TASK_FAILED. Rejects with TASK_FAILED when a warm-up task fails, STARTUP_TIMEOUT
 * / INTERRUPTED as OpenOptions says (the pool destroyed first, in every case).
 */
export async function libraryExecutor(name: string, options: OpenOptions, pool: LibraryPool): Promise<Executor> {
  let failure: ParbenchError | undefined;
  let closed = false;
  // A hung or dead worker fails the whole executor, as in the pools written here: destroying the pool
  // rejects every pending task.
  const failWith = (error: ParbenchError) => {
    if (failure || closed) return;
    failure = error;
    watchdog.stop();
    void pool.destroy();
  };
  const watchdog = new Watchdog(options.taskTimeoutSeconds, () => failWith(parbenchError('TASK_TIMEOUT', name, options.taskTimeoutSeconds)));
  const executor: Executor = {
    backend: name,
    workers: options.workers,
    submit(task) {
      if (failure) return Promise.reject(failure);
      if (closed) return Promise.reject(parbenchError('EXECUTOR_CLOSED', name));
      watchdog.started();
      return pool.run(task).then(
        (value: unknown) => {
          watchdog.finished();
          return value;
        },
        (error: unknown) => {
          watchdog.finished();
          const detail = describeError(error);
          if (pool.workerDied(detail)) failWith(parbenchError('WORKER_EXITED', name, detail));
          throw failure ?? (closed ? parbenchError('EXECUTOR_CLOSED', name) : parbenchError('TASK_FAILED', name, detail));
        },
      );
    },
    settings: () => pool.settings,
    async close() {
      if (closed) return;
      closed = true;
      watchdog.stop();
      if (!failure) await pool.destroy();
    },
  };
  pool.watchExits?.((detail) => failWith(parbenchError('WORKER_EXITED', name, detail)));
  try {
    const warming = Promise.all(Array.from({ length: options.workers }, () => pool.warm())).catch((error: unknown) => {
      throw parbenchError('TASK_FAILED', name, describeError(error));
    });
    await withinStartup(`${name}: the pool`, warming, options);
  } catch (error) {
    await executor.close();
    throw error;
  }
  return executor;
}
