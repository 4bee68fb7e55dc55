/**
 * The last line of clean-up: every process the driver starts (process pools, Parsl's interchange and
 * worker pools, which Parsl puts in process groups of their own) inherits a token in its environment;
 * after the driver is gone, any process still carrying it is killed. Linux (/proc); elsewhere a no-op.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export const TOKEN_VARIABLE = 'PARBENCH_DRIVER_TOKEN';

export function newToken(): string {
  return randomBytes(8).toString('hex');
}

/** Pids of live processes whose environment holds the token. */
export function processesWithToken(token: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const needle = `${TOKEN_VARIABLE}=${token}\0`;
  const found: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (`${readFileSync(`/proc/${pid}/environ`, 'latin1')}\0`.includes(needle)) found.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** SIGKILL every process carrying the token; returns how many there were. */
export function killWithToken(token: string): number {
  const pids = processesWithToken(token);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids.length;
}
