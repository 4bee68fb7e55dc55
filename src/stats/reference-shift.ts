/**
 * Did the sequential reference itself change between two runs? Points whose tasks are the same in both
 * runs — same suite, parameters, knob (chunk and work), number of tasks and runtime — ran the same
 * sequential code on the same inputs, so the ratio of their T_seq medians measures the machine, not any
 * backend: on one machine fingerprint a shift means its state differed between the runs (load, clock
 * frequency, a noisy neighbour); across machines it is their single-core speed. The task sets are
 * combined by the geometric mean of their ratios, with a percentile-bootstrap interval.
 *
 * Calibration often picks slightly different knobs in two runs, leaving no task set in common; then the
 * machine probe's spin test (fixed slices of busy work timed before the first point) is the reference:
 * the ratio of the slice medians, with a normal-approximation interval from their robust CVs
 * (se of a median ≈ 1.2533·σ/√n).
 */
import type { PointRecord, RunRecord } from '../record/index.js';
import { percentileInterval, RESAMPLES } from './resample.js';
import { resampledMedian } from './summary.js';
import { mulberry32 } from '../../suites/random.js';
import { median } from 'simple-statistics';

/** A shift of the reference counts only beyond this fraction (and beyond its interval): a materiality threshold. */
export const REFERENCE_SHIFT = 0.05;

export interface ReferenceShift {
  /** What was compared: the T_seq of task sets both runs measured, or the probes' spin tests. */
  basis: 'task sets' | 'spin test';
  /** Task sets measured in both runs (0 for the spin test). */
  taskSets: number;
  /** Geometric mean over them of T_seq(B) / T_seq(A). */
  ratio: number;
  /** 95% percentile-bootstrap interval of that mean. */
  ci95: [number, number];
  /** The interval excludes 1 and the ratio is beyond ±REFERENCE_SHIFT. */
  significant: boolean;
}

/** The key of a point's task set: what makes two points' sequential runs the same work. */
function taskSet(p: PointRecord): string {
  return [p.suite, JSON.stringify(p.params), p.grain.chunk, p.grain.work, p.tasks, p.runtime?.implementation ?? 'node'].join('|');
}

/** One point per task set (its T_seq samples, seconds per pass), completed points only. */
function taskSets(record: RunRecord): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const p of record.points) {
    if (p.status !== 'completed' || p.sequential.samples.length === 0) continue;
    if (!out.has(taskSet(p))) out.set(taskSet(p), p.sequential.samples);
  }
  return out;
}

const geometricMean = (xs: readonly number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

function shift(basis: ReferenceShift['basis'], taskSets: number, ratio: number, ci95: [number, number]): ReferenceShift {
  const significant = (ci95[0] > 1 || ci95[1] < 1) && Math.abs(Math.log(ratio)) > Math.log(1 + REFERENCE_SHIFT);
  return { basis, taskSets, ratio, ci95, significant };
}

/** The ratio of the probes' spin-slice medians (b over a) with a 95% normal-approximation interval; null without both probes. */
function spinShift(a: RunRecord, b: RunRecord): ReferenceShift | null {
  const [sa, sb] = [a.probe?.spin, b.probe?.spin];
  if (!sa || !sb || !(sa.medianSeconds > 0) || !(sb.medianSeconds > 0) || sa.slices === 0 || sb.slices === 0) return null;
  const relativeSe = (s: typeof sa) => (1.2533 * s.robustCv) / Math.sqrt(s.slices);
  const se = Math.hypot(relativeSe(sa), relativeSe(sb));
  const ratio = sb.medianSeconds / sa.medianSeconds;
  return shift('spin test', 0, ratio, [ratio * Math.exp(-1.96 * se), ratio * Math.exp(1.96 * se)]);
}

/**
 * The shift of the sequential reference from run `a` to run `b`: over the task sets both measured
 * (bootstrap of `resamples` draws seeded by `seed`), else from the machine probes' spin tests; null
 * when neither is there. Throws nothing.
 */
export function referenceShift(a: RunRecord, b: RunRecord, resamples = RESAMPLES, seed = 1): ReferenceShift | null {
  const setsA = taskSets(a);
  const setsB = taskSets(b);
  const shared = [...setsA.keys()].filter((k) => setsB.has(k)).map((k) => [setsA.get(k)!, setsB.get(k)!] as const);
  if (shared.length === 0) return spinShift(a, b);
  const ratio = geometricMean(shared.map(([sa, sb]) => median([...sb]) / median([...sa])));
  const random = mulberry32(seed);
  const draws = Array.from({ length: resamples }, () => geometricMean(shared.map(([sa, sb]) => resampledMedian(sb, random) / resampledMedian(sa, random))));
  return shift('task sets', shared.length, ratio, percentileInterval(draws));
}
