/**
 * `piscina`: the piscina worker-thread pool library, one task per worker at a time (its default), and
 * variants with one option changed, so a table shows which library options matter.
 */
import { setMaxListeners } from 'node:events';
import { Piscina } from 'piscina';
import { describeError, parbenchError, type ParbenchError } from '../errors.js';
import type { Backend, Executor, OpenOptions } from './backend.js';
import { entryUrl } from './paths.js';
import { Watchdog } from './watchdog.js';

/** The piscina options a variant changes. */
export interface PiscinaVariant {
  concurrentTasksPerWorker?: number;
  atomics?: 'sync' | 'async' | 'disabled';
}

async function open(name: string, variant: PiscinaVariant, options: OpenOptions): Promise<Executor> {
  const pool = new Piscina({
    filename: entryUrl('piscina-entry').href,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: Number.MAX_SAFE_INTEGER,
    workerData: { suiteUrl: options.suiteUrl, suiteExport: options.suiteExport, context: options.context },
    ...variant,
  });
  let failure: ParbenchError | undefined;
  const abort = new AbortController();
  // Every queued task listens on the abort signal; thousands may be queued at once.
  setMaxListeners(0, abort.signal);
  const watchdog = new Watchdog(options.taskTimeoutSeconds, () => {
    failure = parbenchError('TASK_TIMEOUT', name, options.taskTimeoutSeconds);
    abort.abort(failure);
  });
  let closed = false;
  const executor: Executor = {
    backend: name,
    workers: options.workers,
    submit(task) {
      if (failure) return Promise.reject(failure);
      if (closed) return Promise.reject(parbenchError('EXECUTOR_CLOSED', name));
      watchdog.started();
      return pool.run(task, { signal: abort.signal }).then(
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
    settings: () => ({ library: 'piscina', concurrentTasksPerWorker: variant.concurrentTasksPerWorker ?? 1, atomics: variant.atomics ?? 'sync' }),
    async close() {
      if (closed) return;
      closed = true;
      watchdog.stop();
      await pool.destroy();
    },
  };
  // Start every thread and load the suite before the clock starts: one no-op round per worker.
  await Promise.all(Array.from({ length: options.workers }, () => pool.run(null, { name: 'ready' })));
  return executor;
}

function piscinaVariant(name: string, description: string, variant: PiscinaVariant): Backend {
  return { name, description, parallel: true, availability: () => ({ available: true }), open: (options) => open(name, variant, options) };
}

export const piscinaBackend = piscinaVariant('piscina', 'piscina worker-thread pool (library executor), default options', {});
export const piscinaC16Backend = piscinaVariant('piscina-c16', 'piscina with concurrentTasksPerWorker: 16', { concurrentTasksPerWorker: 16 });
export const piscinaAtomicsAsyncBackend = piscinaVariant('piscina-atomics-async', "piscina with atomics: 'async'", { atomics: 'async' });
export const piscinaNoAtomicsBackend = piscinaVariant('piscina-no-atomics', "piscina with atomics: 'disabled'", { atomics: 'disabled' });
