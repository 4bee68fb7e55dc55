/**
 * The warnings of a run, aggregated over its points so that a handful of lines says what went wrong and
 * what to do: impossible efficiency, a busy machine, sequential references that disagree, noisy series,
 * a noisy sequential reference.
 * Pure: a run record in, ranked warnings out. `run` prints the first MAX_RUN_WARNINGS under its tables;
 * `report` lists them all before its per-series details.
 */
import type { PointRecord, RunRecord, Summary } from '../record/index.js';
import { metricBounds } from './metrics.js';
import { NOISY_CV, robustCv } from './noise.js';

/** Efficiency (a fraction) that, exceeded by the lower end of a point's interval, cannot be a speed-up. */
export const IMPOSSIBLE_EFFICIENCY = 1.05;
/** How many warnings `run` prints under its tables. */
export const MAX_RUN_WARNINGS = 3;

/** The kinds of warning, in the order they are ranked (most severe first). */
export const WARNING_KINDS = ['injected-overhead', 'impossible-efficiency', 'busy-machine', 'references-disagree', 'noisy', 'noisy-reference'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export interface RunWarning {
  kind: WarningKind;
  /** Points (or, for references-disagree, distinct references) the warning covers; 0 for busy-machine and injected-overhead. */
  points: number;
  /** One line: what was seen, where it is worst, and what to do. */
  text: string;
}

type Measured = PointRecord & { parallel: NonNullable<PointRecord['parallel']>; metrics: NonNullable<PointRecord['metrics']> };

function measured(record: RunRecord): Measured[] {
  return record.points.filter((p): p is Measured => p.status === 'completed' && p.parallel !== null && p.metrics !== null);
}

function grainText(seconds: number): string {
  return seconds.toExponential().replace(/\.0+e/, 'e').replace('e+', 'e');
}

function where(p: PointRecord): string {
  const label = p.backend === 'sequential' ? p.backend : `${p.backend}×${p.workers}`;
  return `${p.suite} ${label} ${grainText(p.grain.target)}`;
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function worst<T>(items: readonly T[], score: (t: T) => number): T {
  return items.reduce((a, b) => (score(b) > score(a) ? b : a));
}

/**
 * Lower end of a point's efficiency interval: the low end of T_seq's 95% interval over min(W, cores)
 * times the high end of T_par's (a fraction; NaN when an interval is missing).
 */
export function efficiencyLowerBound(p: Measured): number {
  const input = { tSeqCI: p.sequential.summary.ci95, tParCI: p.parallel.summary.ci95, tasks: p.tasks, usable: p.metrics.usableWorkers };
  return metricBounds(input).efficiency[0];
}

function impossibleEfficiency(points: readonly Measured[]): RunWarning[] {
  const bad = points.filter((p) => efficiencyLowerBound(p) > IMPOSSIBLE_EFFICIENCY);
  if (bad.length === 0) return [];
  const top = worst(bad, (p) => p.metrics.efficiency);
  const text =
    `${count(bad.length, 'point shows', 'points show')} efficiency above ${pct(IMPOSSIBLE_EFFICIENCY)} beyond its interval ` +
    `(max ${pct(top.metrics.efficiency)} on ${where(top)}): the sequential reference was disturbed (load while it ran, or the main thread's JIT state), ` +
    'so these are not speed-ups; rerun on a quiet machine with more --repeats';
  return [{ kind: 'impossible-efficiency', points: bad.length, text }];
}

/** The text that marks a run made with `--inject-overhead`, wherever such a run is shown. */
export function injectedOverheadText(injected: NonNullable<RunRecord['injectedOverhead']>): string {
  const us = Number((injected.seconds * 1e6).toPrecision(3));
  return `every task of every executor backend did ${us} µs of busy work before its kernel (--inject-overhead, ${injected.rounds} rounds), so its overheads are not the backends' own`;
}

function injectedOverhead(record: RunRecord): RunWarning[] {
  if (!record.injectedOverhead) return [];
  return [{ kind: 'injected-overhead', points: 0, text: `test run: ${injectedOverheadText(record.injectedOverhead)}; never use it as a baseline or a result` }];
}

function busyMachine(record: RunRecord): RunWarning[] {
  const probe = record.probe;
  if (!probe || probe.verdict !== 'busy') return [];
  const text =
    `the machine was busy when the run started (${probe.reasons.join('; ')}): every figure carries that load; ` +
    'close other programs or rerun on a quiet machine before comparing these numbers';
  return [{ kind: 'busy-machine', points: 0, text }];
}

/** Two references differ by less than this fraction of the isolate's median are said to agree (a tolerance, like the grain's ±15%). */
export const REFERENCE_TOLERANCE = 0.1;

/** True when the intervals of `a` and `b` do not overlap and their medians differ by more than REFERENCE_TOLERANCE of b's. */
function disjoint(a: Summary, b: Summary): boolean {
  const apart = a.ci95[0] > b.ci95[1] || a.ci95[1] < b.ci95[0];
  return apart && Math.abs(a.median - b.median) > REFERENCE_TOLERANCE * b.median;
}

function referencesDisagree(points: readonly PointRecord[]): RunWarning[] {
  const seen = new Map<string, PointRecord & { sequentialInline: NonNullable<PointRecord['sequentialInline']> }>();
  for (const p of points) {
    if (!p.sequentialInline || !disjoint(p.sequentialInline.summary, p.sequential.summary)) continue;
    if (!seen.has(referenceKey(p))) seen.set(referenceKey(p), { ...p, sequentialInline: p.sequentialInline });
  }
  if (seen.size === 0) return [];
  const ratio = (p: PointRecord & { sequentialInline: NonNullable<PointRecord['sequentialInline']> }) =>
    p.sequentialInline.summary.median / p.sequential.summary.median;
  const top = worst([...seen.values()], (p) => Math.abs(Math.log(ratio(p))));
  const text =
    `the in-process and isolate sequential references disagree beyond their intervals on ${count(seen.size, 'grain', 'grains')} ` +
    `(in-process ${ratio(top).toFixed(2)}× the isolate on ${top.suite} ${grainText(top.grain.target)}): efficiency is read against the isolate; ` +
    (new Set(points.map((p) => p.suite)).size === 1
      ? 'the run held that suite alone, so load is the likelier cause: rerun on a quieter machine'
      : `to tell a polluted main thread from load, rerun the suite alone (parbench run ${top.suite})`);
  return [{ kind: 'references-disagree', points: seen.size, text }];
}

function noisy(points: readonly Measured[]): RunWarning[] {
  const bad = points.filter((p) => robustCv(p.parallel.summary) > NOISY_CV);
  if (bad.length === 0) return [];
  const top = worst(bad, (p) => robustCv(p.parallel.summary));
  const text =
    `${count(bad.length, 'point has', 'points have')} a noisy T_par (robust CV above ${pct(NOISY_CV)}, max ${pct(robustCv(top.parallel.summary))} on ${where(top)}): ` +
    'their overhead and efficiency are uncertain; rerun with more --repeats and --max-repeats on a quieter machine';
  return [{ kind: 'noisy', points: bad.length, text }];
}

/** The key of a point's sequential reference: shared by every backend of a suite, parameters, grain and runtime. */
function referenceKey(p: PointRecord): string {
  return `${p.suite}|${JSON.stringify(p.params)}|${p.grain.target}|${p.runtime?.implementation ?? ''}`;
}

function noisyReference(points: readonly Measured[]): RunWarning[] {
  const seen = new Map<string, Measured>();
  for (const p of points) if (robustCv(p.sequential.summary) > NOISY_CV && !seen.has(referenceKey(p))) seen.set(referenceKey(p), p);
  if (seen.size === 0) return [];
  const top = worst([...seen.values()], (p) => robustCv(p.sequential.summary));
  const text =
    `the sequential reference T_seq is noisy at ${count(seen.size, 'grain', 'grains')} (robust CV above ${pct(NOISY_CV)}, max ${pct(robustCv(top.sequential.summary))} on ${top.suite} ${grainText(top.grain.target)}): ` +
    "every backend's efficiency and overhead there inherit it; rerun with more --repeats on a quieter machine";
  return [{ kind: 'noisy-reference', points: seen.size, text }];
}

/**
 * The aggregated warnings of a run record, ranked as WARNING_KINDS (at most one of each kind): a run
 * made with `--inject-overhead` (test only), points
 * whose efficiency interval lies above IMPOSSIBLE_EFFICIENCY, a `busy` machine probe, points whose
 * isolate (`sequential`) and in-process (`sequentialInline`) references have disjoint 95% intervals
 * (counted once per suite, parameters, grain and runtime), points whose T_par robust CV exceeds
 * NOISY_CV, and sequential references (counted the same way) whose T_seq robust CV exceeds it. Only
 * completed points with a parallel timing are judged. Throws nothing.
 */
export function runWarnings(record: RunRecord): RunWarning[] {
  const points = measured(record);
  return [...injectedOverhead(record), ...impossibleEfficiency(points), ...busyMachine(record), ...referencesDisagree(points), ...noisy(points), ...noisyReference(points)];
}
