/** `workerpool`: the workerpool library with worker threads (workerType 'thread'), default options. */
import { fileURLToPath } from 'node:url';
import workerpool from 'workerpool';
import { describeError, parbenchError, type ParbenchError } from '../errors.js';
import type { Backend, Executor, OpenOptions } from './backend.js';
import { entryUrl } from './paths.js';
import { Watchdog } from './watchdog.js';

async function open(options: OpenOptions): Promise<Executor> {
  const pool = workerpool.pool(fileURLToPath(entryUrl('workerpool-entry')), {
    workerType: 'thread',
    minWorkers: options.workers,
    maxWorkers: options.workers,
    workerThreadOpts: { workerData: { suiteUrl: options.suiteUrl, suiteExport: options.suiteExport, context: options.context } },
  });
  let failure: ParbenchError | undefined;
  let closed = false;
  const watchdog = new Watchdog(options.taskTimeoutSeconds, () => {
    failure = parbenchError('TASK_TIMEOUT', 'workerpool', options.taskTimeoutSeconds);
    void pool.terminate(true);
  });
  const executor: Executor = {
    backend: 'workerpool',
    workers: options.workers,
    submit(task) {
      if (failure) return Promise.reject(failure);
      if (closed) return Promise.reject(parbenchError('EXECUTOR_CLOSED', 'workerpool'));
      watchdog.started();
      return Promise.resolve(pool.exec('run', [task])).then(
        (value: unknown) => {
          watchdog.finished();
          return value;
        },
        (error: unknown) => {
          watchdog.finished();
          throw failure ?? parbenchError('TASK_FAILED', 'workerpool', describeError(error));
        },
      );
    },
    settings: () => ({ library: 'workerpool', workerType: 'thread' }),
    async close() {
      if (closed) return;
      closed = true;
      watchdog.stop();
      await pool.terminate(true);
    },
  };
  // Start every thread and load the suite before the clock starts: one no-op round per worker.
  try {
    await Promise.all(Array.from({ length: options.workers }, () => pool.exec('ready', [])));
  } catch (error) {
    await executor.close();
    throw parbenchError('TASK_FAILED', 'workerpool', describeError(error));
  }
  return executor;
}

export const workerpoolBackend: Backend = {
  name: 'workerpool',
  description: "workerpool library (library executor), worker threads, default options",
  parallel: true,
  availability: () => ({ available: true }),
  open,
};
