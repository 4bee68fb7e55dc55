import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '../../src/record/index.js';

export const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'parbench-cli-'));
}

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function parbench(args: string[], cwd = tempDir(), env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string; cwd: string } {
  const result = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, cwd };
}

export function startParbench(args: string[], cwd = tempDir(), env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Processes whose parent is `pid`, as "pid args" lines (none when ps finds none). */
export function childrenOf(pid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').filter((l) => l.trim() !== '');
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** Whether process `pid` is running (a zombie waiting to be reaped counts as gone). Linux (/proc). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The only run directory below `out`. */
export function onlyRun(out: string): { dir: string; record: RunRecord; csv: string } {
  const ids = readdirSync(out);
  if (ids.length !== 1) throw new Error(`expected one run in ${out}, found ${ids.length}`);
  const dir = join(out, ids[0]!);
  return { dir, record: JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord, csv: readFileSync(join(dir, 'results.csv'), 'utf8') };
}
