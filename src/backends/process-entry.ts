/** Entry of a `process` backend child: the pool protocol over the IPC channel (advanced serialization). */
import { serve, type FromWorker, type ToWorker } from './task-host.js';

// Never outlive the parent: when the IPC channel closes, exit.
process.on('disconnect', () => process.exit(0));
serve(
  (msg: FromWorker) => process.send!(msg),
  (handler: (msg: ToWorker) => void) => process.on('message', handler as (m: unknown) => void),
);
