/** Summary statistics of a set of timing samples: one pure function from samples to a summary. */
import { max, mean, median, medianAbsoluteDeviation, min, sampleStandardDeviation } from 'simple-statistics';
import { mulberry32 } from '../../suites/random.js';
import type { Summary } from '../record/record-schema.js';

/** Its shape is part of the run record, defined once in src/record/record-schema.ts. */
export type { Summary };

/** |Modified z-score| above which a sample is flagged an outlier (Iglewicz & Hoaglin 1993). */
export const OUTLIER_Z = 3.5;

/**
 * Modified z-scores (Iglewicz & Hoaglin 1993): 0.6745 · (x − median) / MAD, one per sample, unitless.
 * All zero when MAD is 0. Throws (simple-statistics) for no samples.
 */
export function modifiedZScores(samples: readonly number[]): number[] {
  const m = median(samples as number[]);
  const mad = medianAbsoluteDeviation(samples as number[]);
  return samples.map((x) => (mad === 0 ? 0 : (0.6745 * (x - m)) / mad));
}

/** The indices of one bootstrap resample of `n` samples: `n` draws with replacement, one `random()` each, in order. */
export function resampleIndices(n: number, random: () => number): number[] {
  const indices = new Array<number>(n);
  for (let i = 0; i < n; i++) indices[i] = Math.floor(random() * n);
  return indices;
}

/** The median of `samples` at `indices` (a resample's, from resampleIndices). */
export function medianAt(samples: readonly number[], indices: readonly number[]): number {
  return median(indices.map((i) => samples[i]!));
}

/** The median of one bootstrap resample: `samples.length` draws with replacement (resampleIndices). */
export function resampledMedian(samples: readonly number[], random: () => number): number {
  return medianAt(samples, resampleIndices(samples.length, random));
}

/**
 * Percentile-bootstrap confidence interval of the median (Efron & Tibshirani), in the samples' unit;
 * `level` a fraction, `resamples` draws seeded by `seed`, so deterministic for a given input. One
 * sample gives [x, x], none [NaN, NaN].
 */
export function bootstrapMedianCI(samples: readonly number[], level = 0.95, resamples = 2000, seed = 1): [number, number] {
  if (samples.length < 2) return [samples[0] ?? NaN, samples[0] ?? NaN];
  const random = mulberry32(seed);
  const medians = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) medians[r] = resampledMedian(samples, random);
  medians.sort();
  const tail = (1 - level) / 2;
  const at = (q: number) => medians[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))]!;
  return [at(tail), at(1 - tail)];
}

/**
 * Summary of timing samples (s): n, median, MAD (unscaled), mean, min, max, CV (sample sd / mean, 0
 * for one sample), a 95% bootstrap interval of the median (2,000 resamples, seed 1) and the indices of
 * outliers (|modified z| > OUTLIER_Z). Throws a plain Error, not a ParbenchError, for no samples.
 */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const xs = samples as number[];
  const average = mean(xs);
  const sd = xs.length > 1 ? sampleStandardDeviation(xs) : 0;
  return {
    n: xs.length,
    median: median(xs),
    mad: medianAbsoluteDeviation(xs),
    mean: average,
    min: min(xs),
    max: max(xs),
    cv: average === 0 ? 0 : sd / average,
    ci95: bootstrapMedianCI(xs),
    outliers: modifiedZScores(xs).flatMap((z, i) => (Math.abs(z) > OUTLIER_Z ? [i] : [])),
  };
}
