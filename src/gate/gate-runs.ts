/**
 * The gate's decision: does the current code regress per-task overhead or METG against a reference?
 *
 * Every series the two sides share (paired as in compare) is checked on the grains both measured. For
 * each metric the ratio current/baseline has a 95% bootstrap interval (both sides' raw samples
 * resampled independently; several runs a side by the two-stage bootstrap). With `allowed` the
 * threshold (a fraction) each check is one of:
 *
 *   regressed     the interval lies above 1 + allowed: worse by more than allowed, and significantly so
 *   pass          the interval lies below 1 + allowed: any change is within what is allowed
 *   improved      the interval lies below 1 − allowed: better by more than allowed (a pass)
 *   inconclusive  nothing was decided, and the note says why: fewer than MIN_SAMPLES samples per point
 *                 on a side; a grain or the whole series missing in the current run; the interval
 *                 reaching across 1 + allowed (wider than the threshold can resolve); a value not
 *                 resolved from zero; METG above the sweep on both sides; or a threshold below this
 *                 machine's noise as an A/A comparison measured it (then only a change beyond that
 *                 noise is decided)
 *
 * Overheads below `minOverheadSeconds` on both sides are negligible and pass; from below it in the
 * baseline, a current overhead whose interval lies above floor·(1 + allowed) has regressed. METG is not
 * checked for a series with one usable worker. Beside the checks, a suite-level verdict per metric: the
 * geometric mean of the ratios decided by the rule above, with a bootstrap interval, judged the same way.
 */
import { compareSeries, pairSeries, type MetricComparison, type SeriesComparison } from '../stats/series-comparison.js';
import { MIN_REPEATS } from '../stats/noise.js';
import { seriesOf, type Series } from '../stats/series.js';
import { percentileInterval } from '../stats/resample.js';
import type { RunRecord } from '../record/index.js';
import type { Bound } from '../stats/threshold.js';

export interface GateThresholds {
  /** Allowed regression of per-task overhead, as a fraction (0.1 = 10%). */
  overhead: number;
  /** Allowed regression of METG, as a fraction. */
  metg: number;
  /** Overheads below this (seconds) in both runs are negligible. */
  minOverheadSeconds: number;
}

/** 10% allowed for overhead and METG; overheads under 1 µs negligible. */
export const DEFAULT_THRESHOLDS: GateThresholds = { overhead: 0.1, metg: 0.1, minOverheadSeconds: 1e-6 };

/** Fewer timed samples than this at any point of a series, on either side, leave its checks inconclusive. */
export const MIN_SAMPLES = MIN_REPEATS;

/** What a check (or the suite as a whole) decided. */
export type Verdict = 'pass' | 'improved' | 'regressed' | 'inconclusive';

/** Every verdict, in the order the last line counts them. */
export const VERDICTS: readonly Verdict[] = ['pass', 'improved', 'regressed', 'inconclusive'];

export type GateMetric = 'overhead' | 'metg';

export interface GateCheck {
  suite: string;
  params: string;
  backend: string;
  /** Workers of the series, "2", or "2→4" when the two sides' single worker counts were paired. */
  workers: string;
  metric: GateMetric;
  /** Baseline value: overhead in CPU-seconds per task, METG in seconds; NaN when the series is missing. */
  baseline: number;
  /** Current value, in the same unit; NaN when missing. */
  current: number;
  /** current/baseline − 1, a fraction; NaN when the ratio is not defined. */
  change: number;
  /** 95% interval of the change. */
  changeCI: [number, number];
  /** Allowed regression, a fraction. */
  threshold: number;
  /** METG only: bracketed by the sweep or a bound, baseline then current. */
  bounds?: [Bound, Bound];
  verdict: Verdict;
  /** For an inconclusive check, what kept it from being decided; otherwise a remark, if any. */
  note?: string;
  /** This check's noise as an A/A comparison measured it: how far unchanged code measured apart, |ratio − 1| (a fraction). */
  noise?: number;
  /** true when its interval paired the sides' repetitions (lockstep). */
  paired?: boolean;
}

/** The suite-level verdict of one metric: the geometric mean of the ratios the rule decided. */
export interface SuiteVerdict {
  metric: GateMetric;
  /** Checks whose ratios were combined. */
  checks: number;
  /** Geometric mean of current/baseline; NaN when no check had a ratio. */
  ratio: number;
  /** 95% percentile-bootstrap interval of the geometric mean. */
  ci95: [number, number];
  threshold: number;
  verdict: Verdict;
  note?: string;
  noise?: number;
}

export type GateStatus = 'pass' | 'regressed' | 'inconclusive';

