/**
 * The stopping rule of `--precision`: after every repetition, is the median of a point's samples known
 * well enough to stop? Pure and deterministic, cheap enough to evaluate after each repetition.
 *
 * The interval is the distribution-free order-statistic (binomial) confidence interval of the median
 * (W. J. Conover, Practical Nonparametric Statistics, 3rd ed., Wiley 1999, §3.2, "confidence interval
 * for a quantile"; also Hahn & Meeker, Statistical Intervals, 1991, §5.2): with the samples sorted
 * x(1) ≤ … ≤ x(n), [x(k), x(n−k+1)] covers the true median with probability 1 − 2·P(B ≤ k−1),
 * B ~ Binomial(n, ½), whatever the distribution of the samples (independent and continuous). k is the
 * largest rank whose coverage is still ≥ the level. For a 95% two-sided interval this needs n ≥ 6
 * ([min, max] of 5 samples covers only 93.75%); below that the rule reports no interval and continues.
 *
 * Relation to the record's interval: `summary.ts` records a percentile-bootstrap interval of the median
 * (2,000 resamples). Its end points are medians of resamples, so they are always between the same order
 * statistics and, for small n, it is usually narrower than this exact interval (the bootstrap of the
 * median under-covers at small n). A point stopped here at ±p therefore records a bootstrap interval that
 * is, in practice, within ±p as well; this rule is the conservative of the two.
 */

/** Confidence level of the stopping rule's interval (two-sided). */
export const PRECISION_LEVEL = 0.95;

/** Fewest timed samples a point takes when `precision` is on, whatever `repeats` says. */
export const PRECISION_MIN_REPEATS = 5;

/** Ranks (1-based) of the order statistics bounding a median interval, and its exact coverage. */
export interface MedianRanks {
  /** x(lower) is the interval's lower end (1-based rank in the sorted samples). */
  lower: number;
  /** x(upper) is the interval's upper end; upper = n − lower + 1. */
  upper: number;
  /** Exact coverage probability 1 − 2·P(B ≤ lower − 1), B ~ Binomial(n, ½); ≥ the level asked. */
  coverage: number;
}

/** P(B ≤ j) for j = 0 … n−1 of B ~ Binomial(n, ½), summed in log space so large n does not underflow. */
function binomialHalfCdf(n: number, upTo: number): number[] {
  const cdf: number[] = [];
  let logChoose = 0;
  let total = 0;
  const logHalfPow = -n * Math.LN2;
  for (let j = 0; j <= upTo; j++) {
    if (j > 0) logChoose += Math.log((n - j + 1) / j);
    total += Math.exp(logChoose + logHalfPow);
    cdf.push(total);
  }
  return cdf;
}

/**
 * The order-statistic interval of the median for `n` samples at `level` (a fraction, default 0.95):
 * the ranks of its ends and its exact coverage (Conover 1999, §3.2). Null when no interval reaches the
 * level (n < 6 at 95%, n < 8 at 99%). Throws a RangeError for n not a whole number ≥ 0 or level not in
 * (0, 1).
 */
