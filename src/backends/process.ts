/** `process`: a child_process.fork pool written here; tasks over IPC with advanced serialization. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExecutorBackend } from './backend.js';
import { trackChild } from './children.js';
import { entryUrl } from './paths.js';
import { MessagePool, type Channel } from './pool.js';
import type { FromWorker } from './task-host.js';

/** `parbench profile` sets this: each child then writes a V8 CPU profile there when it exits. */
const profiling = process.env.PARBENCH_PROFILE_DIR;

/** Under `parbench profile`, a child leaves on its own (disconnect) so it can write its profile; killed after 5 s. */
async function stop(child: ChildProcess, exit: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return exit;
  if (profiling && child.connected) {
    child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
    return;
  }
  child.kill('SIGKILL');
  await exit;
}

function childChannel(): Channel {
  const child = fork(fileURLToPath(entryUrl('process-entry')), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: profiling ? ['--cpu-prof', `--cpu-prof-dir=${profiling}`] : [],
  });
  trackChild(child);
  let terminating = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    send: (msg) => child.send(msg),
    onMessage: (handler) => child.on('message', (msg) => handler(msg as FromWorker)),
    onExit: (handler) => {
      // A send to a child that has just died fails ("Channel closed") before its exit arrives: name the
      // exit (its signal or code) when it comes within a second, the error otherwise.
      child.on('error', (error) => {
        const timer = setTimeout(() => terminating || handler(error.message), 1000);
        void exit.then(() => clearTimeout(timer));
      });
      child.on('exit', (code, signal) => terminating || handler(signal ? `signal ${signal}` : `exit code ${code}`));
    },
    terminate: async () => {
      terminating = true;
      await stop(child, exit);
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
  // Child processes share no memory with this thread: no live counters (`run --live` shows the point only).
  open: (options) => MessagePool.open('process', { ...options, live: undefined }, childChannel),
};
