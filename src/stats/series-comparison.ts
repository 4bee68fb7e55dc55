/**
 * Comparing two measurements of the same series (another machine, another version, a baseline):
 * only the grains both hold are used, and each metric is compared as a ratio B/A with a 95% bootstrap
 * interval (the two runs resampled independently, 1,000 paired draws). A difference is significant
 * when the interval excludes 1.
 *
 * Metrics: per-task overhead o (fitted, CPU-seconds: already per core), METG at the threshold, and
 * the peak throughput per usable core (tasks / (T_par · min(W, cores))), which makes machines with
 * different core counts comparable.
 */
import { DEFAULT_METG_THRESHOLD, metgOf, overheadOf } from './analyze.js';
import { median } from 'simple-statistics';
import { bootstrapRuns, percentileInterval, RESAMPLES } from './resample.js';
import type { Series, SeriesPoint } from './series.js';
import type { Bound, ThresholdGrain } from './threshold.js';

export type MetricName = 'overhead' | 'metg' | 'throughputPerCore';

export interface MetricComparison {
  metric: MetricName;
  /** true when a larger value is better (throughput); false for overhead and METG. */
  higherIsBetter: boolean;
  /** Side A's value: overhead in CPU-seconds per task, METG in seconds, throughput in tasks/s per core. */
  a: number;
  /** Side B's value, in the same unit. */
  b: number;
  /** b / a; NaN when not defined (see note). */
  ratio: number;
  /** 95% percentile-bootstrap interval of the ratio. */
  ci95: [number, number];
  /** Each side's own 95% bootstrap interval. */
  aCI: [number, number];
  bCI: [number, number];
  significant: boolean;
  /** Why the ratio is missing or to be read with care. */
  note?: string;
  /** METG only: whether each side is bracketed by the sweep or a bound ("< smallest", "> largest"). */
  bounds?: [Bound, Bound];
}

export interface SeriesComparison {
  suite: string;
  params: string;
  backend: string;
  /** Workers W of each side's series. */
  workersA: number;
  workersB: number;
  /** min(W, cores) of each side's series. */
  usableA: number;
  usableB: number;
  /** Target grains both runs measured (the comparison uses only these). */
  grains: number[];
  /** Target grains (s) only A measured (or that failed in it). */
  onlyA: number[];
  /** Target grains (s) only B measured (or that failed in it). */
  onlyB: number[];
  /** Overhead, METG and throughput per core; empty when no grain is shared. */
  metrics: MetricComparison[];
}

export interface Pairing {
  pairs: [Series, Series][];
  onlyA: Series[];
  onlyB: Series[];
}

/**
 * Pairs series of two runs: same suite, parameters and backend; equal worker counts pair up, and when
 * each run has exactly one remaining worker count for that backend (e.g. workers "auto" on machines
 * with different cores) those two pair too.
 */
export function pairSeries(a: readonly Series[], b: readonly Series[]): Pairing {
  const group = (s: Series) => `${s.suite}|${s.params}|${s.backend}`;
  const pairs: [Series, Series][] = [];
  const restA = [...a];
  const restB = [...b];
  for (const sa of a) {
    const i = restB.findIndex((sb) => group(sb) === group(sa) && sb.workers === sa.workers);
    if (i >= 0) {
      pairs.push([sa, restB[i]!]);
      restB.splice(i, 1);
      restA.splice(restA.indexOf(sa), 1);
    }
  }
  for (const sa of [...restA]) {
    const sameA = restA.filter((s) => group(s) === group(sa));
    const sameB = restB.filter((s) => group(s) === group(sa));
    if (sameA.length === 1 && sameB.length === 1) {
      pairs.push([sa, sameB[0]!]);
      restA.splice(restA.indexOf(sa), 1);
      restB.splice(restB.indexOf(sameB[0]!), 1);
    }
  }
  return { pairs, onlyA: restA, onlyB: restB };
}

/**
 * Peak throughput per usable core over the points: max of N / (T_par · min(W, cores)), in tasks per
 * second per core; -Infinity for no points.
 */
export function throughputPerCore(points: readonly SeriesPoint[]): number {
  return Math.max(...points.map((p) => p.tasks / (p.tPar * p.usable)));
}

type Runs = readonly (readonly SeriesPoint[])[];

/** The statistic of one side: its value for one run, the median over several. */
function sideValue(runs: Runs, statistic: (ps: SeriesPoint[]) => number): number {
  const values = runs.map((ps) => statistic([...ps])).filter(Number.isFinite);
  return values.length === 0 ? NaN : median(values);
}

