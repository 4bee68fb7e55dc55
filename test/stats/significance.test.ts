import { describe, expect, it } from 'vitest';
import { gateRuns } from '../../src/gate/gate-runs.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

const run = (o: number, seed: number, noise = 0.05) =>
  syntheticRun([
    { backend: 'sequential', workers: 1, o: 1e-8, points: SWEEP, noise: 0.0001, seed },
    { backend: 'worker', workers: 2, o, c: 1e-3, points: SWEEP, noise, seed: seed + 1 },
  ]);

describe('gate significance rule', () => {
  const baseline = run(40e-6, 1);

  it('passes a 2% change within 5% noise', () => {
    const result = gateRuns(baseline, run(40.8e-6, 11));
    expect(result.failed).toBe(false);
    const overhead = result.checks.find((c) => c.backend === 'worker' && c.metric === 'overhead')!;
    expect(Math.abs(overhead.change)).toBeLessThan(0.06);
    expect(overhead.verdict).not.toBe('REGRESSED');
  });

  it('fails a 30% change of per-task overhead (and METG follows it)', () => {
    const result = gateRuns(baseline, run(52e-6, 11));
    expect(result.failed).toBe(true);
    const overhead = result.checks.find((c) => c.backend === 'worker' && c.metric === 'overhead')!;
    expect(overhead.verdict).toBe('REGRESSED');
    expect(overhead.change).toBeGreaterThan(0.2);
    expect(overhead.changeCI[0]).toBeGreaterThan(0.1);
  });

  it('reports a 30% improvement as improved, not a failure', () => {
    const result = gateRuns(baseline, run(28e-6, 11));
    expect(result.failed).toBe(false);
    expect(result.checks.find((c) => c.backend === 'worker' && c.metric === 'overhead')!.verdict).toBe('improved');
  });

  it('does not fail a change beyond the threshold that noise cannot resolve', () => {
    // 15% worse with 40% noise and 3 repeats: point estimate over 10%, interval not clear of it.
    const noisyBase = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.4, repeats: 3, seed: 3 }]);
    const noisyCur = syntheticRun([{ backend: 'worker', workers: 2, o: 46e-6, points: SWEEP, noise: 0.4, repeats: 3, seed: 4 }]);
    const result = gateRuns(noisyBase, noisyCur);
    expect(result.failed).toBe(false);
  });

  it('treats overheads below the floor in both runs as negligible', () => {
    const result = gateRuns(baseline, run(40e-6, 11));
    const seq = result.checks.find((c) => c.backend === 'sequential' && c.metric === 'overhead')!;
    expect(seq.verdict).toBe('pass');
    expect(seq.note).toMatch(/negligible/);
  });

  it('with a baseline of several runs, the run-to-run spread widens the interval', () => {
    const one = (o: number, seed: number) => syntheticRun([{ backend: 'worker', workers: 2, o, c: 1e-3, points: SWEEP, noise: 0.02, seed }]);
    const current = one(52e-6, 21);
    const overhead = (r: ReturnType<typeof gateRuns>) => r.checks.find((c) => c.metric === 'overhead')!;
    // One quiet baseline run: 30% worse is a regression.
    expect(overhead(gateRuns(one(40e-6, 1), current)).verdict).toBe('REGRESSED');
    // Three baseline runs that themselves differ by ±25%: the same current run is within that spread.
    const spread = gateRuns([one(40e-6, 1), one(30e-6, 2), one(50e-6, 3)], current);
    expect(overhead(spread).baseline).toBeGreaterThan(39e-6);
    expect(overhead(spread).baseline).toBeLessThan(42e-6);
    expect(overhead(spread).verdict).not.toBe('REGRESSED');
  });

  it('fails an overhead that grows from negligible to well above the floor', () => {
    const seq = (o: number, seed: number) => syntheticRun([{ backend: 'sequential', workers: 1, o, points: SWEEP, noise: 0.0001, seed }]);
    const check = (r: ReturnType<typeof gateRuns>) => r.checks.find((c) => c.metric === 'overhead')!;
    expect(check(gateRuns(seq(1e-8, 1), seq(1e-8, 2))).verdict).toBe('pass');
    const grown = check(gateRuns(seq(1e-8, 1), seq(20e-6, 2)));
    expect(grown.verdict).toBe('REGRESSED');
    expect(grown.note).toMatch(/from negligible/);
  });
});
