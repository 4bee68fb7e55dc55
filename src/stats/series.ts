/**
 * Sweep series: the completed points of one suite (with its parameters) × backend × worker count,
 * ordered by grain. Every analysis (METG, overhead fit, crossover) works on one series.
 */
import type { PointRecord, RunRecord } from '../record/index.js';
import { pointMetrics } from './metrics.js';

export interface SeriesPoint {
  /** Target grain g (s): the key points are matched on across runs. */
  target: number;
  /** Achieved grain ĝ = T_seq / N (s). */
  grain: number;
  /** Tasks N. */
  tasks: number;
  /** min(W, cores). */
  usable: number;
  /** Median sequential time of the N tasks (s). */
  tSeq: number;
  /** Median parallel wall time (s). */
  tPar: number;
  /** T_seq / T_par (ratio). */
  speedup: number;
  /** Speed-up / min(W, cores), a fraction. */
  efficiency: number;
  /** Per-task overhead (CPU-seconds per task). */
  overhead: number;
  /** Raw samples (s), kept for resampling. Sequential samples are per pass over the tasks. */
  seqSamples: number[];
  parSamples: number[];
}

/** What names a series: the same in every analysis of it. */
export interface SeriesIdentity {
  /** suite|params|backend|workers */
  key: string;
  suite: string;
  params: string;
  backend: string;
  workers: number;
  /** min(workers, cores) */
  usable: number;
}

export interface Series extends SeriesIdentity {
  points: SeriesPoint[];
  /** Target grains (s) of points that failed (not analysed, listed). */
  failed: number[];
}

/** A suite's parameters as "k=v k=v", in the record's key order; "" for none. */
export function paramsLabel(params: PointRecord['params']): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** "suite|params|backend|workers": what matches a series within a run and across runs. */
export function seriesKey(s: { suite: string; params: string; backend: string; workers: number }): string {
  return `${s.suite}|${s.params}|${s.backend}|${s.workers}`;
}

/** A series point from medians: the one place the measurement model is applied for analysis. */
export function makePoint(base: { target: number; tasks: number; usable: number; seqSamples: number[]; parSamples: number[] }, tSeq: number, tPar: number): SeriesPoint {
  const m = pointMetrics({ tSeq, tPar, tasks: base.tasks, workers: base.usable, cores: base.usable });
  // Fields named one by one, not spread: the bootstrap calls this for every resample of every point.
  const { target, tasks, usable, seqSamples, parSamples } = base;
  return { target, tasks, usable, seqSamples, parSamples, grain: tSeq / tasks, tSeq, tPar, speedup: m.speedup, efficiency: m.efficiency, overhead: m.overheadPerTask };
}

/**
 * Groups a run record's points into series, one per suite (with parameters) × backend × workers.
 * Completed points become SeriesPoints from the medians of T_seq and T_par (s), sorted by target grain;
 * failed ones (or ones without metrics or parallel timing) go to `failed`. Throws nothing.
 */
export function seriesOf(record: RunRecord): Series[] {
  const out = new Map<string, Series>();
  for (const p of record.points) {
    const params = paramsLabel(p.params);
    const key = seriesKey({ suite: p.suite, params, backend: p.backend, workers: p.workers });
    const usable = p.metrics?.usableWorkers ?? Math.max(1, Math.min(p.workers, record.cores));
    let series = out.get(key);
    if (!series) {
      series = { key, suite: p.suite, params, backend: p.backend, workers: p.workers, usable, points: [], failed: [] };
      out.set(key, series);
    }
    if (p.status !== 'completed' || !p.metrics || !p.parallel) {
      series.failed.push(p.grain.target);
      continue;
    }
    series.points.push(
      makePoint(
        { target: p.grain.target, tasks: p.tasks, usable, seqSamples: p.sequential.samples, parSamples: p.parallel.samples },
        p.sequential.summary.median,
        p.parallel.summary.median,
      ),
    );
  }
  for (const s of out.values()) s.points.sort((a, b) => a.target - b.target);
  return [...out.values()];
}
