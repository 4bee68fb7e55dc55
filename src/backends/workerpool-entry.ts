/** Entry of a workerpool worker thread: the suite is loaded once per thread from workerData. */
import { workerData } from 'node:worker_threads';
import workerpool from 'workerpool';
import type { TaskMessage } from './backend.js';
import { loadKernel, type HostInit } from './task-host.js';

const run = await loadKernel(workerData as HostInit);

workerpool.worker({
  run: (task: TaskMessage) => run(task),
  ready: () => null,
});
