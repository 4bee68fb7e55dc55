/** `worker`: a worker_threads pool written here (one task in flight per thread, structured clone). */
import { Worker } from 'node:worker_threads';
import type { ExecutorBackend } from './backend.js';
import { entryUrl } from './paths.js';
import { MessagePool, type Channel } from './pool.js';
import type { FromWorker } from './task-host.js';

function threadChannel(): Channel {
  const worker = new Worker(entryUrl('worker-entry'));
  let terminating = false;
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => ((exited = true), resolve())));
  return {
    send: (msg) => worker.postMessage(msg),
    onMessage: (handler) => worker.on('message', (msg: FromWorker) => handler(msg)),
    onExit: (handler) => {
      worker.on('error', (error) => terminating || handler(error.message));
      worker.on('exit', (code) => terminating || handler(`exit code ${code}`));
    },
    terminate: async () => {
      terminating = true;
      if (!exited) await worker.terminate();
      await exit;
    },
  };
}

/** worker_threads pool written here (MessagePool over threads); messages by structured clone. */
export const workerBackend: ExecutorBackend = {
  kind: 'executor',
  name: 'worker',
  description: 'worker_threads pool written here; tasks and results by postMessage (structured clone)',
  parallel: true,
  availability: () => ({ available: true }),
  open: (options) => MessagePool.open('worker', options, threadChannel),
};
