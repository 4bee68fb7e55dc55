/** `tinypool`: the tinypool worker-thread pool library (a piscina fork), default options. */
import Tinypool from 'tinypool';
import { describeError, parbenchError, type ParbenchError } from '../errors.js';
import type { Backend, Executor, OpenOptions } from './backend.js';
import { entryUrl } from './paths.js';
import { Watchdog } from './watchdog.js';

async function open(options: OpenOptions): Promise<Executor> {
  const pool = new Tinypool({
    filename: entryUrl('tinypool-entry').href,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: 2 ** 31 - 1,
    isolateWorkers: false,
    workerData: { suiteUrl: options.suiteUrl, suiteExport: options.suiteExport, context: options.context },
  });
  let failure: ParbenchError | undefined;
  let closed = false;
  const watchdog = new Watchdog(options.taskTimeoutSeconds, () => {
    failure = parbenchError('TASK_TIMEOUT', 'tinypool', options.taskTimeoutSeconds);
    void pool.destroy();
  });
  const executor: Executor = {
    backend: 'tinypool',
    workers: options.workers,
    submit(task) {
      if (failure) return Promise.reject(failure);
      if (closed) return Promise.reject(parbenchError('EXECUTOR_CLOSED', 'tinypool'));
      watchdog.started();
      return pool.run(task).then(
        (value: unknown) => {
          watchdog.finished();
          return value;
        },
        (error: unknown) => {
          watchdog.finished();
          throw failure ?? parbenchError('TASK_FAILED', 'tinypool', describeError(error));
        },
      );
    },
    settings: () => ({ library: 'tinypool', isolateWorkers: false }),
    async close() {
      if (closed) return;
      closed = true;
      watchdog.stop();
      await pool.destroy();
    },
  };
  // Start every thread and load the suite before the clock starts: one no-op round per worker.
  try {
    await Promise.all(Array.from({ length: options.workers }, () => pool.run(null)));
  } catch (error) {
    await executor.close();
    throw parbenchError('TASK_FAILED', 'tinypool', describeError(error));
  }
  return executor;
}

export const tinypoolBackend: Backend = {
  name: 'tinypool',
  description: 'tinypool worker-thread pool (library executor), default options',
  parallel: true,
  availability: () => ({ available: true }),
  open,
};
