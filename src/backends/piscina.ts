/** `piscina`: the piscina worker-thread pool library, one task per worker at a time (its default). */
import { Piscina } from 'piscina';
import { describeError, parbenchError, type ParbenchError } from '../errors.js';
import type { Backend, Executor, OpenOptions } from './backend.js';
import { entryUrl } from './paths.js';
import { Watchdog } from './watchdog.js';

async function open(options: OpenOptions): Promise<Executor> {
  const pool = new Piscina({
    filename: entryUrl('piscina-entry').href,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: Number.MAX_SAFE_INTEGER,
    workerData: { suiteUrl: options.suiteUrl, suiteExport: options.suiteExport, context: options.context },
  });
  let failure: ParbenchError | undefined;
  let closed = false;
  // A hung or dead worker fails the whole executor, as in the pools written here: destroying the pool
  // rejects every pending task (no per-task AbortSignal, which would add to the overhead measured).
  const failWith = (error: ParbenchError) => {
    if (failure || closed) return;
    failure = error;
    watchdog.stop();
    void pool.destroy();
  };
  const watchdog = new Watchdog(options.taskTimeoutSeconds, () =>
    failWith(parbenchError('TASK_TIMEOUT', 'piscina', options.taskTimeoutSeconds)),
  );
  const executor: Executor = {
    backend: 'piscina',
    workers: options.workers,
    submit(task) {
      if (failure) return Promise.reject(failure);
      if (closed) return Promise.reject(parbenchError('EXECUTOR_CLOSED', 'piscina'));
      watchdog.started();
      return pool.run(task).then(
        (value: unknown) => {
          watchdog.finished();
          return value;
        },
        (error: unknown) => {
          watchdog.finished();
          const detail = describeError(error);
          if (/^worker exited/i.test(detail)) failWith(parbenchError('WORKER_EXITED', 'piscina', detail));
          throw failure ?? (closed ? parbenchError('EXECUTOR_CLOSED', 'piscina') : parbenchError('TASK_FAILED', 'piscina', detail));
        },
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      watchdog.stop();
      if (!failure) await pool.destroy();
    },
  };
  // Start every thread and load the suite before the clock starts: one no-op round per worker.
  await Promise.all(Array.from({ length: options.workers }, () => pool.run(null, { name: 'ready' })));
  return executor;
}

export const piscinaBackend: Backend = {
  name: 'piscina',
  description: 'piscina worker-thread pool (library executor), default options',
  parallel: true,
  availability: () => ({ available: true }),
  open,
};
