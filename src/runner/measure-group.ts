/**
 * Measuring one suite × grain group of a plan: calibrate and prepare its tasks once, time the sequential
 * reference in a worker isolate, and take the repetitions of its executor points in interleaved rounds
 * with the reference's samples (or point after point with `config.interleave === false`); its remote
 * points follow, each timed by its own driver. In interleaved runs the isolate and the pools are those
 * the suite's earlier grains opened, when there are (SuitePools, run.pools).
 */
import type { ExecutorBackend, OpenOptions } from '../backends/index.js';
import type { PointRecord } from '../record/index.js';
import { summarize } from '../stats/summary.js';
import { TOLERANCE } from './calibrate.js';
import { errorRecord, measureBackend, type LocalWork } from './measure.js';
import { stoppedBy } from './schedule.js';
import { measurePoint, pointRecord } from './measure-point.js';
import type { PlannedGroup, PlannedPoint } from './plan.js';
import type { LocalReference, Reference } from './reference.js';
import { openReferenceIsolate, type ReferenceIsolate } from './reference-isolate.js';
import { newLane, openLane, reuseLane, runRounds, type Lane, type OpenSet, type ReferenceSeries } from './rounds.js';
import { seriesDone, stopOptions } from './stopping.js';
import { precisionStop } from '../stats/precision.js';
import type { RepetitionsRecord } from '../record/index.js';
import type { RunContext, SuiteSetup } from './run-context.js';
import { traceLanes } from './trace-point.js';
import type { PointTrace } from '../record/index.js';
import type { PointSpans } from '../trace/spans.js';

export interface GroupHooks {
  /** Polled between steps; true stops the group (its points are then dropped). */
  aborted: () => boolean;
  /** Everything the group opens is tracked here, so the caller can close it all at once. */
  opened: OpenSet;
  /** Progress: the points of the step (a round's live points, or one point), repetitions done of total. */
  onProgress: (points: PlannedPoint[], done: number, total: number) => void;
}

/** What the executor points of a group share while they are measured. */
interface GroupWork {
  setup: SuiteSetup;
  local: LocalReference;
  work: LocalWork;
  open: OpenOptions;
}

type Sequential = Reference['sequential'];

/** The isolate's samples as one series, one sample per call (seconds per pass). */
function isolateSeries(isolate: ReferenceIsolate): ReferenceSeries & { loops: number } {
  return { loops: isolate.loops, samples: [], warmupSamples: [], sample: () => isolate.sample() };
}

/** Open the group's pools, then take the interleaved rounds; false when interrupted. */
async function interleaved(lanes: Lane[], series: ReferenceSeries, group: GroupWork, run: RunContext, hooks: GroupHooks): Promise<boolean> {
  for (const lane of lanes) {
    if (hooks.aborted()) return false;
    const kept = run.pools?.take(lane.backend.name, lane.point.workers);
    if (kept) await reuseLane(lane, kept, group.work, hooks.opened, run.account);
    else await openLane(lane, group.open, group.work, hooks.opened, run.clock, run.account);
  }
  hooks.onProgress(lanes.filter((lane) => lane.live).map((lane) => lane.point), 0, run.reps.warmup + stopOptions(run.reps).maxRepeats);
  const roundHooks = { aborted: hooks.aborted, onRound: (done: number, total: number, points: PlannedPoint[]) => hooks.onProgress(points, done, total), handOver: run.handOver };
  return runRounds(lanes, series, group.work, run.reps, hooks.opened, roundHooks, run.clock, run.account);
}

/**
 * The reference's samples first, then each point's repetitions in turn (its pool opened and closed),
 * each series stopped by the same rule as rounds (seriesDone); false when interrupted.
 */
async function pointAfterPoint(lanes: Lane[], series: ReferenceSeries, group: GroupWork, run: RunContext, hooks: GroupHooks): Promise<boolean> {
  for (let r = 0; r < run.reps.warmup; r++) {
    if (hooks.aborted()) return false;
    series.warmupSamples.push(await run.account.measure('reference', () => series.sample()));
    run.handOver();
  }
  const timedFrom = run.clock();
  while (!seriesDone(series.samples, run.reps, run.clock() - timedFrom)) {
    if (hooks.aborted()) return false;
    series.samples.push(await run.account.measure('reference', () => series.sample()));
    run.handOver();
  }
  for (const lane of lanes) {
    if (hooks.aborted()) return false;
    const onRepeat = (done: number, total: number) => {
      hooks.onProgress([lane.point], done, total);
      run.handOver();
    };
    const measureHooks = { onRepeat, aborted: hooks.aborted, onExecutor: hooks.opened.trackOne() };
    lane.timing = await run.account.measure('samples', () => measureBackend(lane.backend, { ...group.open, workers: lane.point.workers }, group.work, run.reps, measureHooks, run.clock));
    if (lane.timing.error?.code === 'INTERRUPTED') return false;
  }
  return !hooks.aborted();
}

