/**
 * The verdict on a run, per suite: what a reader should conclude before reading any table. For each
 * backend its METG at the analysis' threshold and its fitted per-task overhead (both with their 95%
 * intervals, from analyze.ts), backends ordered best first; and for each grain the backend with the
 * shortest median T_par, with how much faster it is than the next. Pure: an analysis in, plain data out.
 */
import { seriesLabel, type PointAnalysis, type RunAnalysis, type SeriesAnalysis } from './analyze.js';
import type { ThresholdGrain } from './threshold.js';

export interface BackendVerdict {
  /** "worker×2", or "sequential" (seriesLabel). */
  label: string;
  backend: string;
  workers: number;
  /** The interpreter of a remote-timed series (e.g. "CPython"); null for Node. */
  runtime: string | null;
  /** true for the in-process sequential backends: their METG says what the executor interface costs, not how well they parallelise. */
  inProcess: boolean;
  /** METG (s) at the analysis' threshold with its 95% bootstrap interval (s); null without points. */
  metg: (ThresholdGrain & { ci95: [number, number] }) | null;
  /** Fitted per-task overhead o (CPU-seconds) with its 95% t interval; null without points. */
  overhead: { o: number; ci95: [number, number] } | null;
}

export interface GrainWinner {
  /** Target grain g (s). */
  target: number;
  /** Runtime whose backends were compared (each runtime runs its own calibrated tasks); null for Node. */
  runtime: string | null;
  /** The backend with the shortest median T_par at this grain. */
  fastest: string;
  /** Its median T_par (s). */
  tPar: number;
  /** The runner-up; absent when one backend ran at this grain. */
  next?: {
    label: string;
    /** Its median T_par (s). */
    tPar: number;
    /** next T_par / fastest T_par (≥ 1): how many times faster the fastest is. */
    ratio: number;
    /** The 95% intervals of the two medians overlap: the order may be noise. */
    overlap: boolean;
  };
}

export interface SuiteVerdict {
  suite: string;
  /** The suite's parameters, "k=v k=v". */
  params: string;
  /** The run's core count (min(W, cores) is taken against it). */
  cores: number;
  /** Efficiency threshold of the METG, a fraction. */
  threshold: number;
  /** Best first: parallel backends by METG (below the sweep, then bracketed by grain, then above it), then the in-process ones. */
  backends: BackendVerdict[];
  /** Per runtime and target grain, ascending grain, the fastest backend. */
  fastest: GrainWinner[];
}

/** The in-process sequential backends: `sequential`, and a remote runtime's `<runtime>-sequential` (py-, pypy-). */
export function isInProcess(backend: string): boolean {
  return backend === 'sequential' || backend.endsWith('-sequential');
}

const BOUND_RANK = { below: 0, bracketed: 1, above: 2 } as const;

/** Ordering of backends, best first: see SuiteVerdict.backends; ties keep the analysis' order. */
function byMetg(a: BackendVerdict, b: BackendVerdict): number {
  if (a.inProcess !== b.inProcess) return a.inProcess ? 1 : -1;
  if (!a.metg || !b.metg) return a.metg ? -1 : b.metg ? 1 : 0;
  const rank = BOUND_RANK[a.metg.bound] - BOUND_RANK[b.metg.bound];
  if (rank !== 0) return rank;
  // Below the sweep: a smaller smallest grain says no more; bracketed: smaller is better; above: larger largest says no more.
  return a.metg.bound === 'bracketed' ? a.metg.grain - b.metg.grain : 0;
}

function backendVerdict(s: SeriesAnalysis): BackendVerdict {
  return {
    label: seriesLabel(s),
    backend: s.backend,
    workers: s.workers,
    runtime: s.runtime,
    inProcess: isInProcess(s.backend),
    metg: s.metg,
    overhead: s.fit ? { o: s.fit.o, ci95: s.fit.oCI } : null,
  };
}

/** The fastest backend of each grain among series of one runtime, by median T_par. */
function winners(series: readonly SeriesAnalysis[], runtime: string | null): GrainWinner[] {
  const targets = [...new Set(series.flatMap((s) => s.points.map((p) => p.target)))].sort((a, b) => a - b);
  return targets.map((target) => {
    const ranked = series
      .flatMap((s) => {
        const point = s.points.find((p) => p.target === target);
        return point ? [{ label: seriesLabel(s), point }] : [];
      })
      .sort((a, b) => a.point.tPar.median - b.point.tPar.median);
    const [first, second] = ranked as [{ label: string; point: PointAnalysis }, { label: string; point: PointAnalysis } | undefined];
    const winner: GrainWinner = { target, runtime, fastest: first.label, tPar: first.point.tPar.median };
    if (second) {
      winner.next = {
        label: second.label,
        tPar: second.point.tPar.median,
        ratio: second.point.tPar.median / first.point.tPar.median,
        overlap: first.point.tPar.ci95[1] >= second.point.tPar.ci95[0],
      };
    }
    return winner;
  });
}

/**
 * The verdict of every suite of an analysed run, in order of first appearance (see SuiteVerdict):
 * backends ordered best first, and per runtime (Node first) and grain the backend with the shortest
 * median T_par, the runner-up, their ratio and whether their 95% intervals overlap. Series of one
 * suite with other parameters form their own verdict. Times in seconds. Throws nothing.
 */
export function suiteVerdicts(analysis: RunAnalysis): SuiteVerdict[] {
  const groups = new Map<string, SeriesAnalysis[]>();
  for (const s of analysis.series) {
    const key = `${s.suite}|${s.params}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((series) => {
    const runtimes = [...new Set(series.map((s) => s.runtime))].sort((a, b) => (a === null ? -1 : b === null ? 1 : 0));
    return {
      suite: series[0]!.suite,
      params: series[0]!.params,
      cores: analysis.cores,
      threshold: analysis.metgThreshold,
      backends: series.map(backendVerdict).sort(byMetg),
      fastest: runtimes.flatMap((runtime) => winners(series.filter((s) => s.runtime === runtime), runtime)),
    };
  });
}
