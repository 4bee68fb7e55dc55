/**
 * The last line of clean-up. A driver starts in a session of its own (spawned detached), and every
 * process it starts stays in that session: the Python driver's process pools, Parsl's interchange
 * (which rewrites its title and environment) and HTEX worker pools (which Parsl puts in process groups
 * of their own). Once the driver is gone, whatever is left in the session is killed. Linux (/proc);
 * elsewhere a no-op.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Live (not zombie) processes whose session id is `session`. */
export function processesInSession(session: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      // pid (comm) state ppid pgrp session …; comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[3]) === session && fields[0] !== 'Z') found.push(pid);
    } catch {
      // gone
    }
  }
  return found;
}

/**
 * SIGKILL every process left in the session and wait (up to `waitMs` milliseconds, polling every 50)
 * until they are gone. Resolves with the number of processes signalled; never rejects.
 */
export async function killSession(session: number, waitMs = 5000): Promise<number> {
  const pids = processesInSession(session);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (let waited = 0; waited < waitMs && processesInSession(session).length > 0; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return pids.length;
}
