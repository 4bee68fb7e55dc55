/** `workerpool`: the workerpool library with worker threads (workerType 'thread'), default options. */
import { fileURLToPath } from 'node:url';
import workerpool from 'workerpool';
import type { Executor, ExecutorBackend, OpenOptions } from './backend.js';
import { libraryExecutor } from './library.js';
import { entryUrl } from './paths.js';
import { hostInit } from './task-host.js';

function open(options: OpenOptions): Promise<Executor> {
  const pool = workerpool.pool(fileURLToPath(entryUrl('workerpool-entry')), {
    workerType: 'thread',
    minWorkers: options.workers,
    maxWorkers: options.workers,
    workerThreadOpts: { workerData: hostInit(options) },
  });
  return libraryExecutor('workerpool', options, {
    run: (task) => Promise.resolve(pool.exec('run', [task])),
    warm: () => Promise.resolve(pool.exec('ready', [])),
    destroy: async () => {
      await pool.terminate(true);
    },
    workerDied: (detail) => /terminated unexpectedly|exit code/i.test(detail),
    settings: { library: 'workerpool', workerType: 'thread' },
  });
}

/** workerpool with worker threads, through libraryExecutor. */
export const workerpoolBackend: ExecutorBackend = {
  kind: 'executor',
  name: 'workerpool',
  description: 'workerpool library (library executor), worker threads, default options',
  parallel: true,
  availability: () => ({ available: true }),
  open,
};
