/** `tinypool`: the tinypool worker-thread pool library (a piscina fork), default options. */
import Tinypool from 'tinypool';
import type { Executor, ExecutorBackend, OpenOptions } from './backend.js';
import { libraryExecutor } from './library.js';
import { entryUrl } from './paths.js';
import { hostInit } from './task-host.js';

function open(options: OpenOptions): Promise<Executor> {
  const pool = new Tinypool({
    filename: entryUrl('tinypool-entry').href,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: 2 ** 31 - 1,
    isolateWorkers: false,
    workerData: hostInit(options),
  });
  return libraryExecutor('tinypool', options, {
    run: (task) => pool.run(task),
    warm: () => pool.run(null),
    destroy: () => pool.destroy(),
    workerDied: (detail) => /^worker exited/i.test(detail),
    // tinypool leaves a task pending forever when its worker exits: watch the threads.
    watchExits: (onExit) => {
      for (const thread of pool.threads) thread.once('exit', (code: number) => onExit(`exit code ${code}`));
    },
    settings: { library: 'tinypool', isolateWorkers: false },
  });
}

/** tinypool with default options (isolateWorkers off), through libraryExecutor. */
export const tinypoolBackend: ExecutorBackend = {
  kind: 'executor',
  name: 'tinypool',
  description: 'tinypool worker-thread pool (library executor), default options',
  parallel: true,
  availability: () => ({ available: true }),
  open,
};
