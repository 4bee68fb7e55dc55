/**
 * Bootstrap of a whole series: each resample redraws every point's raw sequential and parallel samples
 * with replacement, recomputes the medians, the points' metrics and then any statistic of the series
 * (the fitted overhead, METG). Seeded, so the same record always gives the same interval.
 */
import { quantileSorted } from 'simple-statistics';
import { mulberry32 } from '../../suites/random.js';
import { makePoint, type SeriesPoint } from './series.js';
import { medianAt, resampledMedian, resampleIndices } from './summary.js';

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

/** Whether two sides' runs have the same shape: as many runs, and run by run the same grains with as many sequential and parallel samples. */
export function samePairedShape(a: readonly (readonly SeriesPoint[])[], b: readonly (readonly SeriesPoint[])[]): boolean {
  return (
    a.length === b.length &&
    a.every((run, i) => {
      const other = b[i]!;
      return run.length === other.length && run.every((p, j) => p.target === other[j]!.target && p.seqSamples.length === other[j]!.seqSamples.length && p.parSamples.length === other[j]!.parSamples.length);
    })
  );
}

/**
 * Paired two-stage bootstrap of two sides measured in lockstep (run i of each side in the same round,
 * repetition k of a point right after the other side's repetition k): every draw resamples the rounds
 * with replacement and, within each drawn round, the repetitions of each point, with the same indices
 * on both sides, so what the machine did at a moment weighs on both alike (a paired bootstrap: Davison
 * & Hinkley 1997, §3.8 and §3.2 on matched samples). Returns the two sides' draws aligned, draw r of `a`
 * with draw r of `b`; a non-finite statistic stays in place as NaN. Expects samePairedShape(a, b);
 * throws a RangeError otherwise, and whatever `statistic` throws.
 */
export function bootstrapPairedRuns(
  a: readonly (readonly SeriesPoint[])[],
  b: readonly (readonly SeriesPoint[])[],
  statistic: (points: SeriesPoint[]) => number,
  resamples = RESAMPLES,
  seed = 1,
): { a: number[]; b: number[] } {
  if (!samePairedShape(a, b)) throw new RangeError('bootstrapPairedRuns: the sides differ in runs, grains or samples per point');
  const random = mulberry32(seed);
  const draw = (n: number) => resampleIndices(n, random);
  const out = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < resamples; r++) {
    const rounds = a.length === 1 ? [0] : draw(a.length);
    const valuesA: number[] = [];
    const valuesB: number[] = [];
    for (const k of rounds) {
      const [ra, rb] = [a[k]!, b[k]!];
      const pointsA: SeriesPoint[] = [];
      const pointsB: SeriesPoint[] = [];
      ra.forEach((pa, j) => {
        const pb = rb[j]!;
        const seq = draw(pa.seqSamples.length);
        const par = draw(pa.parSamples.length);
        pointsA.push(makePoint(pa, medianAt(pa.seqSamples, seq), medianAt(pa.parSamples, par)));
        pointsB.push(makePoint(pb, medianAt(pb.seqSamples, seq), medianAt(pb.parSamples, par)));
      });
      valuesA.push(statistic(pointsA));
      valuesB.push(statistic(pointsB));
    }
    out.a.push(medianOfFinite(valuesA));
    out.b.push(medianOfFinite(valuesB));
  }
  return out;
}