export function medianRanks(n: number, level = PRECISION_LEVEL): MedianRanks | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`medianRanks: n must be a whole number ≥ 0, got ${n}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`medianRanks: level must be in (0, 1), got ${level}`);
  if (n === 0) return null;
  const tail = (1 - level) / 2;
  const half = Math.floor((n - 1) / 2);
  const cdf = binomialHalfCdf(n, half);
  let lower = 0;
  // Largest k with P(B ≤ k−1) ≤ tail; k = 1 needs P(B = 0) = 2^−n ≤ tail.
  for (let k = 1; k <= half + 1 && k <= n; k++) {
    if (cdf[k - 1]! <= tail + 1e-12) lower = k;
    else break;
  }
  if (lower === 0) return null;
  return { lower, upper: n - lower + 1, coverage: 1 - 2 * cdf[lower - 1]! };
}

/** A median with its order-statistic interval, in the samples' unit (seconds for timings). */
export interface MedianInterval {
  median: number;
  /** Interval ends; null when there are too few samples for the level (n < 6 at 95%). */
  low: number | null;
  high: number | null;
  /**
   * Largest distance from the median to an end, as a fraction of the median:
   * max(median − low, high − median) / median. Null without an interval or when the median is ≤ 0.
   */
  halfWidth: number | null;
}

/**
 * The median of `samples` (seconds, any order) and its order-statistic interval at `level` (see
 * medianRanks), with the relative half-width. Throws a RangeError for no samples or a sample that is
 * not a finite number.
 */
export function medianInterval(samples: readonly number[], level = PRECISION_LEVEL): MedianInterval {
  if (samples.length === 0) throw new RangeError('medianInterval: no samples');
  if (samples.some((x) => !Number.isFinite(x))) throw new RangeError('medianInterval: every sample must be a finite number');
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const ranks = medianRanks(n, level);
  if (!ranks) return { median, low: null, high: null, halfWidth: null };
  const low = sorted[ranks.lower - 1]!;
  const high = sorted[ranks.upper - 1]!;
  const halfWidth = median > 0 ? Math.max(median - low, high - median) / median : null;
  return { median, low, high, halfWidth };
}

/** Why a series stops, or that it goes on. `repeats`: precision is off and `repeats` samples were taken. */
export type StopReason = 'precision' | 'repeats' | 'max-repeats' | 'continue';

/** What the rule decided after the samples so far. */
export interface StopDecision {
  stop: boolean;
  reason: StopReason;
  /** The interval's relative half-width now (fraction of the median); null below 6 samples. */
  halfWidth: number | null;
}

/** The stopping rule's settings for one series. */
export interface StopOptions {
  /** Target relative half-width (0.05 = ±5%); null: precision off, stop at `repeats`. */
  precision: number | null;
  /** Timed samples to take at least (the configuration's `repeats`). */
  repeats: number;
  /** Timed samples never to go beyond. */
  maxRepeats: number;
}

/** The fewest samples a series takes: `repeats`, raised to PRECISION_MIN_REPEATS when precision is on. */
export function minimumRepeats(options: Pick<StopOptions, 'precision' | 'repeats'>): number {
  return options.precision === null ? options.repeats : Math.max(options.repeats, PRECISION_MIN_REPEATS);
}

/**
 * Decide after each timed repetition whether a series (the timed samples so far, seconds; warm-up
 * excluded) stops. In this order: precision off stops at n ≥ repeats (`repeats`); n ≥ maxRepeats
 * stops (`max-repeats`; the cap wins over every minimum); precision on stops at n ≥
 * max(repeats, 5) once the 95% order-statistic interval of the median is within ±precision of it
 * (`precision`, halfWidth ≤ precision); otherwise `continue`. Below 6 samples there is no 95% interval,
 * so precision on always continues there (unless capped). Throws a RangeError for a sample that is not
 * finite, or for repeats / maxRepeats below 1.
 */
export function precisionStop(samples: readonly number[], options: StopOptions): StopDecision {
  if (options.repeats < 1 || options.maxRepeats < 1) throw new RangeError('precisionStop: repeats and maxRepeats must be ≥ 1');
  const n = samples.length;
  const halfWidth = n > 0 ? medianInterval(samples).halfWidth : null;
  if (options.precision === null && n >= options.repeats) return { stop: true, reason: 'repeats', halfWidth };
  if (n >= options.maxRepeats) return { stop: true, reason: 'max-repeats', halfWidth };
  if (options.precision === null) return { stop: false, reason: 'continue', halfWidth };
  if (n >= minimumRepeats(options) && halfWidth !== null && halfWidth <= options.precision) {
    return { stop: true, reason: 'precision', halfWidth };
  }
  return { stop: false, reason: 'continue', halfWidth };
}

/** What the rule decided for a round-robin group of series. */
export interface GroupDecision {
  /** True when no series takes another round. */
  stop: boolean;
  /** Per series, in the order given: does it run in the next round? */
  active: boolean[];
  /** Per series, the rule's decision on its own samples. */
  decisions: StopDecision[];
}

/**
 * The stopping rule for interleaved rounds: `seriesSamples[i]` holds series i's timed samples so far
 * (seconds), `options` one StopOptions for all or one per series. The group stops when every series
 * has stopped by its own rule (precision, repeats or its cap). Until then, a series that reached
 * precision keeps running in the rounds (so every series of the group keeps seeing the same machine,
 * and extra samples only narrow its interval) — except that a series at its `maxRepeats` leaves the
 * rounds: no series ever goes beyond its cap. Throws a RangeError when `options` is an array of another
 * length than `seriesSamples`, and what precisionStop throws.
 */
export function groupPrecisionReached(seriesSamples: readonly (readonly number[])[], options: StopOptions | readonly StopOptions[]): GroupDecision {
  if (Array.isArray(options) && options.length !== seriesSamples.length) {
    throw new RangeError(`groupPrecisionReached: ${options.length} options for ${seriesSamples.length} series`);
  }
  const optionsOf = (i: number): StopOptions => (Array.isArray(options) ? (options as readonly StopOptions[])[i]! : (options as StopOptions));
  const decisions = seriesSamples.map((samples, i) => precisionStop(samples, optionsOf(i)));
  const stop = decisions.every((d) => d.stop);
  const active = decisions.map((d, i) => !stop && seriesSamples[i]!.length < optionsOf(i).maxRepeats);
  return { stop, active, decisions };
}
