/**
 * The run's ETA: the remaining points' estimates (seconds, from schedule.ts), corrected by how the
 * points done so far compared with their own estimates. Pure: the caller reads the clock and passes it.
 */
import type { RunEstimate } from './schedule.js';

/** A point already measured: what it took and what it was estimated to take (seconds). */
export interface DonePoint {
  actualSeconds: number;
  estimatedSeconds: number;
}

/** What the ETA is computed from (seconds throughout; `now` and `startedAt` read from the same clock). */
export interface EtaInput {
  /** Clock reading at the run's start. */
  startedAt: number;
  /** Clock reading now. */
  now: number;
  /** The points done so far, in any order. */
  done: readonly DonePoint[];
  /** Estimated seconds of every point still to measure (schedule.ts's per-point estimates). */
  remainingEstimates: readonly number[];
}

/** The ETA (seconds). */
export interface Eta {
  /** now − startedAt. */
  elapsedSeconds: number;
  /** Σ actual / Σ estimated of the points done; 1 before any point (or while their estimates sum to 0). */
  ratio: number;
  /** Σ remaining estimates × ratio. */
  remainingSeconds: number;
  /** elapsedSeconds + remainingSeconds: the run's expected wall time. */
  totalSeconds: number;
}

/** The ratio is kept within these bounds, so one freak point cannot make the ETA absurd. */
export const ETA_RATIO_BOUNDS = [0.1, 10] as const;

/**
 * Seconds the run still needs: Σ remainingEstimates × ratio, ratio = Σ actual / Σ estimated over the
 * points done (1 before any, clamped to ETA_RATIO_BOUNDS), so a machine that runs slower (or faster)
 * than the priors corrects the rest. Time spent between points (writing, calibration counted outside
 * the points) is in elapsedSeconds, not in the ratio. Throws a RangeError when now < startedAt or
 * a figure is negative or not finite.
 */
export function estimateRemaining(input: EtaInput): Eta {
  const { startedAt, now, done, remainingEstimates } = input;
  const figures = [startedAt, now, ...done.flatMap((d) => [d.actualSeconds, d.estimatedSeconds]), ...remainingEstimates];
  if (figures.some((x) => !Number.isFinite(x))) throw new RangeError('estimateRemaining: every figure must be a finite number');
  if (now < startedAt) throw new RangeError(`estimateRemaining: now (${now}) is before startedAt (${startedAt})`);
  if ([...done.flatMap((d) => [d.actualSeconds, d.estimatedSeconds]), ...remainingEstimates].some((x) => x < 0)) {
    throw new RangeError('estimateRemaining: seconds must be ≥ 0');
  }
  const actual = done.reduce((sum, d) => sum + d.actualSeconds, 0);
  const estimated = done.reduce((sum, d) => sum + d.estimatedSeconds, 0);
  const raw = estimated > 0 ? actual / estimated : 1;
  const ratio = Math.min(ETA_RATIO_BOUNDS[1], Math.max(ETA_RATIO_BOUNDS[0], raw));
  const remainingSeconds = remainingEstimates.reduce((sum, s) => sum + s, 0) * ratio;
  const elapsedSeconds = now - startedAt;
  return { elapsedSeconds, ratio, remainingSeconds, totalSeconds: elapsedSeconds + remainingSeconds };
}

/**
 * The ETA after the first `pointsDone` points of a run (plan order, the order of `estimate.perPoint`)
 * took `elapsedSeconds`: estimateRemaining with everything done so far as one DonePoint — those points'
 * estimates plus their suite × grain references' (calibration included) — against the rest of the
 * estimate. A suite × grain group's points are measured together and reported together, so a point
 * done stands for its whole group: the time the group took is weighed against the estimates of all its
 * points, not of the first (which made the first ETA of a run up to ten times too long). So the
 * calibration a suite's first point carries is weighed against its estimate, not taken as the pace of
 * every later point. Throws what estimateRemaining throws, and a RangeError for
 * pointsDone outside 0…perPoint.length.
 */
export function runEta(estimate: RunEstimate, pointsDone: number, elapsedSeconds: number): Eta {
  if (!(pointsDone >= 0 && pointsDone <= estimate.perPoint.length)) throw new RangeError(`runEta: ${pointsDone} points done of ${estimate.perPoint.length}`);
  const key = (p: { suite: string; grain: number }) => `${p.suite}\u0000${p.grain}`;
  // The points done, through the end of the last one's group.
  const last = estimate.perPoint[pointsDone - 1];
  let through = pointsDone;
  while (last && through < estimate.perPoint.length && key(estimate.perPoint[through]!) === key(last)) through++;
  const doneKeys = new Set(estimate.perPoint.slice(0, through).map(key));
  const sum = (xs: readonly { seconds: number }[]) => xs.reduce((s, x) => s + x.seconds, 0);
  const doneSeconds = sum(estimate.perPoint.slice(0, through)) + sum(estimate.groups.filter((g) => doneKeys.has(key(g))));
  const rest = [...estimate.perPoint.slice(through), ...estimate.groups.filter((g) => !doneKeys.has(key(g)))].map((x) => x.seconds);
  const done = through > 0 ? [{ actualSeconds: elapsedSeconds, estimatedSeconds: doneSeconds }] : [];
  return estimateRemaining({ startedAt: 0, now: elapsedSeconds, done, remainingEstimates: rest });
}
