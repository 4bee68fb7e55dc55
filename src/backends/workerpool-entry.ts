/** Entry of a workerpool worker thread: the suite is loaded once per thread from workerData. */
import { workerData } from 'node:worker_threads';
import workerpool from 'workerpool';
import { describeError } from '../errors.js';
import type { TaskMessage } from './backend.js';
import { loadKernel, type HostInit } from './task-host.js';

const run = await loadKernel(workerData as HostInit);

/**
 * One task; what the kernel throws leaves as an Error whose message describes it (describeError):
 * workerpool passes only an Error's message on, and takes a falsy thrown value for a result.
 */
function runTask(task: TaskMessage): unknown {
  try {
    return run(task);
  } catch (error) {
    throw new Error(describeError(error));
  }
}

workerpool.worker({
  run: runTask,
  ready: () => null,
});
