/**
 * The overhead model: W·T_par ≈ T_seq + N·o + c across the points of one sweep series
 * (W = min(workers, cores)); o is the per-task overhead in CPU-seconds, c a fixed cost per batch
 * (dispatch start, the last task's latency).
 *
 * Fitted by weighted least squares with weights 1/N² — equivalently, ordinary least squares of the
 * per-task overhead o_i = (W·T_par − T_seq)/N on 1/N: o_i = o + c·(1/N). Each point then counts in
 * proportion to its relative error rather than its size, so the points with the most tasks (the
 * smallest grains, where y is largest) do not decide the fit alone. o is the intercept, with a 95%
 * interval o ± t(n−2)·se(o). R² is reported on the model's own scale (y = W·T_par − T_seq against
 * N·o + c).
 *
 * When N hardly varies across the sweep — every point the same N (suites whose grain is set by work
 * per task, such as fib), or a largest N less than MIN_N_SPREAD times the smallest — o and c cannot
 * be told apart (the intercept would be an extrapolation far beyond the data): the fit then takes
 * c = 0 and o = mean(o_i) with a t interval of that mean, and says so (`identifiable: false`,
 * R² null). Fewer than 3 points are treated the same way.
 *
 * Points that do not fit are flagged by the externally studentized residual of o_i (each point judged
 * against the fit made without it): |t_i| > 3. Flagged points stay in the fit and are reported.
 */
import { linearRegression, mean } from 'simple-statistics';
import { t975 } from './tdist.js';

export interface FitInput {
  tasks: number;
  usable: number;
  tSeq: number;
  tPar: number;
}

export interface OverheadFit {
  /** Per-task overhead (CPU-seconds). */
  o: number;
  oCI: [number, number];
  /** Fixed cost per batch (CPU-seconds); 0 when not identifiable. */
  c: number;
  /** R² on the scale W·T_par − T_seq; null when N does not vary. */
  r2: number | null;
  n: number;
  /** false when all points share one N, so c is fixed at 0. */
  identifiable: boolean;
  /** Externally studentized residual of each point (NaN where undefined). */
  residuals: number[];
  /** Indices of points with |residual| > FLAG_RESIDUAL. */
  flagged: number[];
}

export const FLAG_RESIDUAL = 3;
/** o and c are fitted separately only when N spans at least this factor. */
export const MIN_N_SPREAD = 10;

/** Externally studentized residuals from raw residuals, leverages and p fitted parameters. */
function studentized(e: number[], leverage: number[], p: number, scale: number): number[] {
  const n = e.length;
  const sse = e.reduce((s, v) => s + v * v, 0);
  if (n - p - 1 < 1) return e.map(() => NaN);
  // An exact fit up to rounding: no point stands out.
  if (Math.sqrt(sse / n) <= 1e-9 * scale) return e.map(() => 0);
  return e.map((ei, i) => {
    const h = leverage[i]!;
    if (h >= 1) return NaN;
    const s2i = (sse - (ei * ei) / (1 - h)) / (n - p - 1);
    if (s2i <= 0) return ei === 0 ? 0 : Math.sign(ei) * Infinity;
    return ei / Math.sqrt(s2i * (1 - h));
  });
}

const sumSq = (xs: number[], centre: number) => xs.reduce((s, v) => s + (v - centre) ** 2, 0);

export function fitOverhead(points: readonly FitInput[]): OverheadFit | null {
  const n = points.length;
  if (n === 0) return null;
  const y = points.map((p) => p.usable * p.tPar - p.tSeq);
  const perTask = y.map((v, i) => v / points[i]!.tasks);
  const u = points.map((p) => 1 / p.tasks);
  const scale = Math.max(...perTask.map(Math.abs));
  const uBar = mean(u);
  const flag = (r: number[]) => r.flatMap((v, i) => (Math.abs(v) > FLAG_RESIDUAL ? [i] : []));

  const spread = Math.max(...u) / Math.min(...u);
  if (!(spread >= MIN_N_SPREAD) || n < 3) {
    // N (nearly) constant, or too few points for a line: o = mean(o_i), c = 0.
    const o = mean(perTask);
    const sd = n > 1 ? Math.sqrt(sumSq(perTask, o) / (n - 1)) : NaN;
    const half = (t975(n - 1) * sd) / Math.sqrt(n);
    const residuals = studentized(
      perTask.map((v) => v - o),
      perTask.map(() => 1 / n),
      1,
      scale,
    );
    return { o, oCI: [o - half, o + half], c: 0, r2: null, n, identifiable: false, residuals, flagged: flag(residuals) };
  }

  const suu = sumSq(u, uBar);
  const pairs = u.map((ui, i) => [ui, perTask[i]!]);
  const { m: c, b: o } = linearRegression(pairs);
  const e = pairs.map(([ui, oi]) => oi! - (o + c * ui!));
  const se = Math.sqrt((sumSq(e, 0) / (n - 2)) * (1 / n + (uBar * uBar) / suu));
  const half = t975(n - 2) * se;
  const yBar = mean(y);
  const sst = sumSq(y, yBar);
  const sse = y.reduce((s, yi, i) => s + (yi - (points[i]!.tasks * o + c)) ** 2, 0);
  const residuals = studentized(
    e,
    u.map((ui) => 1 / n + (ui - uBar) ** 2 / suu),
    2,
    scale,
  );
  return { o, oCI: [o - half, o + half], c, r2: sst === 0 ? 1 : 1 - sse / sst, n, identifiable: true, residuals, flagged: flag(residuals) };
}
