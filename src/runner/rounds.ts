/**
 * Interleaved rounds: the repetitions of one suite × grain's executor points are taken round-robin with
 * the reference's samples (reference, A, B, …, then again), so load that comes and goes hits every
 * series alike. Every pool stays open across the rounds; each repetition is verified after its clock
 * stops, and a point that fails drops out of later rounds while the others go on.
 */
import type { Executor, ExecutorBackend, OpenOptions } from '../backends/index.js';
import { parbenchError } from '../errors.js';
import type { Clock } from './clock.js';
import { runOn } from './execute.js';
import { errorRecord, type BackendTiming, type LocalWork, type Repetitions } from './measure.js';
import type { Closeable } from './measure-point.js';
import type { PlannedPoint } from './plan.js';

/** What is open while a group is measured, so all of it can be closed at its end or at once on Ctrl-C. */
export class OpenSet {
  private readonly open = new Set<Closeable>();

  /** Track `item` (closed by closeAll unless closed or forgotten first) and return it. */
  add<T extends Closeable>(item: T): T {
    this.open.add(item);
    return item;
  }

  /** Stop tracking `item` without closing it (its owner closes it). */
  forget(item: Closeable): void {
    this.open.delete(item);
  }

  /** Close `item` and stop tracking it; nothing when it is not tracked (closed already). Rejects with what its close rejects with. */
  async close(item: Closeable): Promise<void> {
    if (this.open.delete(item)) await item.close();
  }

  /** Close everything tracked, all at once; resolves when every close has settled. Never rejects. */
  async closeAll(): Promise<void> {
    const items = [...this.open];
    this.open.clear();
    await Promise.allSettled(items.map((item) => item.close()));
  }

  /** A hook that tracks the one item its caller has open at a time (undefined once its owner closed it). */
  trackOne(): (item: Closeable | undefined) => void {
    let current: Closeable | undefined;
    return (item) => {
      if (current) this.forget(current);
      current = item;
      if (item) this.add(item);
    };
  }
}

/** One executor point of a group while its repetitions are taken in rounds. */
export interface Lane {
  point: PlannedPoint;
  backend: ExecutorBackend;
  timing: BackendTiming;
  executor?: Executor;
  /** false once the point failed: it takes no further repetitions. */
  live: boolean;
}

/** A lane for `point` on `backend`, nothing timed yet. */
export function newLane(point: PlannedPoint, backend: ExecutorBackend): Lane {
  return { point, backend, timing: { startupSeconds: null, samples: [], warmupSamples: [], verified: false }, live: true };
}

async function dropLane(lane: Lane, error: unknown, opened: OpenSet): Promise<void> {
  lane.live = false;
  lane.timing.verified = false;
  lane.timing.error = errorRecord(error, lane.backend.name);
  if (lane.executor) await opened.close(lane.executor).catch(() => undefined);
}

/**
 * Open the lane's pool with its point's workers, its start-up timed apart (open + load, seconds, into
 * `timing.startupSeconds`) and its settings recorded. Never throws: a failure drops the lane with its error.
 */
export async function openLane(lane: Lane, open: OpenOptions, work: LocalWork, opened: OpenSet, clock: Clock): Promise<void> {
  try {
    const start = clock();
    const executor = opened.add(await lane.backend.open({ ...open, workers: lane.point.workers }));
    lane.executor = executor;
    await executor.load?.(work.prepared);
    lane.timing.startupSeconds = clock() - start;
    const settings = executor.settings?.();
    if (settings) lane.timing.executor = settings;
  } catch (error) {
    await dropLane(lane, error, opened);
  }
}

/**
 * One repetition of an open lane, timed from first submit to last result (seconds) and verified after
 * the clock stops. Never throws: a failure (VERIFY_FAILED, TASK_FAILED, …) closes the lane's pool and
 * drops the lane with its error.
 */
export async function repeatLane(lane: Lane, work: LocalWork, warmup: boolean, opened: OpenSet, clock: Clock): Promise<void> {
  const { suite, input, prepared, expected } = work;
  try {
    const begin = clock();
    const outcome = await runOn(lane.executor!, prepared);
    const elapsed = clock() - begin;
    const mismatch = suite.verify(suite.combine(input, outcome.collect()), expected);
    if (mismatch) throw parbenchError('VERIFY_FAILED', `${suite.name} on ${lane.backend.name}`, mismatch);
    (warmup ? lane.timing.warmupSamples : lane.timing.samples).push(elapsed);
  } catch (error) {
    await dropLane(lane, error, opened);
  }
}

/** The reference's samples taken one per round (seconds per pass). */
export interface ReferenceSeries {
  /** One sample, seconds per pass. Rejects when the reference cannot run. */
  sample(): Promise<number>;
  samples: number[];
  warmupSamples: number[];
}

export interface RoundHooks {
  /** Polled before every step; true stops the rounds. */
  aborted: () => boolean;
  /** After each round: rounds done (warm-up included) of total, and the points that took part. */
  onRound: (done: number, total: number, points: PlannedPoint[]) => void;
}

/**
 * Take `reps.warmup` warm-up rounds then `reps.repeats` timed ones; each round takes one sample of
 * `reference` (none when null, i.e. reused) then one repetition of every live lane, in the same order
 * every round. Resolves true when the rounds ran to the end (live lanes are then `verified`), false when
 * `hooks.aborted` stopped them. Rejects with what `reference.sample` rejects with.
 */
export async function runRounds(lanes: Lane[], reference: ReferenceSeries | null, work: LocalWork, reps: Repetitions, opened: OpenSet, hooks: RoundHooks, clock: Clock): Promise<boolean> {
  const total = reps.warmup + reps.repeats;
  for (let r = 0; r < total; r++) {
    const warmup = r < reps.warmup;
    if (hooks.aborted()) return false;
    if (reference) (warmup ? reference.warmupSamples : reference.samples).push(await reference.sample());
    for (const lane of lanes) {
      if (!lane.live) continue;
      if (hooks.aborted()) return false;
      await repeatLane(lane, work, warmup, opened, clock);
    }
    hooks.onRound(r + 1, total, lanes.filter((lane) => lane.live).map((lane) => lane.point));
  }
  if (hooks.aborted()) return false;
  for (const lane of lanes) if (lane.live) lane.timing.verified = true;
  return true;
}
