/**
 * Comparing two measurements of the same series (another machine, another version, a baseline):
 * only the grains both hold are used — paired by target grain (the same sweep on the same machine) or,
 * for other machines, by nearest achieved grain — and each metric is compared as a ratio B/A with a 95%
 * bootstrap interval (the two sides resampled independently, 1,000 paired draws). A difference is
 * significant when the interval excludes 1.
 *
 * Metrics: per-task overhead o (fitted, CPU-seconds: already per core), METG at the threshold (not for
 * a series with one usable worker, where efficiency against one core says nothing about parallelism),
 * the peak throughput per usable core (tasks / (T_par · min(W, cores))), which makes machines with
 * different core counts comparable, and the peak whole-machine throughput (tasks / T_par), which says
 * which machine finishes the work sooner.
 */
import { DEFAULT_METG_THRESHOLD, metgOf, overheadOf } from './analyze.js';
import { median } from 'simple-statistics';
import { bootstrapPairedRuns, bootstrapRuns, percentileInterval, RESAMPLES, samePairedShape } from './resample.js';
import type { Series, SeriesPoint } from './series.js';
import type { Bound, ThresholdGrain } from './threshold.js';

export type MetricName = 'overhead' | 'metg' | 'throughputPerCore' | 'throughput';

/** Achieved grains further apart than this fraction are warned about when paired (the calibration's ±15%). */
export const GRAIN_MISMATCH = 0.15;
/** Points are paired by achieved grain only within this factor of each other. */
export const GRAIN_PAIR_LIMIT = 2;

