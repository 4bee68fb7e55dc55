import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

export function startParbench(args: string[], cwd = tempDir()): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The only run directory below `out`. */
export function onlyRun(out: string): { dir: string; record: RunRecord; csv: string } {
  const ids = readdirSync(out);
  if (ids.length !== 1) throw new Error(`expected one run in ${out}, found ${ids.length}`);
  const dir = join(out, ids[0]!);
  return { dir, record: JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord, csv: readFileSync(join(dir, 'results.csv'), 'utf8') };
}
