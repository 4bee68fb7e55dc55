import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { backendNames } from '../../src/backends/index.js';
import { CSV_COLUMNS } from '../../src/report/csv.js';
import { RUN_SCHEMA } from '../../src/record/index.js';
import { childrenOf, onlyRun, parbench, startParbench, tempDir } from './cli.js';

const tiny = ['--grains', '1e-6,1e-4', '--repeats', '2', '--precision', 'off', '--warmup', '0', '--n', '3'];

describe('parbench run, end to end', () => {
  it('measures fib and square on the core backends, verifies them and writes run.json and results.csv', () => {
    const out = tempDir();
    const { status, stdout, stderr } = parbench(['run', 'fib,square', '--backends', 'sequential,worker,process,piscina', '--out', out, ...tiny]);
    // Not a terminal: the estimate, one progress line per point in order, then where the results are.
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^parbench: 16 points, about \d+s by prior estimates$/);
    const progress = lines.slice(1, -1);
    expect(progress.map((l) => /^parbench: \[(\d+)\/16\] (fib|square) \S+ \S+ · ETA \S+$/.exec(l)?.[1])).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));
    expect(lines).toHaveLength(18);
    expect(lines.at(-1)).toMatch(/^parbench: results in /);
    expect(status).toBe(0);
    const { record, csv } = onlyRun(out);
    expect(record.schema).toBe(RUN_SCHEMA);
    expect(record.probe?.verdict).toMatch(/^(quiet|busy)$/);
    expect(record.status).toBe('completed');
    expect(record.machine.logicalCores).toBeGreaterThan(0);
    expect(record.config.suiteParams).toEqual({ fib: { n: 3 }, square: { n: 3, tile: 256 } });
    expect(record.points).toHaveLength(2 * 2 * 4);
    for (const point of record.points) {
      expect(point).toMatchObject({ status: 'completed', verified: true });
      expect(point.parallel!.samples).toHaveLength(2);
      expect(point.sequential.samples).toHaveLength(2);
      expect(point.startupSeconds).toBeGreaterThanOrEqual(0);
      expect(point.metrics!.efficiency).toBeGreaterThan(0);
    }
    expect(record.points.filter((p) => p.suite === 'fib').every((p) => p.tasks === 5)).toBe(true);
    expect(record.points.filter((p) => p.suite === 'fib')[0]!.checksum).toMatch(/^fib=2 /);
    const [header, ...rows] = csv.trimEnd().split('\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(16);
    expect(new Set(rows.map((r) => r.split(',')[3]))).toEqual(new Set(['sequential', 'worker', 'process', 'piscina']));
    for (const suite of ['fib', 'square']) expect(stdout).toContain(`${suite} n=3`);
    // Headers name the worker count, the grain's unit and the two numbers of a cell.
    const workers = record.points.find((p) => p.backend === 'worker')!.workers;
    expect(stdout).toMatch(new RegExp(`│ grain \\(s\\) │ achieved │ tasks │ +sequential │ +worker×${workers} │ +process×${workers} │ +piscina×${workers} │`));
    expect(stdout).toMatch(/│ +│ +│ +│ +overhead · eff\. │ +overhead · eff\. │/);
    // Then the verdict of each suite, and the next command naming the run's directory.
    for (const suite of ['fib', 'square']) expect(stdout).toMatch(new RegExp(`^${suite} n=3.* · verdict \\(\\d+ cores?\\)\n  (→ .*\n  )?backend +METG\\(50%\\) +95% interval +per-task overhead o +95% interval$`, 'm'));
    // --out outside the working directory: the run is named by its absolute path.
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`Next: parbench report --html ${onlyRun(out).dir}   (charts of overhead and efficiency against grain, in one HTML file)`);
    expect(stdout).not.toContain('\u001b['); // NO_COLOR: plain
  });

  it('--quiet prints only the verdict, without tables or progress lines', () => {
    const out = tempDir();
    const { status, stdout, stderr } = parbench(['run', 'fib', '--backends', 'sequential,worker', '--out', out, '--quiet', ...tiny]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^fib n=3 · verdict \(\d+ cores?\)\n/);
    expect(stdout).not.toContain('┌');
    expect(stdout).toMatch(/^  fastest \(median T_par\)  1e-6 (… 1e-4 )?s /m);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^Next: parbench report --html \S+/);
    expect(stderr.trimEnd().split('\n')).toEqual([`parbench: results in ${onlyRun(out).dir}`]);
  });

  it('--json prints the run record on stdout', () => {
    const out = tempDir();
    const { status, stdout } = parbench(['run', 'fib', '--backends', 'sequential,worker', '--out', out, '--json', ...tiny]);
    expect(status).toBe(0);
    const printed = JSON.parse(stdout);
    expect(printed).toEqual(onlyRun(out).record);
    expect(printed.points.map((p: { backend: string }) => p.backend)).toEqual(['sequential', 'worker', 'sequential', 'worker']);
  });

  it('reads bench.config.json from the working directory', () => {
    const cwd = tempDir();
    const out = join(cwd, 'out');
    execFileSync('sh', ['-c', `printf '{"grains":[1e-5],"repeats":1,"warmup":0,"backends":["sequential"],"outputDir":"out","suiteParams":{"fib":{"n":2}}}' > bench.config.json`], { cwd });
    const { status } = parbench(['run'], cwd);
    expect(status).toBe(0);
    const { record } = onlyRun(out);
    expect(record.points).toHaveLength(1);
    expect(record.points[0]).toMatchObject({ suite: 'fib', backend: 'sequential', tasks: 3, params: { n: 2 } });
  });

  it.each([
    [['run', 'fob'], 'parbench: unknown suite "fob" (allowed: fib, square, primes, spmm, hull, all)'],
    [['run', 'fib', '--backends', 'gpu'], `parbench: unknown backend "gpu" (allowed: ${[...backendNames(), 'all'].join(', ')})`],
    [['run', 'fib', '--n', 'five'], 'parbench: --n: "five" is not a number'],
    [['run', 'fib', '--n', '40'], 'parbench: fib --n: 40 is out of range (allowed: 0 to 25)'],
    [['run', 'fib', '--grains', '1e-3,0'], 'parbench: --grains: grains must be positive seconds'],
    [['run', 'fib', '--frobnicate'], "parbench: unknown option '--frobnicate'"],
    [['walk'], "parbench: unknown command 'walk'"],
    [['run', 'fib', '--inject-overhead', '-1e-6'], 'parbench: --inject-overhead: must be from 0 to 0.01 seconds'],
  ])('%j fails with one line on stderr and exit 2', (args, line) => {
    const { status, stdout, stderr } = parbench(args);
    expect(status).toBe(2);
    expect(stderr.trimEnd().split('\n')[0]).toBe(line);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(stdout).toBe('');
  });

  it('prints help for run with the options and examples, exit 0', () => {
    const { status, stdout } = parbench(['run', '--help']);
    expect(status).toBe(0);
    for (const text of ['--backends', '--grains', '--workers', '--repeats', '--n <value>', '--tile <value>', 'Examples:']) expect(stdout).toContain(text);
  });

  it('--inject-overhead (test only, not in --help) is recorded, and the tables and warnings say so', () => {
    const out = tempDir();
    const { status, stdout } = parbench(['run', 'fib', '--backends', 'sequential,worker,shm', '--out', out, '--inject-overhead', '2e-6', ...tiny]);
    expect(status).toBe(0);
    const { record } = onlyRun(out);
    expect(record.config.injectOverheadSeconds).toBe(2e-6);
    expect(record.injectedOverhead!.seconds).toBe(2e-6);
    expect(record.injectedOverhead!.rounds).toBeGreaterThan(0);
    expect(record.injectedOverhead!.rounds * record.injectedOverhead!.secondsPerRound).toBeCloseTo(2e-6, 7);
    expect(record.points.every((p) => p.verified)).toBe(true);
    const banner = `every task of every executor backend did 2 µs of busy work before its kernel (--inject-overhead, ${record.injectedOverhead!.rounds} rounds), so its overheads are not the backends' own`;
    expect(stdout.split('\n')[0]).toBe(`TEST RUN — ${banner}`);
    expect(stdout).toContain(`! test run: ${banner}; never use it as a baseline or a result`);
    expect(parbench(['run', '--help']).stdout).not.toContain('inject');
    const plain = tempDir();
    expect(parbench(['run', 'fib', '--backends', 'sequential', '--out', plain, ...tiny]).status).toBe(0);
    expect(onlyRun(plain).record.injectedOverhead).toBeUndefined();
    expect(onlyRun(plain).record.config.injectOverheadSeconds).toBeUndefined();
  });

  it('lists suites with their parameters and backends with availability', () => {
    const { status, stdout } = parbench(['list']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/fib +recursive Fibonacci/);
    expect(stdout).toContain('--n 10 (0…25)');
    expect(stdout).toContain('--tile 256');
    expect(stdout).toMatch(/piscina +available/);
    const json = JSON.parse(parbench(['list', '--json']).stdout);
    expect(json.backends.map((b: { name: string }) => b.name)).toEqual(backendNames());
  });

  it('a child process killed mid-run fails its point (exit 1) and the rest of the run is still written', async () => {
    const out = tempDir();
    const child = startParbench(['run', 'square', '--n', '8', '--grains', '1e-3', '--repeats', '50', '--warmup', '0', '--backends', 'process,sequential', '--out', out]);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let victim: string | undefined;
    // Calibration and the reference come first: on a busy machine the pool may take many seconds to start.
    for (let i = 0; i < 1200 && !victim; i++) {
      await sleep(50);
      victim = childrenOf(child.pid!).find((l) => l.includes('process-entry'))?.trim().split(/\s+/)[0];
    }
    expect(victim).toBeDefined();
    await sleep(300);
    process.kill(Number(victim), 'SIGKILL');
    expect(await exited).toBe(1);
    const { record, csv } = onlyRun(out);
    expect(record.status).toBe('failed');
    const failed = record.points.find((p) => p.backend === 'process')!;
    expect(failed).toMatchObject({ status: 'failed', verified: false, metrics: null });
    expect(failed.error!.code).toBe('WORKER_EXITED');
    expect(failed.error!.message).toBe('process: a worker exited unexpectedly (signal SIGKILL)');
    expect(record.points.find((p) => p.backend === 'sequential')).toMatchObject({ status: 'completed', verified: true });
    expect(csv).toContain('process: a worker exited unexpectedly (signal SIGKILL)');
    expect(stderr).toContain('parbench: process: a worker exited unexpectedly (signal SIGKILL)');
  }, 150_000);

  it('Ctrl-C stops the run, keeps what was measured, and exits 130', async () => {
    const out = tempDir();
    const child = startParbench(['run', 'square', '--n', '8', '--grains', '1e-4,1e-3', '--repeats', '40', '--warmup', '0', '--backends', 'sequential,worker', '--out', out]);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let measured = false;
    for (let i = 0; i < 400 && !measured; i++) {
      await sleep(50);
      const runs = existsSync(out) ? onlyRunSafe(out) : undefined;
      measured = (runs?.points.length ?? 0) >= 1;
    }
    expect(measured).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const { record } = onlyRun(out);
    expect(record.status).toBe('interrupted');
    expect(record.points.length).toBeGreaterThanOrEqual(1);
    expect(record.points.length).toBeLessThan(4);
    expect(record.points.every((p) => p.verified)).toBe(true);
  });
});

function onlyRunSafe(out: string) {
  try {
    return JSON.parse(readFileSync(join(onlyRun(out).dir, 'run.json'), 'utf8')) as { points: unknown[] };
  } catch {
    return undefined;
  }
}
