/** `process`: a child_process.fork pool written here; tasks over IPC with advanced serialization. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExecutorBackend } from './backend.js';
import { trackChild } from './children.js';
import { entryUrl } from './paths.js';
import { MessagePool, type Channel } from './pool.js';
import type { FromWorker } from './task-host.js';

function childChannel(): Channel {
  const child = fork(fileURLToPath(entryUrl('process-entry')), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  trackChild(child);
  let terminating = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    send: (msg) => child.send(msg),
    onMessage: (handler) => child.on('message', (msg) => handler(msg as FromWorker)),
    onExit: (handler) => {
      child.on('error', (error) => terminating || handler(error.message));
      child.on('exit', (code, signal) => terminating || handler(signal ? `signal ${signal}` : `exit code ${code}`));
    },
    terminate: async () => {
      terminating = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exit;
    },
  };
}

/** child_process.fork pool written here (MessagePool over child processes); IPC with advanced serialization. */
export const processBackend: ExecutorBackend = {
  kind: 'executor',
  name: 'process',
  description: 'child_process.fork pool written here; tasks over IPC (advanced serialization)',
  parallel: true,
  availability: () => ({ available: true }),
  open: (options) => MessagePool.open('process', options, childChannel),
};
