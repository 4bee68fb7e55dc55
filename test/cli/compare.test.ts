import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, writeJson } from '../helpers/cli.js';
import { tempDir } from './cli.js';

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
      expect(s.grains).toEqual([1e-6, 1e-5, 3e-5, 1e-4, 1e-3]);
      // B ran on one core: METG (efficiency against one core) is left out.
      expect(s.metrics.map((m: { metric: string }) => m.metric)).toEqual(['overhead', 'throughputPerCore', 'throughput']);
      for (const m of s.metrics) if (Number.isFinite(m.ratio)) expect(m.ci95[0]).toBeLessThanOrEqual(m.ci95[1]);
    }
    expect(view.comparisons[0].unmatched).toEqual([]);
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
    expect(r.stdout).toMatch(/- fib worker: grains only in A 1e-3; only in B none/);
  });

  it('needs two runs', () => {
    const r = cli(['compare', TWO]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('parbench: nothing to compare: give at least two runs (got 1)\n');
  });
});
