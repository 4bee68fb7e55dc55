// Issue 14, cases 2–5: runs that never ended or could not be stopped. Each run here ends with exit 130
// (or 1 for a failed point), a valid run.json with the right status, and no process it started left.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRun } from '../../src/record/index.js';
import { childrenOf, isRunning, MAIN, onlyRun, startParbench, tempDir } from './cli.js';

const STOP_CHILDREN = { NODE_OPTIONS: `--import=${pathToFileURL(new URL('../fixtures/stop-process-children.mjs', import.meta.url).pathname).href}` };

/**
 * A started CLI's exit code and everything it wrote on stderr, and a way to wait for a line on it.
 * With `killedBySigint`, death by SIGINT counts as 130, as a shell reports it (128 + 2).
 */
function watch(child: ReturnType<typeof startParbench>, killedBySigint = false) {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(killedBySigint && signal === 'SIGINT' ? 130 : code)));
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 600 && !pattern.test(stderr); i++) await sleep(50);
    expect(stderr).toMatch(pattern);
  };
  return { exited, waitFor, stderr: () => stderr };
}

/** Pids of `process` backend children of `pid`, polled until at least `count` are there. */
async function poolChildren(pid: number, count: number): Promise<number[]> {
  let found: number[] = [];
  for (let i = 0; i < 1600 && found.length < count; i++) {
    await sleep(25);
    found = childrenOf(pid).filter((l) => l.includes('process-entry')).map((l) => Number(l.trim().split(/\s+/)[0]));
  }
  expect(found.length).toBeGreaterThanOrEqual(count);
  return found;
}

/** The only run's record, read and validated as every reader does. */
function record(out: string) {
  return readRun(join(onlyRun(out).dir, 'run.json'));
}

describe('runs that never end or cannot be stopped', () => {
  it('case 2: a pool whose workers never report ready fails its point after --startup-timeout; the run goes on', async () => {
    const out = tempDir();
    const args = ['run', 'square', '--n', '16', '--grains', '1e-4,1e-3', '--repeats', '3', '--warmup', '0', '--backends', 'sequential,process,worker', '--workers', '2', '--task-timeout', '3', '--startup-timeout', '1', '--out', out];
    const child = startParbench(args, tempDir(), STOP_CHILDREN);
    const run = watch(child);
    const stopped = await poolChildren(child.pid!, 2);
    expect(await run.exited).toBe(1);
    const r = record(out);
    expect(r.status).toBe('failed');
    expect(r.points.map((p) => `${p.backend} ${p.status}`)).toEqual(['sequential completed', 'process failed', 'worker completed', 'sequential completed', 'process failed', 'worker completed']);
    const line = 'process: the pool did not start within 1 s (raise --startup-timeout if that is expected)';
    for (const p of r.points.filter((p) => p.backend === 'process')) expect(p.error).toEqual({ code: 'STARTUP_TIMEOUT', message: line });
    expect(run.stderr()).toContain(`parbench: ${line}\n`);
    expect(stopped.filter(isRunning)).toEqual([]);
  });

  it('case 3: Ctrl-C during calibration stops the run at once instead of after the whole sweep', async () => {
    const cwd = tempDir();
    const out = join(cwd, 'out');
    // Two-second samples: the calibration sweep alone would take minutes, and Ctrl-C used to wait for it.
    writeFileSync(join(cwd, 'slow.json'), JSON.stringify({ minSampleSeconds: 2 }));
    const child = startParbench(['run', 'square', '--n', '8', '--grains', '1e-6,1e-5,1e-4,1e-3', '--repeats', '400', '--backends', 'sequential,worker,process', '-c', 'slow.json', '--out', out], cwd);
    const run = watch(child);
    await run.waitFor(/points, about/);
    await sleep(1000); // the probe (0.2 s), then calibration
    child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toContain('\nparbench: SIGINT: stopping after closing the open pools (again to force)\n');
    expect(run.stderr()).toContain('\nparbench: interrupted: the tables and verdict above hold the 0 of 12 points measured before the stop\n');
    const r = record(out);
    expect(r.status).toBe('interrupted');
    expect(r.finishedAt).not.toBeNull();
    expect(r.points).toEqual([]);
    expect(childrenOf(child.pid!)).toEqual([]);
  });

  it('case 4: a second Ctrl-C while a pool is stuck starting exits 130 with the record interrupted and no child left', async () => {
    const out = tempDir();
    const args = ['run', 'square', '--n', '16', '--grains', '1e-4', '--repeats', '3', '--backends', 'sequential,process', '--workers', '2', '--startup-timeout', '0', '--out', out];
    const child = startParbench(args, tempDir(), STOP_CHILDREN);
    // The second Ctrl-C can land while parbench, stopped already, is exiting: the signal then ends it.
    const run = watch(child, true);
    const stopped = await poolChildren(child.pid!, 2);
    child.kill('SIGINT');
    await run.waitFor(/stopping after closing the open pools/);
    // The stop may be over already: a second Ctrl-C then finds parbench exiting (or gone).
    if (isRunning(child.pid!)) child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const r = record(out);
    expect(r.status).toBe('interrupted');
    expect(r.finishedAt).not.toBeNull();
    expect(stopped.filter(isRunning)).toEqual([]);
  });

  it('case 5: a run whose parent process dies (a killed supervisor, npx signalled alone) stops by itself', async () => {
    const out = tempDir();
    const args = ['run', 'square', '--n', '8', '--grains', '1e-4,1e-3', '--repeats', '400', '--backends', 'sequential,process,worker', '--workers', '2', '--out', out];
    // A parent that is not parbench: `sh -c` waits for it (the `; true` keeps sh from exec'ing node).
    const quoted = [process.execPath, MAIN, ...args].map((a) => `'${a}'`).join(' ');
    const parent = spawn('sh', ['-c', `${quoted} >/dev/null 2>&1; true`], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    let pid: number | undefined;
    for (let i = 0; i < 200 && pid === undefined; i++) {
      await sleep(25);
      pid = childrenOf(parent.pid!).map((l) => Number(l.trim().split(/\s+/)[0]))[0];
    }
    expect(pid).toBeDefined();
    const children = await poolChildren(pid!, 2);
    parent.kill('SIGKILL');
    for (let i = 0; i < 400 && isRunning(pid!); i++) await sleep(50);
    expect(isRunning(pid!)).toBe(false);
    expect(existsSync(out) && readdirSync(out).length).toBe(1);
    const r = record(out);
    expect(r.status).toBe('interrupted');
    expect(children.filter(isRunning)).toEqual([]);
  });
});
