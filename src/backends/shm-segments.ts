/**
 * Shared-memory segments a driver leaves behind: py-shm names each `parbench-<driver pid>-<n>` in
 * /dev/shm and unlinks them when it closes; a driver killed mid-run cannot, so parbench does once the
 * driver is gone.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Remove every `parbench-<pid>-*` entry of `dir` (default /dev/shm); returns how many were removed.
 * Never throws (a missing directory, e.g. not on Linux, removes nothing).
 */
export function removeSegments(pid: number | undefined, dir = '/dev/shm'): number {
  if (pid === undefined) return 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const prefix = `parbench-${pid}-`;
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    rmSync(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
