/**
 * Interleaved rounds: the repetitions of one suite × grain's executor points are taken round-robin with
 * the reference's samples (reference, A, B, …, then again), so load that comes and goes hits every
 * series alike. Every pool stays open across the rounds; each repetition is verified after its clock
 * stops, and a point that fails drops out of later rounds while the others go on.
 */
import type { Executor, ExecutorBackend, OpenOptions } from '../backends/index.js';
import { parbenchError } from '../errors.js';
import { groupPrecisionReached } from '../stats/precision.js';
import type { Clock } from './clock.js';
import { inPhase, type TimeAccount } from './time-account.js';
import { runOn } from './execute.js';
import { errorRecord, type BackendTiming, type LocalWork, type Repetitions } from './measure.js';
import type { Closeable } from './measure-point.js';
import type { PlannedPoint } from './plan.js';
import { PRECISION_SECONDS, stopOptions } from './stopping.js';
import type { KeptPool } from './suite-pools.js';

/** What is open while a group is measured, so all of it can be closed at its end or at once on Ctrl-C. */
export class OpenSet {
  private readonly open = new Set<Closeable>();
  private readonly stopping = new AbortController();

  /** Aborted by closeAll, so what is still starting (a pool, an isolate, a driver) stops too. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

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

  /** Stop what is starting (`signal`) and close everything tracked, all at once; resolves when every close has settled. Never rejects. */
  async closeAll(): Promise<void> {
    this.stopping.abort();
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
 * `timing.startupSeconds`) and its settings recorded, the time counted as `startup` in `account`. Never
 * throws: a failure drops the lane with its error.
 */
export async function openLane(lane: Lane, open: OpenOptions, work: LocalWork, opened: OpenSet, clock: Clock, account?: TimeAccount): Promise<void> {
  await inPhase(account, 'startup', () => openLaneNow(lane, open, work, opened, clock));
}

async function openLaneNow(lane: Lane, open: OpenOptions, work: LocalWork, opened: OpenSet, clock: Clock): Promise<void> {
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
 * Give the lane a pool kept from an earlier group of its suite (SuitePools): the group's task set loaded
 * into it (`executor.load`, counted as `startup` in `account`), its start-up the one timed when it was
 * opened (`timing.startupSeconds`) and `timing.poolOpenedFor` the target grain it was opened for. Never
 * throws: a failure closes the pool and drops the lane with its error.
 */
export async function reuseLane(lane: Lane, kept: KeptPool, work: LocalWork, opened: OpenSet, account?: TimeAccount): Promise<void> {
  lane.executor = kept.executor;
  try {
    await inPhase(account, 'startup', async () => kept.executor.load?.(work.prepared));
    lane.timing.startupSeconds = kept.startupSeconds;
    lane.timing.poolOpenedFor = kept.openedFor;
    const settings = kept.executor.settings?.();
    if (settings) lane.timing.executor = settings;
  } catch (error) {
    await dropLane(lane, error, opened);
  }
}

/**
 * One repetition of an open lane, primed first (`executor.prime`, untimed), timed from first submit to last result (seconds) and verified after
 * the clock stops (time counted as `samples` and `verification` in `account`). Never throws: a failure (VERIFY_FAILED, TASK_FAILED, …) closes the lane's pool and
 * drops the lane with its error.
 */
export async function repeatLane(lane: Lane, work: LocalWork, warmup: boolean, opened: OpenSet, clock: Clock, account?: TimeAccount): Promise<void> {
  const { suite, prepared } = work;
  try {
    let elapsed = 0;
    const outcome = await inPhase(account, 'samples', async () => {
      await lane.executor!.prime?.();
      const begin = clock();
      const batch = await runOn(lane.executor!, prepared);
      elapsed = clock() - begin;
      return batch;
    });
    const mismatch = inPhase(account, 'verification', () => work.verify(outcome.collect()));
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
  /** After each step (a reference sample, a lane's repetition): lockstep's hand-over (RunHooks.handOver). */
  handOver?: () => void;
}

/** One round: a sample of `reference` (unless null) then one repetition of every live lane; false when aborted. */
async function round(lanes: Lane[], reference: ReferenceSeries | null, warmup: boolean, step: RoundStep): Promise<boolean> {
  if (step.hooks.aborted()) return false;
  if (reference) {
    const sample = await inPhase(step.account, 'reference', () => reference.sample());
    (warmup ? reference.warmupSamples : reference.samples).push(sample);
    step.hooks.handOver?.();
  }
  for (const lane of lanes) {
    if (!lane.live) continue;
    if (step.hooks.aborted()) return false;
    await repeatLane(lane, step.work, warmup, step.opened, step.clock, step.account);
    step.hooks.handOver?.();
  }
  return true;
}

interface RoundStep {
  work: LocalWork;
  opened: OpenSet;
  hooks: RoundHooks;
  clock: Clock;
  account?: TimeAccount | undefined;
}

/**
 * Take `reps.warmup` warm-up rounds, then timed rounds until the stopping rule says stop: `reps.repeats`
 * of them when `reps.precision` is null, else until the reference and every live lane reached ±precision
 * (groupPrecisionReached, at least max(repeats, 5) rounds, at most `reps.maxRepeats`, and no more rounds
 * beyond `repeats` once the timed rounds have lasted PRECISION_SECONDS). Each round takes
 * one sample of `reference` (none when null) then one repetition of every live lane, in the
 * same order every round. Resolves true when the rounds ran to the end (live lanes are then `verified`),
 * false when `hooks.aborted` stopped them. Time goes to `account` by phase (reference, samples,
 * verification). Rejects with what `reference.sample` rejects with.
 */
export async function runRounds(lanes: Lane[], reference: ReferenceSeries | null, work: LocalWork, reps: Repetitions, opened: OpenSet, hooks: RoundHooks, clock: Clock, account?: TimeAccount): Promise<boolean> {
  const options = stopOptions(reps);
  const total = reps.warmup + options.maxRepeats;
  const step = { work, opened, hooks, clock, account };
  const live = () => lanes.filter((lane) => lane.live);
  for (let r = 0; r < reps.warmup; r++) {
    if (!(await round(lanes, reference, true, step))) return false;
    hooks.onRound(r + 1, total, live().map((lane) => lane.point));
  }
  const timedFrom = clock();
  for (let r = 0; ; r++) {
    const series = [...(reference ? [reference.samples] : []), ...live().map((lane) => lane.timing.samples)];
    const decision = groupPrecisionReached(series, options);
    if (decision.stop || series.length === 0) break;
    if (r >= reps.repeats && clock() - timedFrom >= (reps.precisionSeconds ?? PRECISION_SECONDS)) break;
    if (!(await round(lanes, reference, false, step))) return false;
    hooks.onRound(reps.warmup + r + 1, total, live().map((lane) => lane.point));
  }
  if (hooks.aborted()) return false;
  for (const lane of lanes) if (lane.live) lane.timing.verified = true;
  return true;
}
