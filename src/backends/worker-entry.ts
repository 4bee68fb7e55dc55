/** Entry of a `worker` backend thread: the pool protocol over parentPort. */
import { parentPort } from 'node:worker_threads';
import { serve, type FromWorker, type ToWorker } from './task-host.js';

const port = parentPort!;
serve(
  (msg: FromWorker) => port.postMessage(msg),
  (handler: (msg: ToWorker) => void) => port.on('message', handler),
);
