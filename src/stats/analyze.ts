/**
 * The analysis of a run: for every suite × backend × workers series, METG at a threshold, the
 * crossover grain, the overhead fit, the noise, with bootstrap intervals; and the warnings a reader
 * needs before acting on the numbers. Pure: a run record in, plain data out.
 */
import type { MachineInfo, PointRecord, RunRecord } from '../record/index.js';
import { FLAG_RESIDUAL, fitOverhead, type OverheadFit } from './fit.js';
import { MIN_REPEATS, noiseOf, type NoiseReport } from './noise.js';
import { bootstrapSeries, percentileInterval } from './resample.js';
import { paramsLabel, seriesKey, seriesOf, type Series, type SeriesIdentity, type SeriesPoint } from './series.js';
import { summarize, type Summary } from './summary.js';
import { thresholdGrain, type ThresholdGrain } from './threshold.js';
import { runWarnings } from './warnings.js';

/** The efficiency METG is read at, as a fraction (0.5 = METG(50%)). */
export const DEFAULT_METG_THRESHOLD = 0.5;

export interface PointAnalysis {
  /** Target grain g (s). */
  target: number;
  /** Achieved grain ĝ = T_seq / N (s). */
  grain: number;
  /** Tasks N. */
  tasks: number;
  /** S = T_seq / T_par (ratio). */
  speedup: number;
  /** E = S / min(W, cores), a fraction. */
  efficiency: number;
  /** Per-task overhead o (CPU-seconds per task). */
  overhead: number;
  /** Summary of the parallel wall-time samples (s). */
  tPar: Summary;
  /** Summary of the sequential samples (s, per pass over the tasks). */
  tSeq: Summary;
  /** false when the target was below the smallest task the suite can make (the grain is its floor). */
  reachable: boolean;
  /** The achieved grain is within ±15% of the target. */
  withinTolerance: boolean;
}

export interface SeriesAnalysis extends SeriesIdentity {
  points: PointAnalysis[];
  /** Target grains (s) of the points that failed. */
  failed: number[];
  /** METG (s) at the run's threshold, with a 95% percentile-bootstrap interval (s); null without points. */
  metg: (ThresholdGrain & { ci95: [number, number] }) | null;
  /** Grain (s) from which speed-up ≥ 1; null without points or with one usable worker. */
  crossover: ThresholdGrain | null;
  /** The overhead fit (CPU-seconds) with a 95% percentile-bootstrap interval of o; null without points. */
  fit: (OverheadFit & { bootstrapCI: [number, number] }) | null;
  /** Noise of this backend's parallel samples. */
  noise: NoiseReport;
  /** Noise of the sequential reference (T_seq) of the same points, shared by every backend of the suite. */
  sequentialNoise: NoiseReport;
  /** The interpreter of a remote-timed series (e.g. "CPython"), which calibrates its own grain; null for Node. */
  runtime: string | null;
}

export interface RunAnalysis {
  id: string;
  status: RunRecord['status'];
  machine: MachineInfo;
  /** The run record's `cores`: the core count min(W, cores) is taken against. */
  cores: number;
  /** Efficiency threshold of the METG, a fraction. */
  metgThreshold: number;
  series: SeriesAnalysis[];
  warnings: string[];
}

/** METG of points at a threshold (efficiency ≥ threshold, after the rule in threshold.ts). */
export function metgOf(points: readonly SeriesPoint[], threshold = DEFAULT_METG_THRESHOLD): ThresholdGrain | null {
  return thresholdGrain(points.map((p) => ({ grain: p.grain, value: p.efficiency })), threshold);
}

/** Crossover: the grain from which the backend beats sequential (speed-up ≥ 1). */
export function crossoverOf(points: readonly SeriesPoint[]): ThresholdGrain | null {
  return thresholdGrain(points.map((p) => ({ grain: p.grain, value: p.speedup })), 1);
}

/** Fitted per-task overhead o of a series (CPU-seconds per task, see fit.ts); NaN when there are no points. */
export function overheadOf(points: readonly SeriesPoint[]): number {
  return fitOverhead(points)?.o ?? NaN;
}

/** Display name of a series: "sequential", or backend×workers (e.g. "worker×4"). */
export function seriesLabel(s: { backend: string; workers: number }): string {
  return s.backend === 'sequential' ? s.backend : `${s.backend}×${s.workers}`;
}

/** The runtime a point's grain was calibrated on: the remote interpreter's name (e.g. "CPython"), null for Node. */
export function runtimeOf(p: PointRecord): string | null {
  return p.runtime?.implementation ?? null;
}

