// The CLI with the Python backends: availability when the environment is missing, and Node and
// Python/Parsl backends verified side by side in one run (needs `parbench setup python` for the latter).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath, PYPY_HINT, setupState } from '../../src/backends/python/venv.js';

const main = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;

function parbench(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const out = mkdtempSync(join(tmpdir(), 'parbench-py-cli-'));
  const result = spawnSync(process.execPath, [main, ...args, ...(args[0] === 'run' ? ['--out', out] : [])], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    ...(cwd ? { cwd } : {}),
    timeout: 120_000,
  });
  return { ...result, out };
}

function record(out: string) {
  const [id] = readdirSync(out);
  return JSON.parse(readFileSync(join(out, id!, 'run.json'), 'utf8'));
}

describe('without `parbench setup python`', () => {
  const missing = { PARBENCH_VENV: join(tmpdir(), 'parbench-no-such-venv') };

  it('lists the Python backends as unavailable, saying what to run', () => {
    const { stdout, status } = parbench(['list'], missing);
    expect(status).toBe(0);
    expect(stdout).toMatch(/parsl-htex\s+unavailable .* — run `parbench setup python`/);
    expect(stdout).toMatch(/py-threads\s+unavailable/);
  });

  it('refuses a named Python backend with one line and exit 2', () => {
    const { stderr, status } = parbench(['run', 'fib', '--n', '3', '--backends', 'parsl-threads'], missing);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe('parbench: backend "parsl-threads" is unavailable: run `parbench setup python`');
  });

  it('skips them under --backends all', () => {
    const { status, out } = parbench(['run', 'fib', '--n', '3', '--backends', 'all', '--grains', '1e-6', '--repeats', '1', '--warmup', '0', '--workers', '1'], missing);
    expect(status).toBe(0);
    expect(record(out).points.map((p: { backend: string }) => p.backend)).not.toContain('py-sequential');
  });
});

