/**
 * Every process this process started for a run — `process` pool children, Python drivers and what runs
 * in their sessions — so that no way out leaves one behind. Pools stop their own children when they
 * close; `killStarted` is for the ways out that do not wait for that (a forced stop, an exit), and it
 * also runs when this process exits.
 */
import type { ChildProcess } from 'node:child_process';
import { processesInSession } from './sweep.js';

interface Started {
  /** The child leads a process session of its own (spawned detached): everything in it goes too. */
  session: boolean;
  /** Clean-up once it is killed (e.g. the driver's temporary directory). Must not throw. */
  cleanup?: () => void;
}

const started = new Map<ChildProcess, Started>();
let onExitInstalled = false;

/**
 * Track `child` until it exits (or, for a session leader, until `untrackChild`): killStarted kills
 * it. The first tracked child installs killStarted as a listener of this process's 'exit'.
 */
export function trackChild(child: ChildProcess, options: Started = { session: false }): void {
  started.set(child, options);
  if (!options.session) child.once('exit', () => started.delete(child));
  if (!onExitInstalled) {
    onExitInstalled = true;
    process.once('exit', () => void killStarted());
  }
}

/** Stop tracking `child` (its owner has stopped it and what it started). */
export function untrackChild(child: ChildProcess): void {
  started.delete(child);
}

/** SIGKILL `pid`, ignoring a process that is gone already. */
function kill(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}

/**
 * SIGKILL every tracked child at once — and, for session leaders, every process left in its session —
 * then run their clean-ups and forget them. Synchronous, so it can run in an 'exit' listener. Returns
 * the number of children it was given; never throws.
 */
export function killStarted(): number {
  const children = [...started.entries()];
  started.clear();
  for (const [child, { session }] of children) {
    if (child.exitCode === null && child.signalCode === null) kill(child.pid);
    if (session && child.pid !== undefined) for (const pid of processesInSession(child.pid)) kill(pid);
  }
  for (const [, { cleanup }] of children) cleanup?.();
  return children.length;
}
