import { describe, expect, it } from 'vitest';
import { gateRuns } from '../../src/gate/gate-runs.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

const run = (o: number, seed: number, noise = 0.05) =>
  syntheticRun([
    { backend: 'sequential', workers: 1, o: 1e-8, points: SWEEP, noise: 0.0001, seed },
    { backend: 'worker', workers: 2, o, c: 1e-3, points: SWEEP, noise, seed: seed + 1 },
  ]);

const overheadOf = (r: ReturnType<typeof gateRuns>, backend = 'worker') => r.checks.find((c) => c.backend === backend && c.metric === 'overhead')!;

describe('gate significance rule', () => {
  const baseline = run(40e-6, 1);

  it('passes a 2% change within 5% noise: the interval lies below the allowed +10%', () => {
    const result = gateRuns(baseline, run(40.8e-6, 11));
    expect(result.status).toBe('pass');
    const overhead = overheadOf(result);
    expect(Math.abs(overhead.change)).toBeLessThan(0.06);
    expect(overhead.verdict).toBe('pass');
    expect(overhead.changeCI[1]).toBeLessThan(0.1);
  });

  it('fails a 30% change of per-task overhead (and METG follows it)', () => {
    const result = gateRuns(baseline, run(52e-6, 11));
    expect(result.status).toBe('regressed');
    const overhead = overheadOf(result);
    expect(overhead.verdict).toBe('regressed');
    expect(overhead.change).toBeGreaterThan(0.2);
    expect(overhead.changeCI[0]).toBeGreaterThan(0.1);
  });

  it('reports a 30% improvement as improved, which passes', () => {
    const result = gateRuns(baseline, run(28e-6, 11));
    expect(overheadOf(result).verdict).toBe('improved');
    expect(result.status).not.toBe('regressed');
  });

  it('leaves a change the noise cannot resolve inconclusive, saying why', () => {
    // 15% worse with ±30% noise: the interval reaches from below 1 to beyond 1 + 10%.
    const noisyBase = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.3, repeats: 5, seed: 5 }]);
    const noisyCur = syntheticRun([{ backend: 'worker', workers: 2, o: 46e-6, points: SWEEP, noise: 0.3, repeats: 5, seed: 6 }]);
    const result = gateRuns(noisyBase, noisyCur);
    const overhead = overheadOf(result);
    expect(overhead.verdict).toBe('inconclusive');
    expect(overhead.note).toBe('interval reaches across the allowed +10%');
    expect(overhead.changeCI[0]).toBeLessThan(0.1);
    expect(overhead.changeCI[1]).toBeGreaterThan(0.1);
    expect(result.status).toBe('inconclusive');
  });

  it('treats overheads below the floor in both runs as negligible: pass', () => {
    const seq = overheadOf(gateRuns(baseline, run(40e-6, 11)), 'sequential');
    expect(seq.verdict).toBe('pass');
    expect(seq.note).toBe('below 1 µs in both runs (negligible)');
  });

  it('with several runs a side, the median of the runs is the value and their spread widens the interval', () => {
    const one = (o: number, seed: number) => syntheticRun([{ backend: 'worker', workers: 2, o, c: 1e-3, points: SWEEP, noise: 0.02, seed }]);
    const current = one(52e-6, 21);
    // One quiet baseline run: 30% worse is a regression.
    expect(overheadOf(gateRuns(one(40e-6, 1), current)).verdict).toBe('regressed');
    // Three baseline runs that themselves differ by ±25%: the same current run is within that spread.
    const spread = gateRuns([one(40e-6, 1), one(30e-6, 2), one(50e-6, 3)], current);
    expect(overheadOf(spread).baseline).toBeGreaterThan(39e-6);
    expect(overheadOf(spread).baseline).toBeLessThan(42e-6);
    expect(overheadOf(spread).verdict).not.toBe('regressed');
  });

  it('fails an overhead that grows from negligible to well above the floor', () => {
    const seq = (o: number, seed: number) => syntheticRun([{ backend: 'sequential', workers: 1, o, points: SWEEP, noise: 0.0001, seed }]);
    expect(overheadOf(gateRuns(seq(1e-8, 1), seq(1e-8, 2)), 'sequential').verdict).toBe('pass');
    const grown = overheadOf(gateRuns(seq(1e-8, 1), seq(20e-6, 2)), 'sequential');
    expect(grown.verdict).toBe('regressed');
    expect(grown.note).toBe('from negligible (below 1 µs) to significantly above it');
  });
});
