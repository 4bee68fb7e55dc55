import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, writeJson } from '../helpers/cli.js';
import { tempDir } from './cli.js';
import { scaleSequential, SWEEP, syntheticRun } from '../helpers/synthetic.js';

const TWO = join(FIXTURES, 'run-two-cores.json');
const ONE = join(FIXTURES, 'run-one-core.json');

describe('parbench compare (recorded runs: both cores vs taskset -c 0)', () => {
  it('shows the machines first, then per backend the ratios with intervals', () => {
    const r = cli(['compare', TWO, ONE]);
    expect(r.code).toBe(0);
    const machines = r.stdout.indexOf('Machines');
    const ratios = r.stdout.indexOf('B against A');
    expect(machines).toBeGreaterThanOrEqual(0);
    expect(ratios).toBeGreaterThan(machines);
    expect(r.stdout).toMatch(/cores usable by the run\s*│\s*2\s*│\s*1/);
    expect(r.stdout).toMatch(/Node \/ V8/);
    expect(r.stdout).toMatch(/memory\s*│\s*23\.5 GiB/);
    expect(r.stdout).toMatch(/worker\s*│\s*2→1\s*│\s*overhead o/);
    expect(r.stdout).toMatch(/peak tasks\/s per core/);
  });

  it('pairs the auto worker counts (2 and 1) and compares every shared grain', () => {
    const view = JSON.parse(cli(['compare', TWO, ONE, '--format', 'json']).stdout);
    expect(view.runs.map((x: { cores: number }) => x.cores)).toEqual([2, 1]);
    const series = view.comparisons[0].series;
    expect(series.map((s: { suite: string; backend: string; workersA: number; workersB: number }) => `${s.suite}/${s.backend}:${s.workersA}-${s.workersB}`).sort()).toEqual([
      'fib/process:2-1', 'fib/sequential:1-1', 'fib/worker:2-1', 'square/process:2-1', 'square/sequential:1-1', 'square/worker:2-1',
    ]);
    for (const s of series) {
      // Paired by achieved grain: fib's 1e-6 points are more than 2× apart (282 ns floor vs 1.59 µs), so not compared.
      expect(s.grains).toEqual(s.suite === 'fib' ? [1e-5, 3e-5, 1e-4, 1e-3] : [1e-6, 1e-5, 3e-5, 1e-4, 1e-3]);
      expect(s.pairedBy).toBe('achieved');
      // B ran on one core: METG (efficiency against one core) is left out.
      expect(s.metrics.map((m: { metric: string }) => m.metric)).toEqual(['overhead', 'throughputPerCore', 'throughput']);
      for (const m of s.metrics) if (Number.isFinite(m.ratio)) expect(m.ci95[0]).toBeLessThanOrEqual(m.ci95[1]);
    }
    expect(view.comparisons[0].unmatched).toEqual([
      'fib sequential: grains only in A 1e-6; only in B 1e-6',
      'fib worker: grains only in A 1e-6; only in B 1e-6',
      'fib process: grains only in A 1e-6; only in B 1e-6',
    ]);
  });

  it('says which points did not match', () => {
    const dir = tempDir();
    const one = JSON.parse(readFileSync(ONE, 'utf8'));
    one.points = one.points.filter((p: { backend: string; grain: { target: number } }) => p.backend !== 'process' && p.grain.target !== 1e-3);
    const trimmed = writeJson(join(dir, 'trimmed.json'), one);
    const r = cli(['compare', TWO, trimmed, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## parbench compare/);
    expect(r.stdout).toMatch(/\*\*Did not match:\*\*/);
    expect(r.stdout).toMatch(/- fib process×2: only in A/);
    expect(r.stdout).toMatch(/- fib worker: grains only in A 1e-6, 1e-3; only in B 1e-6/);
  });

  it('states what differs between the runs before any ratio: machines, worker counts paired, achieved grains apart', () => {
    const r = cli(['compare', TWO, ONE]);
    const lines = r.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('B against A'));
    const table = lines.findIndex((l, i) => i > header && l.startsWith('┌'));
    const before = lines.slice(header + 1, table);
    expect(before[0]).toBe('  machines differ: CPUs usable "2" → "1"');
    expect(before).toContain('  worker counts differ: paired fib worker×2 (A) with ×1 (B): the only worker counts of that backend in each run');
    expect(before).toContain('  achieved grains differ by more than 15%: fib n=10 at 1e-4: 98 µs (A) vs 51.4 µs (B)');
    expect(r.stdout).toMatch(/fib n=10 +│ worker +│ 2→1 +│ peak tasks\/s \(whole machine\) │ 43500\/s/);
    expect(r.stdout).toContain('Whole-machine throughput per grain (tasks/s, every worker)');
    expect(r.stdout).toMatch(/fib n=10 +│ worker +│ 2→1 +│ 10 µs +│ 9\.49 µs +│ 43500\/s +│ 28100\/s +│ ×0\.647/);
    // fib's 1e-6 points are more than 2× apart in achieved grain: not paired, listed.
    expect(r.stdout).toContain('fib worker: grains only in A 1e-6; only in B 1e-6');
  });

  it('on one machine, a significantly shifted sequential reference is named before any backend verdict', () => {
    const dir = tempDir();
    const run = (seed: number) => syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed }], { id: `run${seed}` });
    const a = writeJson(join(dir, 'a.json'), run(1));
    const calm = writeJson(join(dir, 'calm.json'), run(2));
    const moved = writeJson(join(dir, 'moved.json'), scaleSequential(run(2), 1.12));
    const shifted = cli(['compare', a, moved]);
    expect(shifted.code).toBe(0);
    const lines = shifted.stdout.split('\n');
    const state = lines.findIndex((l) => l.includes("the machine's state differed between runs"));
    expect(state).toBeGreaterThan(0);
    expect(lines[state]).toMatch(/^  the machine's state differed between runs: the sequential reference of the 6 task sets both runs measured took ×1\.1\d \(95% CI ×1\.\d+ … ×1\.\d+\) as long in B; every backend's figures below carry that difference/);
    expect(state).toBeLessThan(lines.findIndex((l) => l.includes('overhead o (CPU-s/task)')));
    expect(lines).toContain(`  same machine fingerprint (${run(1).machine.fingerprint})`);
    const same = cli(['compare', a, calm]);
    expect(same.stdout).not.toContain("state differed");
    expect(same.stdout).toMatch(/the sequential reference of the 6 task sets both runs measured took ×(0\.9\d+|1\.0\d) .* as long in B: the machine's state agrees between the runs/);
  });

  it('needs two runs', () => {
    const r = cli(['compare', TWO]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('parbench: nothing to compare: give at least two runs (got 1)\n');
  });
});
