import { describe, expect, it } from 'vitest';
import { compareSeries, pairByAchievedGrain, pairSeries } from '../../src/stats/series-comparison.js';
import { referenceShift } from '../../src/stats/reference-shift.js';
import { seriesOf } from '../../src/stats/series.js';
import { scaleSequential, SWEEP, syntheticRun } from '../helpers/synthetic.js';

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

describe('pairing points by achieved grain', () => {
  const point = (target: number, grain: number) => ({ target, grain, tasks: 10, usable: 2, tSeq: grain * 10, tPar: grain * 6, speedup: 1, efficiency: 1, overhead: 0, seqSamples: [], parSamples: [] });

  it('pairs nearest achieved grains one to one, carries A\'s target, leaves points more than 2× apart unpaired', () => {
    const a = [point(1e-8, 282e-9), point(1e-7, 282e-9), point(1e-6, 1.02e-6), point(1e-5, 10e-6)];
    const b = [point(1e-8, 1.59e-6), point(1e-7, 1.59e-6), point(1e-6, 1.59e-6), point(1e-5, 9.5e-6)];
    const paired = pairByAchievedGrain(a, b);
    expect(paired.points.map((p) => [p.target, p.grain])).toEqual([
      [1e-6, 1.59e-6],
      [1e-5, 9.5e-6],
    ]);
    expect(paired.unpaired).toEqual([1e-8, 1e-7]);
  });

  it('compareSeries pairs by achieved grain when asked, and says where achieved grains differ by more than 15%', () => {
    const a = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.01 }]);
    const b = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP.map(([g, n], i) => [i === 2 ? g * 1.3 : g, n] as [number, number]), noise: 0.01, seed: 3 }]);
    const cmp = compareSeries(seriesOf(a)[0]!, seriesOf(b)[0]!, { pairBy: 'achieved' });
    expect(cmp.pairedBy).toBe('achieved');
    expect(cmp.grains).toEqual(SWEEP.map(([g]) => g));
    expect(cmp.grainMismatches.map((m) => m.target)).toEqual([1e-5]);
    expect(cmp.grainMismatches[0]!.b / cmp.grainMismatches[0]!.a).toBeCloseTo(1.3, 1);
    expect(cmp.throughputByGrain).toHaveLength(SWEEP.length);
    expect(cmp.throughputByGrain[0]!.a).toBeCloseTo(20000 / seriesOf(a)[0]!.points[0]!.tPar, 6);
  });

  it('leaves METG out for a series with one usable worker', () => {
    const one = syntheticRun([{ backend: 'sequential', workers: 1, o: 1e-7, points: SWEEP }]);
    expect(compareSeries(seriesOf(one)[0]!, seriesOf(one)[0]!).metrics.map((m) => m.metric)).toEqual(['overhead', 'throughputPerCore', 'throughput']);
  });
});

describe('the shift of the sequential reference', () => {
  it('is the geometric mean of T_seq(B)/T_seq(A) over the task sets both runs measured', () => {
    const a = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.03, seed: 1 }]);
    const same = referenceShift(a, syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.03, seed: 2 }]))!;
    expect(same).toMatchObject({ basis: 'task sets', taskSets: SWEEP.length, significant: false });
    expect(same.ratio).toBeCloseTo(1, 1);
    const slower = referenceShift(a, scaleSequential(syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.03, seed: 2 }]), 1.12))!;
    expect(slower.significant).toBe(true);
    expect(slower.ratio).toBeCloseTo(1.12, 1);
    expect(slower.ci95[0]).toBeGreaterThan(1.05);
  });

  it('falls back on the probes\' spin tests when no task set is shared, and is null without either', () => {
    const a = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP }]);
    const b = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP.slice(0, 1).map(([g, n]) => [g, n + 1] as [number, number]) }]);
    expect(referenceShift(a, b)).toBeNull();
    const spin = (medianSeconds: number) => ({ slices: 400, medianSeconds, robustCv: 0.02, maxOverMedian: 1.5 });
    const probe = { durationSeconds: 0.2, loadAverage: [0, 0, 0] as [number, number, number], cores: 2, cpuBusy: 0.5, cpuSteal: 0, verdict: 'quiet' as const, reasons: [] };
    a.probe = { ...probe, spin: spin(100e-6) };
    b.probe = { ...probe, spin: spin(130e-6) };
    const shift = referenceShift(a, b)!;
    expect(shift).toMatchObject({ basis: 'spin test', taskSets: 0, significant: true });
    expect(shift.ratio).toBeCloseTo(1.3, 10);
  });
});
