import { describe, expect, it } from 'vitest';
import { bootstrapMedianCI, modifiedZScores, summarize } from '../../src/stats/summary.js';
import { pointMetrics } from '../../src/stats/metrics.js';

describe('summarize', () => {
  it('gives median, MAD, min, max, mean and CV of the samples', () => {
    const s = summarize([3, 1, 2, 5, 4]);
    expect(s).toMatchObject({ n: 5, median: 3, mad: 1, min: 1, max: 5, mean: 3 });
    expect(s.cv).toBeCloseTo(Math.sqrt(2.5) / 3, 12);
  });

  it('flags outliers by modified z-score above 3.5 and keeps them', () => {
    const samples = [10, 10.1, 9.9, 10.05, 9.95, 30];
    const s = summarize(samples);
    expect(s.outliers).toEqual([5]);
    expect(s.n).toBe(6);
    expect(s.max).toBe(30);
    expect(modifiedZScores([1, 1, 1])).toEqual([0, 0, 0]);
  });

  it('bootstraps a deterministic 95% interval around the median', () => {
    const samples = [5, 6, 7, 8, 9, 10, 11, 12, 13];
    const [lo, hi] = bootstrapMedianCI(samples);
    expect(bootstrapMedianCI(samples)).toEqual([lo, hi]);
    expect(lo).toBeLessThanOrEqual(9);
    expect(hi).toBeGreaterThanOrEqual(9);
    expect(lo).toBeGreaterThanOrEqual(5);
    expect(hi).toBeLessThanOrEqual(13);
    expect(bootstrapMedianCI([4])).toEqual([4, 4]);
  });
});

describe('pointMetrics', () => {
  it('applies the model: S = Tseq/Tpar, E = S/min(W,cores), o = (min(W,cores)·Tpar − Tseq)/N', () => {
    const m = pointMetrics({ tSeq: 1, tPar: 0.8, tasks: 100, workers: 4, cores: 2 });
    expect(m.usableWorkers).toBe(2);
    expect(m.speedup).toBeCloseTo(1.25, 12);
    expect(m.efficiency).toBeCloseTo(0.625, 12);
    expect(m.overheadPerTask).toBeCloseTo(0.006, 12);
    expect(m.tasksPerSecond).toBeCloseTo(125, 12);
  });
});