export interface GateResult {
  checks: GateCheck[];
  /** Suite-level verdicts, overhead then METG (a metric without any ratio is left out). */
  overall: SuiteVerdict[];
  /** How many checks reached each verdict. */
  counts: Record<Verdict, number>;
  /** regressed when any check regressed; else inconclusive when any check was; else pass. */
  status: GateStatus;
  /** Series or grains that were not checked, one line each. */
  unmatched: string[];
  /** Series paired across different worker counts ("fib worker×2 → ×4"): never comparable on one machine. */
  workerMismatches: string[];
}

/** The A/A noise of each check (keyed by checkKey) and of each suite-level metric, as fractions. */
export interface NoiseFloor {
  checks: Map<string, number>;
  overall: Partial<Record<GateMetric, number>>;
}

export interface GateRunsOptions {
  thresholds?: GateThresholds;
  /** Efficiency threshold of METG, in (0, 1]; default 0.5. */
  metgThreshold?: number;
  /** The machine's noise (see noiseFloor): a threshold below it is not decided on. */
  noise?: NoiseFloor;
  /** The sides were measured in lockstep, run i of each in one round: intervals pair their repetitions where the shapes allow (compareSeries' `paired`). */
  paired?: boolean;
}

/** The key of a check across gates: "suite|params|backend|workers|metric" with the baseline's workers. */
export function checkKey(c: { suite: string; params: string; backend: string; workers: string | number; metric: GateMetric }): string {
  return `${c.suite}|${c.params}|${c.backend}|${String(c.workers).split('→')[0]}|${c.metric}`;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * The rule on a ratio's interval [lo, hi] (current/baseline) with `threshold` allowed and, when
 * measured, the machine's A/A `noise` (fractions). Above the threshold's reach the noise decides:
 * only an interval clear of 1 ± noise is decided. Throws nothing.
 */
export function decide(ci: [number, number], threshold: number, noise?: number): { verdict: Verdict; note?: string } {
  const [lo, hi] = ci;
  if (noise !== undefined && noise > threshold) {
    if (lo > 1 + noise) return { verdict: 'regressed', note: `beyond this machine's noise (${pct(noise)})` };
    if (hi < 1 - noise) return { verdict: 'improved', note: `beyond this machine's noise (${pct(noise)})` };
    return { verdict: 'inconclusive', note: `threshold +${pct(threshold)} below this machine's noise (${pct(noise)})` };
  }
  if (lo > 1 + threshold) return { verdict: 'regressed' };
  if (hi < 1 - threshold) return { verdict: 'improved' };
  if (hi < 1 + threshold) return { verdict: 'pass' };
  return { verdict: 'inconclusive', note: `interval reaches across the allowed +${pct(threshold)}` };
}

interface Decided {
  verdict: Verdict;
  note?: string;
  /** true when the ratio rule decided (its draws enter the suite-level verdict). */
  byRatio?: boolean;
}

function overheadFloor(m: MetricComparison, threshold: number, floor: number): Decided | undefined {
  const text = `${floor * 1e6} µs`;
  if (Math.abs(m.a) < floor) {
    // A negligible baseline has no meaningful ratio: judge the current value against the floor instead.
    if (Math.abs(m.b) < floor) return { verdict: 'pass', note: `below ${text} in both runs (negligible)` };
    if (m.bCI[0] > floor * (1 + threshold)) return { verdict: 'regressed', note: `from negligible (below ${text}) to significantly above it` };
    return { verdict: 'inconclusive', note: `from negligible (below ${text}); not clear of it` };
  }
  if (!Number.isFinite(m.ratio) && m.bCI[1] < floor) return { verdict: 'pass', note: `below ${text} in the current run (negligible)` };
  return undefined;
}

function decideMetric(m: MetricComparison, threshold: number, floor: number, noise: number | undefined): Decided {
  if (m.metric === 'overhead') {
    const byFloor = overheadFloor(m, threshold, floor);
    if (byFloor) return byFloor;
  }
  if (!Number.isFinite(m.ratio)) {
    if (m.bounds?.[0] === 'below' && m.bounds[1] === 'below') return { verdict: 'pass', note: 'below the smallest grain in both runs' };
    return { verdict: 'inconclusive', note: m.note ?? 'no ratio' };
  }
  const decided = decide(m.ci95, threshold, noise);
  const note = [decided.note, m.note].filter(Boolean).join('; ');
  return { verdict: decided.verdict, ...(note ? { note } : {}), byRatio: true };
}

/** Fewest timed samples (sequential or parallel) at any point of any of the series; Infinity for none. */
function fewestSamples(series: readonly Series[]): number {
  return Math.min(...series.flatMap((s) => s.points.map((p) => Math.min(p.seqSamples.length, p.parSamples.length))));
}

/** Why a pair's checks cannot be decided before any metric is looked at, or undefined. */
function blocked(as: readonly Series[], bs: readonly Series[], cmp: SeriesComparison, minSamples: number): string | undefined {
  const [fewA, fewB] = [fewestSamples(as), fewestSamples(bs)];
  if (Math.min(fewA, fewB) < minSamples) {
    const sides = [fewA < minSamples ? `${fewA} in the baseline` : '', fewB < minSamples ? `${fewB} in the current run` : ''].filter(Boolean).join(', ');
    return `fewer than ${minSamples} samples per point (${sides})`;
  }
  const inEvery = (side: readonly Series[], t: number) => side.every((s) => s.points.some((p) => p.target === t));
  const missing = as[0]!.points.map((p) => p.target).filter((t) => inEvery(as, t) && !cmp.grains.includes(t));
  if (missing.length > 0) return `${missing.length === 1 ? 'grain' : 'grains'} ${missing.map((t) => t.toExponential(0)).join(', ')} missing in the current run`;
  return undefined;
}

type Pending = GateCheck & { draws?: number[] };

function checksOfPair(as: readonly Series[], bs: readonly Series[], options: Required<Pick<GateRunsOptions, 'thresholds'>> & GateRunsOptions): Pending[] {
  const { thresholds } = options;
  const cmp = compareSeries(as, bs, { keepDraws: true, paired: options.paired === true, ...(options.metgThreshold === undefined ? {} : { metgThreshold: options.metgThreshold }) });
  const [a, b] = [as[0]!, bs[0]!];
  const workers = a.workers === b.workers ? String(a.workers) : `${a.workers}→${b.workers}`;
  const reason = blocked(as, bs, cmp, MIN_SAMPLES);
  return cmp.metrics.flatMap((m): Pending[] => {
    if (m.metric !== 'overhead' && m.metric !== 'metg') return [];
    const threshold = m.metric === 'overhead' ? thresholds.overhead : thresholds.metg;
    const base = { suite: a.suite, params: a.params, backend: a.backend, workers, metric: m.metric };
    const noise = options.noise?.checks.get(checkKey(base));
    const decided: Decided = reason ? { verdict: 'inconclusive', note: reason } : decideMetric(m, threshold, thresholds.minOverheadSeconds, noise);
    const { byRatio, ...verdict } = decided;
    return [
      {
        ...base,
        baseline: m.a,
        current: m.b,
        change: m.ratio - 1,
        changeCI: [m.ci95[0] - 1, m.ci95[1] - 1],
        threshold,
        ...(m.bounds ? { bounds: m.bounds } : {}),
        ...verdict,
        ...(noise === undefined ? {} : { noise }),
        ...(cmp.pairedSamples ? { paired: true } : {}),
        ...(byRatio ? { draws: cmp.draws?.[m.metric] ?? [] } : {}),
      },
    ];
  });
}

/** The checks of a series the current run lacks: inconclusive, one per metric it would have had. */
function missingSeries(s: Series, thresholds: GateThresholds): GateCheck[] {
  const metrics: GateMetric[] = s.usable === 1 ? ['overhead'] : ['overhead', 'metg'];
  return metrics.map((metric) => ({
    suite: s.suite,
    params: s.params,
    backend: s.backend,
    workers: String(s.workers),
    metric,
    baseline: NaN,
    current: NaN,
    change: NaN,
    changeCI: [NaN, NaN],
    threshold: metric === 'overhead' ? thresholds.overhead : thresholds.metg,
    verdict: 'inconclusive',
    note: 'missing in the current run',
  }));
}

/** The geometric mean of the decided ratios of one metric, with its bootstrap interval and verdict. */
function suiteVerdict(metric: GateMetric, checks: readonly Pending[], threshold: number, noise: number | undefined): SuiteVerdict | undefined {
  const decided = checks.filter((c) => c.metric === metric && c.draws !== undefined && c.draws.length > 0);
  if (decided.length === 0) return undefined;
  const geo = (xs: readonly number[]) => Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
  const n = Math.min(...decided.map((c) => c.draws!.length));
  const draws = Array.from({ length: n }, (_, i) => geo(decided.map((c) => c.draws![i]!)));
  const ci95 = percentileInterval(draws);
  const verdict = decide(ci95, threshold, noise);
  return { metric, checks: decided.length, ratio: geo(decided.map((c) => 1 + c.change)), ci95, threshold, ...verdict, ...(noise === undefined ? {} : { noise }) };
}

/** The status of a set of checks: regressed, else inconclusive, else pass. */
export function statusOf(checks: readonly { verdict: Verdict }[]): GateStatus {
  if (checks.some((c) => c.verdict === 'regressed')) return 'regressed';
  return checks.some((c) => c.verdict === 'inconclusive') ? 'inconclusive' : 'pass';
}

/**
 * Gate the current run(s) against a baseline of one or more runs (the rule: this module's comment).
 * With several runs on a side, that side's value of each metric is the median over its runs and its
 * interval comes from the two-stage bootstrap. Series in the baseline only become inconclusive checks;
 * series in the current run only are listed in `unmatched`. Expects at least one run on each side
 * (throws a TypeError otherwise); throws nothing else.
 */
export function gateRuns(baseline: RunRecord | readonly RunRecord[], current: RunRecord | readonly RunRecord[], options: GateRunsOptions = {}): GateResult {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const list = (x: RunRecord | readonly RunRecord[]) => (Array.isArray(x) ? (x as readonly RunRecord[]) : [x as RunRecord]);
  const [first, ...others] = list(baseline).map(seriesOf);
  const [firstCurrent, ...otherCurrent] = list(current).map(seriesOf);
  const pairing = pairSeries(first!, firstCurrent!);
  const unmatched = pairing.onlyB.map((s) => `${s.suite} ${s.backend}×${s.workers}: in the current run only`);
  const workerMismatches: string[] = [];
  const pending: Pending[] = [];
  for (const [a, b] of pairing.pairs) {
    const as = [a, ...others.flatMap((series) => series.filter((s) => s.key === a.key))];
    const bs = [b, ...otherCurrent.flatMap((series) => series.filter((s) => s.key === b.key))];
    if (a.workers !== b.workers) workerMismatches.push(`${a.suite} ${a.backend}×${a.workers} → ×${b.workers}`);
    const onlyCurrent = [...new Set(bs.flatMap((s) => s.points.map((p) => p.target)))].filter((t) => !as[0]!.points.some((p) => p.target === t));
    if (onlyCurrent.length > 0) unmatched.push(`${a.suite} ${a.backend}×${a.workers}: grains in the current run only: ${onlyCurrent.map((t) => t.toExponential(0)).join(', ')}`);
    pending.push(...checksOfPair(as, bs, { ...options, thresholds }));
  }
  const overall = (['overhead', 'metg'] as const).flatMap((metric) => suiteVerdict(metric, pending, thresholds[metric], options.noise?.overall[metric]) ?? []);
  const checks: GateCheck[] = [...pending.map(({ draws: _, ...c }) => c), ...pairing.onlyA.flatMap((s) => missingSeries(s, thresholds))];
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, checks.filter((c) => c.verdict === v).length])) as Record<Verdict, number>;
  return { checks, overall, counts, status: statusOf(checks), unmatched, workerMismatches };
}

