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
 * Two-stage (hierarchical) bootstrap over repeated runs of one series (Davison & Hinkley 1997, §3.8):
 * each draw resamples the runs with replacement, then each drawn run's raw samples, computes the
 * statistic per run and takes the median over the drawn runs — the same estimator as the side's value
 * (the median over its runs). The spread between runs (a shared machine's load coming and going) enters
 * the interval, and more runs narrow it. With one run this is the plain bootstrap of that run. Draws
 * whose every run gives a non-finite value are dropped. Throws whatever `statistic` throws.
 */
export function bootstrapRuns(runs: readonly (readonly SeriesPoint[])[], statistic: (points: SeriesPoint[]) => number, resamples = RESAMPLES, seed = 1): number[] {
  const random = mulberry32(seed);
  const once = (points: readonly SeriesPoint[]) => statistic(points.map((p) => makePoint(p, resampledMedian(p.seqSamples, random), resampledMedian(p.parSamples, random))));
  const out: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const value = runs.length === 1 ? once(runs[0]!) : medianOfFinite(runs.map(() => once(runs[Math.floor(random() * runs.length)]!)));
    if (Number.isFinite(value)) out.push(value);
  }
  return out;
}

/** The median of the finite values; NaN when there are none. */
function medianOfFinite(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return finite.length === 0 ? NaN : quantileSorted(finite, 0.5);
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