describe.skipIf(setupState() === null)('with `parbench setup python`', () => {
  it('puts Node and Python/Parsl backends in one verified table', () => {
    const backends = 'sequential,worker,py-sequential,py-threads,py-processes,parsl-threads';
    const { stdout, stderr, status, out } = parbench(['run', 'fib', '--n', '5', '--backends', backends, '--grains', '1e-5', '--repeats', '1', '--warmup', '0', '--workers', '2', '--no-color']);
    expect(stderr).not.toMatch(/failed|mismatch/i);
    expect(status).toBe(0);
    for (const name of backends.split(',')) expect(stdout).toContain(name);
    const run = record(out);
    expect(run.points).toHaveLength(6);
    for (const point of run.points) {
      expect(point).toMatchObject({ status: 'completed', verified: true, tasks: 15 });
      expect(point.checksum).toMatch(/^fib=5 work=/);
    }
    const py = run.points.find((p: { backend: string }) => p.backend === 'py-threads');
    expect(py.startupSeconds).toBeGreaterThanOrEqual(0);
    expect(py.sequential.samples).toHaveLength(1);
    const state = setupState()!;
    for (const point of run.points) {
      if (point.backend.startsWith('p')) expect(point.runtime).toEqual({ implementation: 'CPython', python: state.python, parsl: state.parsl, libraries: state.libraries });
      else expect(point.runtime).toBeUndefined();
    }
  });

  it.skipIf(!onPath('pypy3'))('records the PyPy version of a pypy-sequential point', () => {
    const { status, out } = parbench(['run', 'fib', '--n', '5', '--backends', 'pypy-sequential', '--grains', '1e-5', '--repeats', '1', '--warmup', '0']);
    expect(status).toBe(0);
    const [point] = record(out).points;
    expect(point).toMatchObject({ status: 'completed', verified: true });
    expect(point.runtime).toEqual({ implementation: 'PyPy', python: expect.stringMatching(/^3\.\d+\.\d+$/), parsl: null, pypy: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  });

  it('runs spmm --matrix on the Python backends, the path taken from where parbench was started', () => {
    const fixtures = new URL('../fixtures/', import.meta.url).pathname;
    const backends = 'sequential,py-sequential,py-processes,py-shm';
    const args = ['run', 'spmm', '--matrix', 'skew-repeated.mtx', '--k', '2', '--backends', backends, '--grains', '1e-5', '--repeats', '1', '--warmup', '0', '--workers', '2'];
    const { stderr, status, out } = parbench(args, {}, fixtures);
    expect(stderr).not.toMatch(/failed|mismatch/i);
    expect(status).toBe(0);
    const run = record(out);
    expect(run.points.map((p: { backend: string }) => p.backend)).toEqual(backends.split(','));
    for (const point of run.points) expect(point).toMatchObject({ status: 'completed', verified: true, params: { matrix: 'skew-repeated.mtx' } });
    // spmm's row blocks have no typed shared form in Python: py-shm records that they went through its pickle arena.
    expect(run.points.find((p: { backend: string }) => p.backend === 'py-shm').executor).toMatchObject({ executor: 'py-shm', results: 'arena' });
  });

  // Issue 14, case 8: a byte order mark, or Latin-1 in a comment, used to fail every Python point.
  it.each(['bom.mtx', 'latin1-comment.mtx'])('reads %s on the Python backends as the Node backends read it', (file) => {
    const fixtures = new URL('../fixtures/', import.meta.url).pathname;
    const backends = 'sequential,worker,py-sequential,py-threads';
    const args = ['run', 'spmm', '--matrix', file, '--backends', backends, '--grains', '1e-5', '--repeats', '1', '--warmup', '0', '--workers', '2'];
    const { stderr, status, out } = parbench(args, {}, fixtures);
    expect(stderr).not.toMatch(/failed|mismatch/i);
    expect(status).toBe(0);
    const run = record(out);
    expect(run.status).toBe('completed');
    expect(run.points.map((p: { backend: string }) => p.backend)).toEqual(backends.split(','));
    for (const point of run.points) expect(point).toMatchObject({ status: 'completed', verified: true, params: { matrix: file } });
  });

  it('measures hull on the Python backends too: nothing skipped, every point verified against TypeScript', () => {
    const backends = 'sequential,py-sequential,py-threads,py-processes,parsl-threads';
    // Every task (--max-tasks all): the checksum names the whole hull, which a capped graph's prefix would not.
    const { stderr, status, out } = parbench(['run', 'hull', '--points', '1000', '--shape', 'circle', '--backends', backends, '--grains', '1e-5', '--repeats', '1', '--warmup', '0', '--workers', '2', '--max-tasks', 'all', '--no-color']);
    expect(stderr).not.toMatch(/skipped|failed|mismatch/i);
    expect(status).toBe(0);
    const run = record(out);
    expect(run.skipped).toEqual([]);
    expect(run.points.map((p: { backend: string }) => p.backend)).toEqual(backends.split(','));
    for (const point of run.points) {
      expect(point).toMatchObject({ status: 'completed', verified: true });
      expect(point.checksum).toMatch(/^hull=1000 vertices [0-9a-f]{8} work=/);
    }
  });
});

describe('parbench setup python', () => {
  it('fails with one line naming the interpreter it could not run', () => {
    const venv = mkdtempSync(join(tmpdir(), 'parbench-venv-'));
    const { stderr, status } = parbench(['setup', 'python', '--python', '/nonexistent/python3'], { PARBENCH_VENV: venv });
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(/^parbench: setup python: checking the Python version: cannot run \/nonexistent\/python3: .*ENOENT$/);
  });

  it('does nothing when the installed requirements are current', () => {
    const venv = mkdtempSync(join(tmpdir(), 'parbench-venv-'));
    mkdirSync(join(venv, 'bin'));
    writeFileSync(join(venv, 'bin', 'python'), '');
    const pins = createHash('sha256').update(readFileSync(new URL('../../python/requirements.txt', import.meta.url))).digest('hex').slice(0, 16);
    writeFileSync(join(venv, 'parbench-setup.json'), JSON.stringify({ python: '3.11.0', parsl: '2026.10.26', requirements: pins }));
    const { stdout, status } = parbench(['setup', 'python', '--python', '/nonexistent/python3'], { PARBENCH_VENV: venv });
    expect(status).toBe(0);
    const pypy = onPath('pypy3');
    expect(stdout.trim().split('\n')).toEqual([
      `Python 3.11.0 with Parsl 2026.10.26 in ${venv}`,
      pypy ? `PyPy: ${pypy} (pypy-sequential, pypy-threads)` : `PyPy: ${PYPY_HINT}; the pypy-* backends need it`,
    ]);
  });
});
