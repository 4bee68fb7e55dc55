/**
 * Bootstrap of a whole series: each resample redraws every point's raw sequential and parallel samples
 * with replacement, recomputes the medians, the points' metrics and then any statistic of the series
 * (the fitted overhead, METG). Seeded, so the same record always gives the same interval.
 */
import { quantileSorted } from 'simple-statistics';
import { mulberry32 } from '../../suites/random.js';
import { makePoint, type SeriesPoint } from './series.js';

export const RESAMPLES = 1000;

function medianOf(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

function redraw(samples: readonly number[], random: () => number): number {
  const draw = new Array<number>(samples.length);
  for (let i = 0; i < samples.length; i++) draw[i] = samples[Math.floor(random() * samples.length)]!;
  return medianOf(draw);
}

/** Values of `statistic` over `resamples` bootstrap copies of the points (NaN results are dropped). */
export function bootstrapSeries(points: readonly SeriesPoint[], statistic: (points: SeriesPoint[]) => number, resamples = RESAMPLES, seed = 1): number[] {
  const random = mulberry32(seed);
  const out: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const copy = points.map((p) => makePoint(p, redraw(p.seqSamples, random), redraw(p.parSamples, random)));
    const value = statistic(copy);
    if (Number.isFinite(value)) out.push(value);
  }
  return out;
}

/** Percentile interval of a bootstrap distribution. */
export function percentileInterval(values: readonly number[], level = 0.95): [number, number] {
  if (values.length === 0) return [NaN, NaN];
  const sorted = [...values].sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}
