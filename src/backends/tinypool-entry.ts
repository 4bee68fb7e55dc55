/** Entry of a tinypool worker: the suite is loaded once per thread from tinypool's workerData. */
import Tinypool from 'tinypool';
import type { TaskMessage } from './backend.js';
import { loadKernel, type HostInit } from './task-host.js';

const run = await loadKernel(Tinypool.workerData as HostInit);

export default function runTask(task: TaskMessage | null): unknown {
  return task === null ? null : run(task);
}
