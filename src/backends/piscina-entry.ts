/** Entry of a piscina worker: the suite is loaded once per thread from workerData. */
import { workerData } from 'node:worker_threads';
import type { TaskMessage } from './backend.js';
import { loadKernel, type HostInit } from './task-host.js';

const run = await loadKernel(workerData as HostInit);

/** Run one task's kernel; returns its result, throws what the kernel throws. */
export default function runTask(task: TaskMessage): unknown {
  return run(task);
}

/** Called once per thread at open, so start-up is not timed with the tasks. */
export function ready(): null {
  return null;
}