export interface MetricComparison {
  metric: MetricName;
  /** true when a larger value is better (throughput); false for overhead and METG. */
  higherIsBetter: boolean;
  /** Side A's value: overhead in CPU-seconds per task, METG in seconds, throughput in tasks/s (per core for throughputPerCore). */
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
  /** How points were paired: by target grain, or by nearest achieved grain (one run a side). */
  pairedBy: 'target' | 'achieved';
  /** Paired points whose achieved grains (s) differ by more than GRAIN_MISMATCH (the larger over the smaller); keyed by A's target. */
  grainMismatches: { target: number; a: number; b: number }[];
  /** Whole-machine throughput N / T_par (tasks/s) at every paired grain (s), the first run of each side. */
  throughputByGrain: { target: number; grainA: number; grainB: number; a: number; b: number }[];
  /** Overhead, METG (not for one usable worker), throughput per core and whole-machine; empty when no grain is shared. */
  metrics: MetricComparison[];
  /** Each metric's bootstrap draws of B/A (only when asked for with `keepDraws`): what a combined verdict resamples. */
  draws?: Partial<Record<MetricName, number[]>>;
  /** true when the intervals paired the sides' repetitions (CompareOptions.paired and the same shape). */
  pairedSamples: boolean;
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

/** Peak whole-machine throughput over the points: max of N / T_par, in tasks per second; -Infinity for no points. */
export function throughput(points: readonly SeriesPoint[]): number {
  return Math.max(...points.map((p) => p.tasks / p.tPar));
}

/**
 * Pairs the points of `b` with those of `a` by nearest achieved grain (in log), one to one, closest
 * pairs first (ties: the same target first), within GRAIN_PAIR_LIMIT of each other. Returns b's paired points carrying a's target
 * grain (so both sides share keys) and the targets of b's points left unpaired. Throws nothing.
 */
export function pairByAchievedGrain(a: readonly SeriesPoint[], b: readonly SeriesPoint[]): { points: SeriesPoint[]; unpaired: number[] } {
  // Equal distances (restated floors) prefer the same target grain.
  const candidates = a.flatMap((pa, i) => b.map((pb, j) => ({ i, j, distance: Math.abs(Math.log(pb.grain / pa.grain)), apart: Math.abs(Math.log(pb.target / pa.target)) })));
  candidates.sort((x, y) => x.distance - y.distance || x.apart - y.apart || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const targetOf = new Map<number, number>();
  for (const c of candidates) {
    if (c.distance > Math.log(GRAIN_PAIR_LIMIT) || usedA.has(c.i) || targetOf.has(c.j)) continue;
    usedA.add(c.i);
    targetOf.set(c.j, a[c.i]!.target);
  }
  return {
    points: b.flatMap((p, j) => (targetOf.has(j) ? [{ ...p, target: targetOf.get(j)! }] : [])).sort((x, y) => x.target - y.target),
    unpaired: b.flatMap((p, j) => (targetOf.has(j) ? [] : [p.target])),
  };
}

type Runs = readonly (readonly SeriesPoint[])[];

/** The statistic of one side: its value for one run, the median over several. */
function sideValue(runs: Runs, statistic: (ps: SeriesPoint[]) => number): number {
  const values = runs.map((ps) => statistic([...ps])).filter(Number.isFinite);
  return values.length === 0 ? NaN : median(values);
}

type WithDraws = MetricComparison & { draws: number[] };

/**
 * Both sides' bootstrap draws, draw i of `a` with draw i of `b`: paired (bootstrapPairedRuns, NaN kept
 * in place) when `paired`, else each side resampled on its own (its non-finite draws dropped, so the
 * two may differ in length).
 */
function sideDraws(a: Runs, b: Runs, statistic: (ps: SeriesPoint[]) => number, seed: number, paired: boolean): { a: number[]; b: number[] } {
  if (paired) return bootstrapPairedRuns(a, b, statistic, RESAMPLES, seed);
  return { a: bootstrapRuns(a, statistic, RESAMPLES, seed), b: bootstrapRuns(b, statistic, RESAMPLES, seed + 1) };
}

function ratioOf(metric: MetricName, a: Runs, b: Runs, statistic: (ps: SeriesPoint[]) => number, seed: number, paired = false): WithDraws {
  const higherIsBetter = metric === 'throughputPerCore' || metric === 'throughput';
  const va = sideValue(a, statistic);
  const vb = sideValue(b, statistic);
  const dist = sideDraws(a, b, statistic, seed, paired);
  const aCI = percentileInterval(dist.a.filter(Number.isFinite));
  const bCI = percentileInterval(dist.b.filter(Number.isFinite));
  const base = { metric, higherIsBetter, a: va, b: vb, aCI, bCI };
  if (!(va > 0) || !(vb > 0) || aCI[0] <= 0 || bCI[0] <= 0) {
    return { ...base, ratio: NaN, ci95: [NaN, NaN], significant: false, note: 'not resolved from zero on one side; no ratio', draws: [] };
  }
  const n = Math.min(dist.a.length, dist.b.length);
  const ratios = dist.a.slice(0, n).flatMap((x, i) => (Number.isFinite(x) && Number.isFinite(dist.b[i]!) ? [dist.b[i]! / x] : []));
  const ci95 = percentileInterval(ratios);
  return { ...base, ratio: vb / va, ci95, significant: ci95[0] > 1 || ci95[1] < 1, draws: ratios };
}

function medianRunMetg(runs: Runs, threshold: number): ThresholdGrain | null {
  const all = runs.map((ps) => metgOf(ps, threshold)).filter((m): m is ThresholdGrain => m !== null);
  if (all.length === 0) return null;
  const middle = median(all.map((m) => m.grain));
  return all.reduce((best, m) => (Math.abs(Math.log(m.grain / middle)) < Math.abs(Math.log(best.grain / middle)) ? m : best));
}

function metgComparison(a: Runs, b: Runs, threshold: number, seed: number, paired: boolean): WithDraws {
  // Each side's bound is that of its run nearest the side's (median) value.
  const ma = medianRunMetg(a, threshold);
  const mb = medianRunMetg(b, threshold);
  const statistic = (ps: SeriesPoint[]) => metgOf(ps, threshold)?.grain ?? NaN;
  const computed = ratioOf('metg', a, b, statistic, seed, paired);
  if (!ma || !mb) return computed;
  const result = { ...computed, bounds: [ma.bound, mb.bound] as [Bound, Bound] };
  const words: Record<Bound, string> = { below: 'below the smallest grain', above: 'above the largest grain', bracketed: '' };
  if (ma.bound !== 'bracketed' && ma.bound === mb.bound) {
    return { ...result, ratio: NaN, ci95: [NaN, NaN], significant: false, note: `METG ${words[ma.bound]} in both runs; extend --grains to compare`, draws: [] };
  }
  if (ma.bound !== 'bracketed' || mb.bound !== 'bracketed') {
    const which = [ma.bound !== 'bracketed' ? `A ${words[ma.bound]}` : '', mb.bound !== 'bracketed' ? `B ${words[mb.bound]}` : ''].filter(Boolean).join(', ');
    return { ...result, note: `censored (${which}): the sweep's end grain stands in, so the true ratio is further from 1` };
  }
  return result;
}

export interface CompareOptions {
  /** Efficiency threshold of METG, a fraction; default 0.5. */
  metgThreshold?: number;
  /** Seed of the bootstrap; default 1. */
  seed?: number;
  /** Pair points by target grain (default) or by nearest achieved grain (one series a side; else by target). */
  pairBy?: 'target' | 'achieved';
  /** Keep every metric's bootstrap draws of B/A in `draws`. */
  keepDraws?: boolean;
  /**
   * The sides were measured in lockstep (gate --against): run i of each side in one round, their
   * repetitions taken in turn. When the shared grains' runs have the same shape (samePairedShape) the
   * intervals come from the paired bootstrap (`pairedSamples` says so); else the sides are resampled
   * independently.
   */
  paired?: boolean;
}

/** The side's series with B's points re-keyed to A's targets when pairing by achieved grain (one series a side). */
function pairedSides(as: readonly Series[], bs: readonly Series[], pairBy: 'target' | 'achieved'): { bs: readonly Series[]; unpaired: number[]; pairedBy: 'target' | 'achieved' } {
  if (pairBy === 'target' || as.length !== 1 || bs.length !== 1) return { bs, unpaired: [], pairedBy: 'target' };
  const { points, unpaired } = pairByAchievedGrain(as[0]!.points, bs[0]!.points);
  return { bs: [{ ...bs[0]!, points }], unpaired, pairedBy: 'achieved' };
}

/** Per shared key: A's and B's achieved grains and whole-machine throughput (first run of each side). */
function byGrain(a: readonly SeriesPoint[], b: readonly SeriesPoint[]): SeriesComparison['throughputByGrain'] {
  return a.flatMap((pa) => {
    const pb = b.find((p) => p.target === pa.target);
    return pb ? [{ target: pa.target, grainA: pa.grain, grainB: pb.grain, a: pa.tasks / pa.tPar, b: pb.tasks / pb.tPar }] : [];
  });
}

/**
 * Compares series a and b — or, for a baseline kept from several runs, several measurements of each
 * (the first names the series) — on the grains every one of them measured, paired as `options.pairBy`
 * says. Bootstrap seeded by `options.seed`, METG at `options.metgThreshold` (a fraction) and left out
 * when either side has one usable worker. Expects at least one series per side; throws a TypeError on
 * an empty array.
 */
export function compareSeries(aIn: Series | readonly Series[], bIn: Series | readonly Series[], options: CompareOptions = {}): SeriesComparison {
  const threshold = options.metgThreshold ?? DEFAULT_METG_THRESHOLD;
  const seed = options.seed ?? 1;
  const as = Array.isArray(aIn) ? (aIn as readonly Series[]) : [aIn as Series];
  const matched = pairedSides(as, Array.isArray(bIn) ? (bIn as readonly Series[]) : [bIn as Series], options.pairBy ?? 'target');
  const bs = matched.bs;
  const a = as[0]!;
  const b = bs[0]!;
  const targets = (s: Series) => new Set(s.points.map((p) => p.target));
  const all = [...as, ...bs];
  const common = new Set([...targets(a)].filter((t) => all.every((s) => targets(s).has(t))));
  const shared = (s: Series) => s.points.filter((p) => common.has(p.target));
  const setsA = as.map(shared);
  const setsB = bs.map(shared);
  const rest = (side: readonly Series[], extra: number[] = []) =>
    [...new Set([...side.flatMap((s) => [...s.points.map((p) => p.target), ...s.failed]), ...extra].filter((t) => !common.has(t)))].sort((x, y) => x - y);
  const oneWorker = a.usable === 1 || b.usable === 1;
  const paired = options.paired === true && matched.pairedBy === 'target' && samePairedShape(setsA, setsB);
  const measured: WithDraws[] =
    common.size === 0
      ? []
      : [
          ratioOf('overhead', setsA, setsB, overheadOf, seed, paired),
          ...(oneWorker ? [] : [metgComparison(setsA, setsB, threshold, seed + 10, paired)]),
          ratioOf('throughputPerCore', setsA, setsB, throughputPerCore, seed + 20, paired),
          ratioOf('throughput', setsA, setsB, throughput, seed + 30, paired),
        ];
  const throughputByGrain = common.size === 0 ? [] : byGrain(setsA[0]!, setsB[0]!);
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
    onlyB: rest(bs, matched.unpaired),
    pairedBy: matched.pairedBy,
    grainMismatches: throughputByGrain.filter((g) => Math.max(g.grainB / g.grainA, g.grainA / g.grainB) > 1 + GRAIN_MISMATCH).map((g) => ({ target: g.target, a: g.grainA, b: g.grainB })),
    throughputByGrain,
    metrics: measured.map(({ draws: _, ...m }) => m),
    pairedSamples: paired && common.size > 0,
    ...(options.keepDraws ? { draws: Object.fromEntries(measured.map((m) => [m.metric, m.draws])) } : {}),
  };
}