function ratioOf(metric: MetricName, a: Runs, b: Runs, statistic: (ps: SeriesPoint[]) => number, seed: number): MetricComparison {
  const higherIsBetter = metric === 'throughputPerCore';
  const va = sideValue(a, statistic);
  const vb = sideValue(b, statistic);
  const distA = bootstrapRuns(a, statistic, RESAMPLES, seed);
  const distB = bootstrapRuns(b, statistic, RESAMPLES, seed + 1);
  const aCI = percentileInterval(distA);
  const bCI = percentileInterval(distB);
  const base = { metric, higherIsBetter, a: va, b: vb, aCI, bCI };
  if (!(va > 0) || !(vb > 0) || aCI[0] <= 0 || bCI[0] <= 0) {
    return { ...base, ratio: NaN, ci95: [NaN, NaN], significant: false, note: 'not resolved from zero in one run; no ratio' };
  }
  const n = Math.min(distA.length, distB.length);
  const ratios = Array.from({ length: n }, (_, i) => distB[i]! / distA[i]!);
  const ci95 = percentileInterval(ratios);
  return { ...base, ratio: vb / va, ci95, significant: ci95[0] > 1 || ci95[1] < 1 };
}

function medianRunMetg(runs: Runs, threshold: number): ThresholdGrain | null {
  const all = runs.map((ps) => metgOf(ps, threshold)).filter((m): m is ThresholdGrain => m !== null);
  if (all.length === 0) return null;
  const middle = median(all.map((m) => m.grain));
  return all.reduce((best, m) => (Math.abs(Math.log(m.grain / middle)) < Math.abs(Math.log(best.grain / middle)) ? m : best));
}

function metgComparison(a: Runs, b: Runs, threshold: number, seed: number): MetricComparison {
  // Each side's bound is that of its run nearest the side's (median) value.
  const ma = medianRunMetg(a, threshold);
  const mb = medianRunMetg(b, threshold);
  const statistic = (ps: SeriesPoint[]) => metgOf(ps, threshold)?.grain ?? NaN;
  const computed = ratioOf('metg', a, b, statistic, seed);
  if (!ma || !mb) return computed;
  const result = { ...computed, bounds: [ma.bound, mb.bound] as [Bound, Bound] };
  const words: Record<Bound, string> = { below: 'below the smallest grain', above: 'above the largest grain', bracketed: '' };
  if (ma.bound !== 'bracketed' && ma.bound === mb.bound) {
    return { ...result, ratio: NaN, ci95: [NaN, NaN], significant: false, note: `METG ${words[ma.bound]} in both runs; extend --grains to compare` };
  }
  if (ma.bound !== 'bracketed' || mb.bound !== 'bracketed') {
    const which = [ma.bound !== 'bracketed' ? `A ${words[ma.bound]}` : '', mb.bound !== 'bracketed' ? `B ${words[mb.bound]}` : ''].filter(Boolean).join(', ');
    return { ...result, note: `censored (${which}): the sweep's end grain stands in, so the true ratio is further from 1` };
  }
  return result;
}

/**
 * Compares series a and b — or, for a baseline kept from several runs, several measurements of each
 * (the first names the series) — on the grains every one of them measured. Bootstrap seeded by
 * `seed`, METG at `metgThreshold` (a fraction). Expects at least one series per side; throws a
 * TypeError on an empty array.
 */
export function compareSeries(aIn: Series | readonly Series[], bIn: Series | readonly Series[], options: { metgThreshold?: number; seed?: number } = {}): SeriesComparison {
  const threshold = options.metgThreshold ?? DEFAULT_METG_THRESHOLD;
  const seed = options.seed ?? 1;
  const as = Array.isArray(aIn) ? (aIn as readonly Series[]) : [aIn as Series];
  const bs = Array.isArray(bIn) ? (bIn as readonly Series[]) : [bIn as Series];
  const a = as[0]!;
  const b = bs[0]!;
  const targets = (s: Series) => new Set(s.points.map((p) => p.target));
  const all = [...as, ...bs];
  const common = new Set([...targets(a)].filter((t) => all.every((s) => targets(s).has(t))));
  const shared = (s: Series) => s.points.filter((p) => common.has(p.target));
  const setsA = as.map(shared);
  const setsB = bs.map(shared);
  const rest = (side: readonly Series[]) => [...new Set(side.flatMap((s) => [...s.points.map((p) => p.target), ...s.failed]).filter((t) => !common.has(t)))].sort((x, y) => x - y);
  const metrics: MetricComparison[] =
    common.size === 0
      ? []
      : [
          ratioOf('overhead', setsA, setsB, overheadOf, seed),
          metgComparison(setsA, setsB, threshold, seed + 10),
          ratioOf('throughputPerCore', setsA, setsB, throughputPerCore, seed + 20),
        ];
  return {
    suite: a.suite,
    params: a.params,
    backend: a.backend,
    workersA: a.workers,
    workersB: b.workers,
    usableA: a.usable,
    usableB: b.usable,
    grains: setsA[0]!.map((p) => p.target),
    onlyA: rest(as),
    onlyB: rest(bs),
    metrics,
  };
}
