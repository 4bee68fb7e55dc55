/**
 * Bootstrap of a whole series: each resample redraws every point's raw sequential and parallel samples
 * with replacement, recomputes the medians, the points' metrics and then any statistic of the series
 * (the fitted overhead, METG). Seeded, so the same record always gives the same interval.
 */
import { quantileSorted } from 'simple-statistics';
import { mulberry32 } from '../../suites/random.js';
import { makePoint, type SeriesPoint } from './series.js';
import { resampledMedian } from './summary.js';

/** Bootstrap resamples per interval of a series statistic. */
export const RESAMPLES = 1000;

/**
 * Values of `statistic` over `resamples` bootstrap copies of the points (Efron & Tibshirani); results
 * that are NaN or infinite are dropped, so the array may be shorter than `resamples`. Throws whatever
 * `statistic` throws.
 */
export function bootstrapSeries(points: readonly SeriesPoint[], statistic: (points: SeriesPoint[]) => number, resamples = RESAMPLES, seed = 1): number[] {
  return bootstrapRuns([points], statistic, resamples, seed);
}

/**
 * Hierarchical bootstrap over repeated runs of one series: each draw picks one run at random, then
 * resamples that run's raw samples. With several runs the spread between runs (a shared machine's
 * load coming and going) enters the distribution, not only the spread within one run. Non-finite
 * values are dropped. Throws whatever `statistic` throws.
 */
export function bootstrapRuns(runs: readonly (readonly SeriesPoint[])[], statistic: (points: SeriesPoint[]) => number, resamples = RESAMPLES, seed = 1): number[] {
  const random = mulberry32(seed);
  const out: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const points = runs.length === 1 ? runs[0]! : runs[Math.floor(random() * runs.length)]!;
    const copy = points.map((p) => makePoint(p, resampledMedian(p.seqSamples, random), resampledMedian(p.parSamples, random)));
    const value = statistic(copy);
    if (Number.isFinite(value)) out.push(value);
  }
  return out;
}

/**
 * Percentile interval of a bootstrap distribution (Efron & Tibshirani) at `level` (a fraction, 0.95 =
 * central 95%); [NaN, NaN] for an empty distribution.
 */
export function percentileInterval(values: readonly number[], level = 0.95): [number, number] {
  if (values.length === 0) return [NaN, NaN];
  const sorted = [...values].sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}
