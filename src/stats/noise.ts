/**
 * Is a series quiet enough to support its conclusions? Per point, the coefficient of variation of the
 * parallel and sequential samples and the outliers by modified z-score (counted, never dropped).
 *
 * The decision uses the robust CV, 1.4826·MAD / median: the spread around the median, which is the
 * statistic every number is built on, and which one outlier (already counted) cannot inflate. The
 * classic CV (standard deviation / mean) is reported beside it.
 */
import { summarize, type Summary } from './summary.js';
import type { SeriesPoint } from './series.js';

/** A point whose robust CV (a fraction) exceeds this makes the run "noisy". */
export const NOISY_CV = 0.1;
/** Fewer samples per point than this give intervals too wide to act on. */
export const MIN_REPEATS = 5;

export interface NoiseReport {
  /** Largest classic CV (sd / mean, a fraction) over the points. */
  maxCv: number;
  /** Largest robust CV (1.4826·MAD / median, a fraction) over the points. */
  maxRobustCv: number;
  /** Target grains (s) of points whose robust CV exceeds NOISY_CV. */
  noisyGrains: number[];
  /** Outliers (|modified z| > 3.5, Iglewicz & Hoaglin 1993) over all samples of the series. */
  outliers: number;
  /** Samples over all points of the series. */
  samples: number;
  /** Fewest timed samples at any point. */
  minRepeats: number;
}

/** 1.4826·MAD / median (the MAD scaled to a normal standard deviation), 0 for a zero median. */
export function robustCv(s: Summary): number {
  return s.median === 0 ? 0 : (1.4826 * s.mad) / Math.abs(s.median);
}

/**
 * Noise of one kind of sample of a series: the parallel runs, or the sequential reference. All zero
 * for no points. Throws a plain Error from summarize when a point holds no samples of that kind.
 */
export function noiseOf(points: readonly SeriesPoint[], kind: 'parallel' | 'sequential' = 'parallel'): NoiseReport {
  let maxCv = 0;
  let maxRobustCv = 0;
  let outliers = 0;
  let samples = 0;
  let minRepeats = Infinity;
  const noisyGrains: number[] = [];
  for (const p of points) {
    const summary = summarize(kind === 'parallel' ? p.parSamples : p.seqSamples);
    maxCv = Math.max(maxCv, summary.cv);
    const robust = robustCv(summary);
    maxRobustCv = Math.max(maxRobustCv, robust);
    if (robust > NOISY_CV) noisyGrains.push(p.target);
    outliers += summary.outliers.length;
    samples += summary.n;
    minRepeats = Math.min(minRepeats, summary.n);
  }
  return { maxCv, maxRobustCv, noisyGrains, outliers, samples, minRepeats: Number.isFinite(minRepeats) ? minRepeats : 0 };
}
