import { describe, expect, it } from 'vitest';
import { compareSeries, pairSeries } from '../../src/stats/series-comparison.js';
import { seriesOf } from '../../src/stats/series.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

describe('compare', () => {
  it('pairs equal worker counts, and single leftover counts of one backend (workers "auto")', () => {
    const a = syntheticRun([
      { backend: 'worker', workers: 2, o: 40e-6, points: SWEEP },
      { backend: 'process', workers: 2, o: 90e-6, points: SWEEP },
      { backend: 'python', workers: 2, o: 90e-6, points: SWEEP },
    ]);
    const b = syntheticRun(
      [
        { backend: 'worker', workers: 2, o: 40e-6, points: SWEEP },
        { backend: 'process', workers: 16, o: 90e-6, points: SWEEP },
      ],
      { cores: 16 },
    );
    const pairing = pairSeries(seriesOf(a), seriesOf(b));
    expect(pairing.pairs.map(([x, y]) => `${x.backend}:${x.workers}-${y.workers}`)).toEqual(['worker:2-2', 'process:2-16']);
    expect(pairing.onlyA.map((s) => s.backend)).toEqual(['python']);
  });

  it('compares only shared grains, lists the rest, and finds a doubled overhead significant', () => {
    const a = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03 }]);
    const b = syntheticRun([{ backend: 'worker', workers: 2, o: 80e-6, c: 1e-3, points: SWEEP.slice(1), noise: 0.03, seed: 9 }]);
    const [sa] = seriesOf(a);
    const [sb] = seriesOf(b);
    const cmp = compareSeries(sa!, sb!);
    expect(cmp.grains).toEqual(SWEEP.slice(1).map(([g]) => g));
    expect(cmp.onlyA).toEqual([1e-7]);
    const overhead = cmp.metrics.find((m) => m.metric === 'overhead')!;
    expect(overhead.ratio).toBeGreaterThan(1.8);
    expect(overhead.ratio).toBeLessThan(2.2);
    expect(overhead.significant).toBe(true);
    const metg = cmp.metrics.find((m) => m.metric === 'metg')!;
    expect(metg.ratio).toBeGreaterThan(1);
    const perCore = cmp.metrics.find((m) => m.metric === 'throughputPerCore')!;
    expect(perCore.higherIsBetter).toBe(true);
    expect(perCore.ratio).toBeLessThan(1);
  });

  it('finds no significant difference between two noisy measurements of the same thing', () => {
    const a = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.05, seed: 1 }]);
    const b = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.05, seed: 2 }]);
    const cmp = compareSeries(seriesOf(a)[0]!, seriesOf(b)[0]!);
    expect(cmp.metrics.find((m) => m.metric === 'overhead')!.significant).toBe(false);
  });
});
