/**
 * `sequential`: runs each task in-process, one after another, through the same executor interface as
 * every other backend. Its overhead is the cost of the interface itself (a promise per task).
 */
import { describeError, parbenchError } from '../errors.js';
import type { Executor, ExecutorBackend, OpenOptions } from './backend.js';
import { withinStartup } from './startup.js';
import { hostInit, loadKernel } from './task-host.js';

async function open(options: OpenOptions): Promise<Executor> {
  const run = await withinStartup('sequential: the suite module', loadKernel(hostInit(options)), options);
  let closed = false;
  return {
    backend: 'sequential',
    workers: 1,
    submit(task) {
      if (closed) return Promise.reject(parbenchError('EXECUTOR_CLOSED', 'sequential'));
      try {
        return Promise.resolve(run(task));
      } catch (error) {
        return Promise.reject(parbenchError('TASK_FAILED', 'sequential', describeError(error)));
      }
    },
    async close() {
      closed = true;
    },
  };
}

/** In-process, one task after another, always one worker. A kernel's exception rejects the task with TASK_FAILED. */
export const sequentialBackend: ExecutorBackend = {
  kind: 'executor',
  name: 'sequential',
  description: 'in-process, one task after another, through the executor interface (always 1 worker)',
  parallel: false,
  availability: () => ({ available: true }),
  open,
};
