/**
 * The overhead model: W·T_par ≈ T_seq + N·o + c across the points of one sweep series
 * (W = min(workers, cores)); o is the per-task overhead in CPU-seconds, c a fixed cost per batch
 * (dispatch start, the last task's latency).
 *
 * Dividing by N gives the per-task form o_i = (W·T_par − T_seq)/N = o + c·(1/N), fitted by weighted
 * least squares. Timing noise is multiplicative (a loaded machine stretches every time by a fraction),
 * so the error of o_i scales with s_i = (W·T_par + T_seq)/N, the per-task time it is the difference of;
 * each point is weighted by 1/s_i². A point at a large grain, where o_i is a small difference of two
 * large times, then counts little; the small grains, where overhead dominates, decide o. o has a 95%
 * interval o ± t(n−2)·se(o). R² is reported on the model's own scale (W·T_par − T_seq against N·o + c),
 * weighted the same way.
 *
 * When N hardly varies across the sweep — every point the same N (suites whose grain is set by work
 * per task, such as fib), or a largest N less than MIN_N_SPREAD times the smallest — o and c cannot
 * be told apart (the intercept would be an extrapolation far beyond the data): the fit then takes
 * c = 0 and o = the weighted mean of o_i with its t interval, and says so (`identifiable: false`,
 * R² null). Fewer than 3 points are treated the same way.
 *
 * Points that do not fit are flagged by the externally studentized residual (each point judged against
 * the fit made without it): |t_i| > 3. Flagged points stay in the fit and are reported.
 */
import { t975 } from './tdist.js';

export interface FitInput {
  /** Tasks N of the point. */
  tasks: number;
  /** min(W, cores). */
  usable: number;
  /** Median sequential time of the N tasks (s). */
  tSeq: number;
  /** Median parallel wall time (s). */
  tPar: number;
}

export interface OverheadFit {
  /** Per-task overhead (CPU-seconds). */
  o: number;
  /** 95% Student-t interval of o (CPU-seconds); NaN bounds with a single point. */
  oCI: [number, number];
  /** Fixed cost per batch (CPU-seconds); 0 when not identifiable. */
  c: number;
  /** R² on the scale W·T_par − T_seq; null when N does not vary. */
  r2: number | null;
  /** Points fitted. */
  n: number;
  /** false when all points share one N, so c is fixed at 0. */
  identifiable: boolean;
  /** Externally studentized residual of each point (NaN where undefined). */
  residuals: number[];
  /** Indices of points with |residual| > FLAG_RESIDUAL. */
  flagged: number[];
}

/** |Externally studentized residual| above which a point is flagged as not fitting. */
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

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Fits o (and c where identifiable) to the points of one series by weighted least squares, as the
 * module comment describes; null for no points. Point times in seconds, o and c in CPU-seconds.
 * Throws nothing.
 */
export function fitOverhead(points: readonly FitInput[]): OverheadFit | null {
  const n = points.length;
  if (n === 0) return null;
  const perTask = points.map((p) => (p.usable * p.tPar - p.tSeq) / p.tasks);
  const scaleOf = points.map((p) => Math.max((p.usable * p.tPar + p.tSeq) / p.tasks, Number.MIN_VALUE));
  const w = scaleOf.map((s) => 1 / (s * s));
  const u = points.map((p) => 1 / p.tasks);
  const scale = Math.max(...perTask.map(Math.abs));
  const flag = (r: number[]) => r.flatMap((v, i) => (Math.abs(v) > FLAG_RESIDUAL ? [i] : []));
  const sw = sum(w);

  const spread = Math.max(...u) / Math.min(...u);
  if (!(spread >= MIN_N_SPREAD) || n < 3) {
    // N (nearly) constant, or too few points for a line: o = weighted mean of o_i, c = 0.
    const o = sum(perTask.map((v, i) => w[i]! * v)) / sw;
    const e = perTask.map((v) => v - o);
    const sigma2 = n > 1 ? sum(e.map((v, i) => w[i]! * v * v)) / (n - 1) : NaN;
    const half = t975(n - 1) * Math.sqrt(sigma2 / sw);
    const residuals = studentized(
      e.map((v, i) => Math.sqrt(w[i]!) * v),
      w.map((wi) => wi / sw),
      1,
      scale * Math.sqrt(Math.max(...w)),
    );
    return { o, oCI: [o - half, o + half], c: 0, r2: null, n, identifiable: false, residuals, flagged: flag(residuals) };
  }

  const su = sum(u.map((x, i) => w[i]! * x));
  const suu = sum(u.map((x, i) => w[i]! * x * x));
  const sy = sum(perTask.map((y, i) => w[i]! * y));
  const suy = sum(perTask.map((y, i) => w[i]! * u[i]! * y));
  const d = sw * suu - su * su;
  const c = (sw * suy - su * sy) / d;
  const o = (suu * sy - su * suy) / d;
  const e = perTask.map((y, i) => y - (o + c * u[i]!));
  const sigma2 = sum(e.map((v, i) => w[i]! * v * v)) / (n - 2);
  const half = t975(n - 2) * Math.sqrt((sigma2 * suu) / d);
  // R² on the scale y = W·T_par − T_seq = N·o_i, with the same weights (w/N² there is 1/(W·T_par + T_seq)²).
  const y = perTask.map((v, i) => v * points[i]!.tasks);
  const wy = w.map((wi, i) => wi * u[i]! * u[i]!);
  const yBar = sum(y.map((v, i) => wy[i]! * v)) / sum(wy);
  const sst = sum(y.map((v, i) => wy[i]! * (v - yBar) ** 2));
  const sse = sum(y.map((v, i) => wy[i]! * (v - (points[i]!.tasks * o + c)) ** 2));
  const residuals = studentized(
    e.map((v, i) => Math.sqrt(w[i]!) * v),
    u.map((x, i) => (w[i]! * (suu - 2 * x * su + x * x * sw)) / d),
    2,
    scale * Math.sqrt(Math.max(...w)),
  );
  return { o, oCI: [o - half, o + half], c, r2: sst === 0 ? 1 : 1 - sse / sst, n, identifiable: true, residuals, flagged: flag(residuals) };
}