function analyzeSeries(series: Series, threshold: number, record: RunRecord): SeriesAnalysis {
  const points = series.points;
  const recorded = record.points.filter((p) => seriesKey({ suite: p.suite, params: paramsLabel(p.params), backend: p.backend, workers: p.workers }) === series.key);
  const grainOf = (target: number) => recorded.find((p) => p.grain.target === target)?.grain;
  const metg = metgOf(points, threshold);
  const fit = fitOverhead(points);
  const { key, suite, params, backend, workers, usable } = series;
  return {
    key,
    suite,
    params,
    backend,
    workers,
    usable,
    points: points.map((p) => ({
      target: p.target,
      grain: p.grain,
      tasks: p.tasks,
      speedup: p.speedup,
      efficiency: p.efficiency,
      overhead: p.overhead,
      tPar: summarize(p.parSamples),
      tSeq: summarize(p.seqSamples),
      reachable: grainOf(p.target)?.reachable ?? true,
      withinTolerance: grainOf(p.target)?.withinTolerance ?? true,
    })),
    failed: series.failed,
    metg: metg ? { ...metg, ci95: percentileInterval(bootstrapSeries(points, (ps) => metgOf(ps, threshold)?.grain ?? NaN)) } : null,
    // With one usable worker a speed-up ≥ 1 can only come from noise: no crossover to report.
    crossover: series.usable > 1 ? crossoverOf(points) : null,
    fit: fit ? { ...fit, bootstrapCI: percentileInterval(bootstrapSeries(points, overheadOf)) } : null,
    noise: noiseOf(points, 'parallel'),
    sequentialNoise: noiseOf(points, 'sequential'),
    runtime: recorded[0] ? runtimeOf(recorded[0]) : null,
  };
}

/** At most `max` items joined by ", ", then "and N more". */
function listed(items: readonly string[], max = 4): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/**
 * The warnings that come from the series' analysis, one line per kind, each aggregated over the
 * series it concerns: failed points, too few samples, efficiency not monotone in grain, points that do
 * not fit the overhead model. Noise is judged on the record by runWarnings (and shown per series in
 * the summary's CV and outliers columns), so it is not repeated here.
 */
function seriesWarnings(series: readonly SeriesAnalysis[]): string[] {
  const g = (x: number) => x.toExponential(0);
  const who = (s: SeriesAnalysis) => `${s.suite} ${seriesLabel(s)}`;
  const out: string[] = [];
  const failed = series.flatMap((s) => s.failed.map((grain) => `${who(s)} ${g(grain)}`));
  if (failed.length > 0) out.push(`${failed.length} point(s) failed and are left out of the analysis (${listed(failed)})`);
  const analysed = series.filter((s) => s.points.length > 0);
  const few = analysed.filter((s) => s.noise.minRepeats < MIN_REPEATS);
  if (few.length > 0) {
    const least = Math.min(...few.map((s) => s.noise.minRepeats));
    out.push(`${few.length} series have fewer than ${MIN_REPEATS} samples per point (as few as ${least}: ${listed(few.map(who))}); intervals are unreliable (use --repeats ${MIN_REPEATS * 2} or more)`);
  }
  const dips = analysed.filter((s) => s.metg?.nonMonotone);
  if (dips.length > 0) out.push(`efficiency is not monotone in grain on ${listed(dips.map(who))}: METG is the grain above which it stays at the threshold`);
  const misfits = analysed.flatMap((s) => (s.fit?.flagged ?? []).map((i) => `${who(s)} ${g(s.points[i]!.target)}`));
  if (misfits.length > 0) out.push(`${misfits.length} point(s) do not fit the overhead model (|studentized residual| > ${FLAG_RESIDUAL}: ${listed(misfits)}); the fit keeps them`);
  return out;
}

/**
 * Analyses every series of a run record: METG at `metgThreshold` (a fraction, default 0.5; after Task
 * Bench, Slaughter et al. SC'20) and the overhead fit, each with a 95% percentile-bootstrap interval
 * (Efron & Tibshirani, 1,000 resamples, seeded), the crossover grain, noise, and the warnings to read
 * first, one line per kind: the run's status when not completed, the run's aggregated warnings
 * (runWarnings, ranked), then those of the series' analysis (failed points, few samples, efficiency not
 * monotone, misfits), each aggregated over the series. Grains in seconds, overhead in CPU-seconds per
 * task. Throws a plain Error from summarize when a completed point holds no samples (a validated
 * record does not).
 */
export function analyzeRun(record: RunRecord, options: { metgThreshold?: number } = {}): RunAnalysis {
  const threshold = options.metgThreshold ?? DEFAULT_METG_THRESHOLD;
  const series = seriesOf(record).map((s) => analyzeSeries(s, threshold, record));
  const warnings = [...runWarnings(record).map((w) => w.text), ...seriesWarnings(series)];
  if (record.status !== 'completed') warnings.unshift(`run ${record.id} is ${record.status}: the analysis covers the points it holds`);
  return { id: record.id, status: record.status, machine: record.machine, cores: record.cores, metgThreshold: threshold, series, warnings };
}