/**
 * The machine's noise from repeated runs of one build (an A/A comparison): its runs split into two
 * interleaved halves (1st, 3rd, … against 2nd, 4th, …) and gated against each other; each check's noise
 * is how far the halves measured apart, |ratio − 1| (a fraction), and likewise for the suite level.
 * A check whose A/A ratio is not defined has no noise entry. Needs at least four runs (two a half);
 * null with fewer. Throws nothing.
 *
 * Why the observed difference and not the reach of its interval: the interval of an A/B check already
 * carries the sampling noise, so requiring it to clear the A/A interval's reach as well counted that
 * noise twice. On the 2-core VM, 27 A/A gates (351 decided checks, lockstep and alternating) gave no
 * interval above +10% under either rule, while a +30% injected overhead (fib worker×2) cleared the
 * observed A/A difference in 5 of 5 gates and the A/A interval's reach in 1 of 5.
 */
export function noiseFloor(runs: readonly RunRecord[], options: Omit<GateRunsOptions, 'noise'> = {}): NoiseFloor | null {
  if (runs.length < 4) return null;
  const result = gateRuns(
    runs.filter((_, i) => i % 2 === 0),
    runs.filter((_, i) => i % 2 === 1),
    options,
  );
  const checks = new Map<string, number>();
  for (const c of result.checks) if (Number.isFinite(c.change)) checks.set(checkKey(c), Math.abs(c.change));
  const overall: NoiseFloor['overall'] = {};
  for (const s of result.overall) if (Number.isFinite(s.ratio)) overall[s.metric] = Math.abs(s.ratio - 1);
  return { checks, overall };
}
