/**
 * The CI gate: does a run regress per-task overhead or METG against a baseline?
 *
 * Every series the two runs share (paired as in compare) is checked on the grains both measured. For
 * each metric the ratio current/baseline has a 95% bootstrap interval (both runs' raw samples
 * resampled independently). The rule:
 *
 *   regressed  ⇔  the interval's lower bound > 1 + max-regression
 *
 * i.e. the run is worse by more than the allowed fraction *and* that is statistically significant at
 * the 5% level (one-sided 2.5%). A change whose point estimate exceeds the threshold but whose interval
 * does not clear it is reported as "worse, not significant" and passes; that is what keeps a noisy
 * shared machine from failing builds on chance. Overheads below `minOverheadSeconds` in both runs are
 * negligible and pass; from below it in the baseline, a current overhead whose interval lies above
 * floor·(1 + max-regression) has regressed; METGs outside the sweep in both runs cannot be compared and pass with a note.
 */
import { compareSeries, pairSeries, type MetricComparison } from '../stats/series-comparison.js';
import { seriesOf } from '../stats/series.js';
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

export type Verdict = 'pass' | 'improved' | 'worse, not significant' | 'REGRESSED' | 'skipped';

export interface GateCheck {
  suite: string;
  params: string;
  backend: string;
  workers: string;
  metric: 'overhead' | 'metg';
  /** Baseline value: overhead in CPU-seconds per task, METG in seconds. */
  baseline: number;
  /** Current value, in the same unit. */
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
  note?: string;
}

export interface GateResult {
  checks: GateCheck[];
  /** true when any check REGRESSED. */
  failed: boolean;
  /** Series or grains that were not checked, one line each. */
  unmatched: string[];
}

function verdictOf(m: MetricComparison, threshold: number, minOverhead: number): { verdict: Verdict; note?: string } {
  if (m.metric === 'overhead' && Math.abs(m.a) < minOverhead) {
    // A negligible baseline has no meaningful ratio: judge the current value against the floor instead.
    const floor = `${minOverhead * 1e6} µs`;
    if (Math.abs(m.b) < minOverhead) return { verdict: 'pass', note: `below ${floor} in both runs (negligible)` };
    if (m.bCI[0] > minOverhead * (1 + threshold)) return { verdict: 'REGRESSED', note: `from negligible (below ${floor}) to significantly above it` };
    return { verdict: 'worse, not significant', note: `from negligible (below ${floor}); not clear of it` };
  }
  if (!Number.isFinite(m.ratio)) return { verdict: 'skipped', ...(m.note ? { note: m.note } : {}) };
  const note = m.note ? { note: m.note } : {};
  if (m.ci95[0] > 1 + threshold) return { verdict: 'REGRESSED', ...note };
  if (m.ratio > 1 + threshold) return { verdict: 'worse, not significant', ...note };
  if (m.ci95[1] < 1) return { verdict: 'improved', ...note };
  return { verdict: 'pass', ...note };
}

/**
 * Gate the current run(s) against a baseline of one or more runs. With several runs on a side, that
 * side's value of each metric is their median and its interval comes from a hierarchical bootstrap (a
 * random run, then its samples), so the run-to-run spread of the machine widens the interval. Several
 * current runs confirm a regression: it must hold across them. Expects at least one run on each side
 * (throws a TypeError otherwise); throws nothing else.
 */
export function gateRuns(baseline: RunRecord | readonly RunRecord[], current: RunRecord | readonly RunRecord[], options: { thresholds?: GateThresholds; metgThreshold?: number } = {}): GateResult {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const list = (x: RunRecord | readonly RunRecord[]) => (Array.isArray(x) ? (x as readonly RunRecord[]) : [x as RunRecord]);
  const [first, ...others] = list(baseline);
  const [firstCurrent, ...otherCurrent] = list(current);
  const otherSeries = others.map(seriesOf);
  const otherCurrentSeries = otherCurrent.map(seriesOf);
  const pairing = pairSeries(seriesOf(first!), seriesOf(firstCurrent!));
  const checks: GateCheck[] = [];
  const unmatched: string[] = [
    ...pairing.onlyA.map((s) => `${s.suite} ${s.backend}×${s.workers}: in the baseline only`),
    ...pairing.onlyB.map((s) => `${s.suite} ${s.backend}×${s.workers}: in the current run only`),
  ];
  for (const [a, b] of pairing.pairs) {
    const repeats = otherSeries.flatMap((list) => list.filter((s) => s.key === a.key));
    const currentRepeats = otherCurrentSeries.flatMap((list) => list.filter((s) => s.key === b.key));
    const cmp = compareSeries([a, ...repeats], [b, ...currentRepeats], options.metgThreshold === undefined ? {} : { metgThreshold: options.metgThreshold });
    const workers = a.workers === b.workers ? String(a.workers) : `${a.workers}→${b.workers}`;
    if (cmp.onlyA.length + cmp.onlyB.length > 0) {
      const g = (xs: number[]) => xs.map((x) => x.toExponential(0)).join(', ');
      unmatched.push(
        `${a.suite} ${a.backend}×${workers}: grains not in both runs (or failed) — baseline only: ${g(cmp.onlyA) || 'none'}; current only: ${g(cmp.onlyB) || 'none'}`,
      );
    }
    for (const m of cmp.metrics) {
      if (m.metric === 'throughputPerCore') continue;
      const threshold = m.metric === 'overhead' ? thresholds.overhead : thresholds.metg;
      checks.push({
        suite: a.suite,
        params: a.params,
        backend: a.backend,
        workers,
        metric: m.metric,
        baseline: m.a,
        current: m.b,
        change: m.ratio - 1,
        changeCI: [m.ci95[0] - 1, m.ci95[1] - 1],
        threshold,
        ...(m.bounds ? { bounds: m.bounds } : {}),
        ...verdictOf(m, threshold, thresholds.minOverheadSeconds),
      });
    }
  }
  return { checks, failed: checks.some((c) => c.verdict === 'REGRESSED'), unmatched };
}
