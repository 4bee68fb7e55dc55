/**
 * What the library-executor adapters (piscina and variants, tinypool, workerpool) share: one task per
 * submit through the library's own queue, a watchdog for stalled tasks, errors turned into ParbenchErrors,
 * and every thread started (suite loaded) by one no-op task per worker before the clock starts.
 */
import { describeError, parbenchError, type ParbenchError } from '../errors.js';
import type { Executor, ExecutorSettings, OpenOptions, TaskMessage } from './backend.js';
import { Watchdog } from './watchdog.js';

export interface LibraryPool {
  run(task: TaskMessage): Promise<unknown>;
  /** A no-op task; run once per worker at open. */
  warm(): Promise<unknown>;
  /** Stop every thread now (pending tasks fail). */
  destroy(): Promise<void>;
  settings: ExecutorSettings;
}

export async function libraryExecutor(name: string, options: OpenOptions, pool: LibraryPool): Promise<Executor> {
  let failure: ParbenchError | undefined;
  let closed = false;
  const watchdog = new Watchdog(options.taskTimeoutSeconds, () => {
    failure = parbenchError('TASK_TIMEOUT', name, options.taskTimeoutSeconds);
    void pool.destroy();
  });
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
          throw failure ?? parbenchError('TASK_FAILED', name, describeError(error));
        },
      );
    },
    settings: () => pool.settings,
    async close() {
      if (closed) return;
      closed = true;
      watchdog.stop();
      await pool.destroy();
    },
  };
  try {
    await Promise.all(Array.from({ length: options.workers }, () => pool.warm()));
  } catch (error) {
    await executor.close();
    throw parbenchError('TASK_FAILED', name, describeError(error));
  }
  return executor;
}