/**
 * The isolate's T_seq of the group's tasks with the executor points' repetitions taken alongside.
 * Resolves null when interrupted. Rejects with what opening or sampling the isolate rejects with
 * (VERIFY_FAILED, TASK_FAILED, WORKER_EXITED). Before it settles every pool and the isolate are closed,
 * or, when the group ran to the end and `run.pools` is on, kept for the suite's next group (releaseGroup).
 */
async function referenceAndRepetitions(lanes: Lane[], group: GroupWork, run: RunContext, hooks: GroupHooks): Promise<Sequential | null> {
  let isolate: ReferenceIsolate | undefined;
  let done = false;
  try {
    const host = run.pools?.takeHost();
    // Untracked while it loads: openReferenceIsolate closes it when loading fails.
    if (host) hooks.opened.forget(host);
    isolate = await run.account.measure('reference', () => openReferenceIsolate({ ...group.work, ...group.open }, run.reps.minSampleSeconds, group.open, host));
    // The worker is what is open (and what SuitePools keeps): tracked as the host, whichever group opened it.
    hooks.opened.add(isolate.host);
    const series = isolateSeries(isolate);
    done = await (run.config.interleave ? interleaved : pointAfterPoint)(lanes, series, group, run, hooks);
    if (!done) return null;
    return { samples: series.samples, warmupSamples: series.warmupSamples, loops: series.loops, summary: summarize(series.samples) };
  } finally {
    await run.account.measure('startup', () => releaseGroup(isolate, lanes, done && !hooks.aborted(), run, hooks.opened));
  }
}

/**
 * At a group's end: with `keep` (the group ran to the end) and SuitePools on, the isolate and the pools
 * of lanes still live are kept for the suite's next group; everything else is closed. Never rejects.
 */
async function releaseGroup(isolate: ReferenceIsolate | undefined, lanes: Lane[], keep: boolean, run: RunContext, opened: OpenSet): Promise<void> {
  const pools = keep ? run.pools : undefined;
  const closing: Promise<unknown>[] = [];
  if (isolate && pools) await pools.keepHost(isolate.host);
  else if (isolate) closing.push(opened.close(isolate.host));
  for (const lane of lanes) {
    if (!lane.executor) continue;
    if (pools && lane.live && lane.timing.startupSeconds !== null) {
      const openedFor = lane.timing.poolOpenedFor ?? lane.point.grain;
      await pools.keep(lane.backend.name, lane.point.workers, { executor: lane.executor, startupSeconds: lane.timing.startupSeconds, openedFor });
    } else closing.push(opened.close(lane.executor));
  }
  await Promise.allSettled(closing);
}

/**
 * How many timed repetitions a point took and why they stopped (the stopping rule on its own samples),
 * and the task cap it ran under (`tasksInSet`: the whole set's tasks when the cap took a sample).
 */
function repetitionsOf(samples: number[], run: RunContext, tasksInSet: number | undefined): RepetitionsRecord {
  const options = stopOptions(run.reps);
  const requested = stopOptions(run.configuredReps);
  const decision = precisionStop(samples, options);
  // A series still short of precision stopped because its timed repetitions ran out of time (PRECISION_SECONDS).
  const stopped = decision.reason === 'continue' ? 'budget' : stoppedBy(decision.reason, options, requested);
  return { requested: requested.repeats, timed: samples.length, stoppedBy: stopped, precision: options.precision, halfWidth: decision.halfWidth, taskCap: run.reps.maxTasks ?? null, ...(tasksInSet !== undefined ? { tasksInSet } : {}) };
}

/**
 * Measure a group's executor points (calibration and the main thread's inline timing first, see
 * RunContext.localReference). Resolves with their records in `points` order, or null when interrupted.
 * A reference that fails (its result differs from the main thread's: VERIFY_FAILED) fails every point
 * of the group with that error; a point whose backend fails records its error and the others go on.
 */
async function measureExecutorPoints(points: PlannedPoint[], setup: SuiteSetup, run: RunContext, hooks: GroupHooks): Promise<PointRecord[] | null> {
  await run.account.measure('startup', async () => run.pools?.enter(setup.suite.name));
  await run.calibrateSuite(setup, hooks.opened.signal);
  const { knob } = run.calibration(setup, points[0]!.grain).calibration;
  const reused = sameTasks(points, run.measuredPoints(setup.suite.name, knob));
  if (reused) return reused;
  const local = await run.localReference(setup, points[0]!.grain);
  const records = await measureAnew(points, setup, local, run, hooks);
  if (records) run.rememberPoints(setup.suite.name, local.reference.knob, records);
  return records;
}

/**
 * The records of `earlier` points (same suite, same knob: the same tasks) restated for `points`' target
 * grain, one per backend × workers, marked `sameTasksAs` the earlier target; undefined unless every
 * point has an earlier twin. A target below a suite's floor calibrates to the floor's knob, so its row
 * is the floor's measurement, not a second measurement of the same tasks.
 */
