/** Entry of a tinypool worker: the suite is loaded once per thread from tinypool's workerData. */
import Tinypool from 'tinypool';
import type { TaskMessage } from './backend.js';
import { loadKernel, type HostInit } from './task-host.js';

const run = await loadKernel(Tinypool.workerData as HostInit);

/** Run one task's kernel (null: the no-op warm-up task); returns its result, throws what the kernel throws. */
export default function runTask(task: TaskMessage | null): unknown {
  return task === null ? null : run(task);
}