function sameTasks(points: PlannedPoint[], earlier: PointRecord[] | undefined): PointRecord[] | undefined {
  if (!earlier) return undefined;
  const twins = points.map((point) => earlier.find((e) => e.backend === point.backend && e.workers === point.workers));
  if (twins.some((t) => !t)) return undefined;
  return twins.map((twin, i) => {
    const target = points[i]!.grain;
    const grain = { ...twin!.grain, target, withinTolerance: Math.abs(twin!.grain.achieved - target) <= TOLERANCE * target };
    return { ...twin!, grain, sameTasksAs: twin!.sameTasksAs ?? twin!.grain.target };
  });
}

/** The traced repetitions of a group's lanes (run --trace), after its untraced ones: traceLanes with the run's settings. */
function traceGroup(lanes: Lane[], open: OpenOptions, work: LocalWork, run: RunContext, hooks: GroupHooks): Promise<Map<Lane, PointTrace>> {
  const group = { open, work, reps: run.reps, clock: run.clock, aborted: hooks.aborted, onExecutor: hooks.opened.trackOne(), onSpans: (spans: PointSpans) => run.onSpans?.(spans) };
  return run.account.measure('samples', () => traceLanes(lanes, group));
}

/** Measure the executor points of a group whose tasks no earlier group measured (see measureExecutorPoints). */
async function measureAnew(points: PlannedPoint[], setup: SuiteSetup, local: LocalReference, run: RunContext, hooks: GroupHooks): Promise<PointRecord[] | null> {
  const work: LocalWork = { suite: setup.suite, input: setup.input, prepared: local.prepared, verify: local.verify };
  const { taskTimeoutSeconds, startupTimeoutSeconds } = run.config;
  const open: OpenOptions = {
    workers: 1,
    suiteUrl: setup.suiteUrl,
    suiteExport: setup.suiteExport,
    context: setup.context,
    taskTimeoutSeconds,
    startupTimeoutSeconds,
    signal: hooks.opened.signal,
    ...(run.injectRounds > 0 ? { injectRounds: run.injectRounds } : {}),
    ...(run.live ? { live: run.live.startGroup(points) } : {}),
  };
  const lanes = points.map((point) => newLane(point, run.backend(point.backend) as ExecutorBackend));
  let sequential: Sequential | null = local.reference.sequential;
  let failure: { code: string; message: string } | undefined;
  try {
    sequential = await referenceAndRepetitions(lanes, { setup, local, work, open }, run, hooks);
  } catch (error) {
    failure = errorRecord(error, `${setup.suite.name} reference`);
  }
  if (hooks.aborted() || sequential === null) return null;
  const traces = run.config.trace && !failure ? await traceGroup(lanes, open, work, run, hooks) : undefined;
  if (hooks.aborted()) return null;
  const reference = { ...local.reference, sequential };
  const extra = {
    inline: local.reference.sequential,
    interleaved: run.config.interleave,
    ...(local.imbalance ? { imbalance: local.imbalance } : {}),
    ...(local.calibrationSeconds !== undefined ? { calibrationSeconds: local.calibrationSeconds } : {}),
  };
  return lanes.map((lane) => {
    const timing = failure ? { ...lane.timing, verified: false, error: failure } : lane.timing;
    const trace = traces?.get(lane);
    return pointRecord(lane.point, setup, { reference, timing, repetitions: repetitionsOf(lane.timing.samples, run, local.reference.tasksInSet), ...extra, ...(trace ? { trace } : {}) }, run.cores);
  });
}

/**
 * Measure one group: its executor points together (see measureExecutorPoints), then its remote points
 * one by one as their drivers time them (`interleaved: false`). Resolves with the records in the group's
 * plan order, or null when `hooks.aborted` stopped it (nothing of an interrupted group is kept). Throws
 * UNKNOWN_BACKEND / UNKNOWN_SUITE, TASK_FAILED or WORKER_EXITED when calibrating in its isolate fails (calibrateSuite), and whatever the suite's kernel throws while this thread times its inline reference.
 */
export async function measureGroup(group: PlannedGroup, run: RunContext, hooks: GroupHooks): Promise<PointRecord[] | null> {
  const setup = run.account.measure('setup', () => run.suiteSetup(group.suite));
  const isExecutor = (point: PlannedPoint) => run.backend(point.backend).kind === 'executor';
  const records = new Map<PlannedPoint, PointRecord>();
  const executors = group.points.filter(isExecutor);
  if (executors.length > 0) {
    const measured = await measureExecutorPoints(executors, setup, run, hooks);
    if (!measured) return null;
    executors.forEach((point, i) => records.set(point, measured[i]!));
  }
  for (const point of group.points.filter((p) => !isExecutor(p))) {
    const pointHooks = { onRepeat: (done: number, total: number) => hooks.onProgress([point], done, total), aborted: hooks.aborted, onOpen: hooks.opened.trackOne(), signal: hooks.opened.signal };
    const record = await run.account.measure('samples', () => measurePoint(point, run, pointHooks));
    if (!record) return null;
    records.set(point, { ...record, interleaved: false });
  }
  return group.points.map((point) => records.get(point)!);
}
