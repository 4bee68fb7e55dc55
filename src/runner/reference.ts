/**
 * The reference a point is measured against: the knob calibrated for its grain, its tasks, the
 * sequential timing of those tasks and the fingerprint of their combined result. Executor points take
 * it from this process (calibrate, then time the tasks inline); remote points from their driver's plan,
 * verified against TypeScript's own result for the same knob. The record's GrainInfo is derived here.
 */
import type { RemoteSession, SequentialSamples, TunedKnob } from '../backends/index.js';
import { parbenchError } from '../errors.js';
import type { GrainInfo, LoadImbalance } from '../record/index.js';
import { summarize, type Summary } from '../stats/summary.js';
import type { AnySuite, Knob, SuiteParams } from '../../suites/index.js';
import { TOLERANCE, type Calibration } from './calibrate.js';
import type { Clock } from './clock.js';
import { executeInline, prepare, splitTasks, type PreparedTasks } from './execute.js';
import { measureImbalance } from './imbalance.js';
import { measureSequential, type Repetitions } from './measure.js';
import { capTasks, checkWholeSet, combinedVerify, perTaskVerify, type Verify } from './task-cap.js';

/**
 * Timed samples of the main thread's inline reference (after measureSequential's warm-up and sizing):
 * it is a diagnostic beside T_seq, which the isolate times in every round, so a few samples do.
 */
export const INLINE_SAMPLES = 3;

/** What a point is measured against (seconds throughout). */
export interface Reference extends TunedKnob {
  /** Number of tasks the knob splits the input into. */
  tasks: number;
  /** T_seq of those tasks, seconds per pass, with its summary. */
  sequential: SequentialSamples & { summary: Summary };
  /** suite.checksum of TypeScript's own combined result for this knob. */
  checksum: string;
  /** Tasks of the whole set when a task cap measured `tasks` of them (task-cap.ts); absent otherwise. */
  tasksInSet?: number;
}

/** An executor point's reference with what running its tasks here needs. */
export interface LocalReference {
  reference: Reference;
  /** The tasks the points run: the whole set, or its sample under a task cap. */
  prepared: PreparedTasks;
  /** Checks a repetition's results against the sequential run's (combined, or task by task for a sample). */
  verify: Verify;
  /** Load imbalance of the task set, for suites that report it. */
  imbalance?: LoadImbalance;
  /** Seconds the calibration of this suite × grain took (set by the run's calibration sweep). */
  calibrationSeconds?: number;
}

/** One suite's work at one grain: the suite, its input (built once) and what every worker receives. */
export interface SuiteWork {
  suite: AnySuite;
  input: unknown;
  context: unknown;
  /** Target grain in seconds per task. */
  grain: number;
}

/**
 * Split and prepare the tasks of a calibrated knob (`tuned`, from the run's calibration sweep), time
 * them inline (INLINE_SAMPLES samples at most and no warm-up samples beyond measureSequential's own
 * warm-up, `reps.minSampleSeconds` per sample, seconds per pass; `between` awaited before each sample, see measureSequential)
 * and, for suites that ask, measure their load imbalance. A set of more than `reps.maxTasks` tasks is
 * measured on its sample (capTasks), verified task by task, after the whole set's combined result is
 * checked once (checkWholeSet). Rejects with VERIFY_FAILED when that check fails, what `between`
 * throws, whatever the suite's kernel throws, and a plain Error when a task depends on a later one.
 */
export async function localReference(work: SuiteWork, tuned: Calibration, reps: Repetitions, clock: Clock, between?: () => Promise<void>): Promise<LocalReference> {
  const { suite, input, context } = work;
  const whole = splitTasks(suite, input, tuned.knob);
  const tasks = capTasks(whole, reps.maxTasks ?? null);
  const capped = tasks !== whole;
  if (capped) checkWholeSet(suite, input, context, whole, `${suite.name} sequential run`);
  const prepared = prepare(tasks);
  const inlineReps = { ...reps, warmup: 0, repeats: Math.min(reps.repeats, INLINE_SAMPLES) };
  const { samples, warmupSamples, loops, expected, results } = await measureSequential(suite, input, context, prepared, inlineReps, clock, between);
  const reference: Reference = {
    knob: tuned.knob,
    perTask: tuned.perTask,
    reachable: tuned.reachable,
    tunedBy: tuned.tunedBy,
    tasks: tasks.length,
    sequential: { samples, warmupSamples, loops, summary: summarize(samples) },
    checksum: suite.checksum(expected),
    ...(capped ? { tasksInSet: whole.length } : {}),
  };
  const imbalance = suite.reportImbalance ? measureImbalance(suite, tasks, context, clock) : undefined;
  const verify = capped ? perTaskVerify(results) : combinedVerify(suite, input, expected);
  return { reference, prepared, verify, ...(imbalance ? { imbalance } : {}) };
}

/**
 * TypeScript's fingerprint of the suite's result for a knob (suite.checksum of the combined result of
 * the tasks run inline) and the number of tasks: what every remote result must equal. Under `maxTasks`
 * (null: all) the same sample a driver takes (capTasks), with the whole set's task count in `tasksInSet`.
 */
export function expectedFor(suite: AnySuite, input: unknown, context: unknown, knob: Knob, maxTasks: number | null = null): { checksum: string; tasks: number; tasksInSet?: number } {
  const whole = splitTasks(suite, input, knob);
  const tasks = capTasks(whole, maxTasks);
  const checksum = suite.checksum(suite.combine(input, executeInline(suite, tasks, context)));
  return { checksum, tasks: tasks.length, ...(tasks !== whole ? { tasksInSet: whole.length } : {}) };
}

/** What a remote point's reference is planned from. */
export interface RemoteReferenceRequest extends SuiteWork {
  params: SuiteParams;
  /** Seed of the input, so the driver builds the same one. */
  seed: number;
  reps: Repetitions;
}

/**
 * Ask the session to plan `request.grain` on its runtime — at `tuned`'s knob when its calibration sweep
 * gave one (the reference then carries that calibration), else calibrating there — and check its
 * sequential result against TypeScript's for the knob. Rejects with VERIFY_FAILED (naming `where`) when
 * the fingerprint or the task count differs, and with whatever the session rejects with.
 */
export async function remoteReference(session: RemoteSession, request: RemoteReferenceRequest, where: string, tuned?: TunedKnob): Promise<Reference> {
  const { suite, reps } = request;
  const planned = await session.plan({
    suite: suite.name,
    params: request.params,
    seed: request.seed,
    grain: request.grain,
    minSampleSeconds: reps.minSampleSeconds,
    warmup: reps.warmup,
    repeats: reps.repeats,
    maxTasks: reps.maxTasks ?? null,
    ...(tuned ? { knob: tuned.knob } : {}),
  });
  const plan = tuned ? { ...planned, knob: tuned.knob, perTask: tuned.perTask, reachable: tuned.reachable, tunedBy: tuned.tunedBy } : planned;
  const expected = expectedFor(suite, request.input, request.context, plan.knob, reps.maxTasks ?? null);
  if (plan.sequential.checksum !== expected.checksum || plan.sequential.tasks !== expected.tasks) {
    throw parbenchError('VERIFY_FAILED', where, `sequential ${plan.sequential.checksum} (${plan.sequential.tasks} tasks), expected ${expected.checksum} (${expected.tasks} tasks)`);
  }
  const { samples, warmupSamples, loops } = plan.sequential;
  return {
    knob: plan.knob,
    perTask: plan.perTask,
    reachable: plan.reachable,
    tunedBy: plan.tunedBy,
    tasks: expected.tasks,
    sequential: { samples, warmupSamples, loops, summary: summarize(samples) },
    checksum: expected.checksum,
    ...(expected.tasksInSet !== undefined ? { tasksInSet: expected.tasksInSet } : {}),
  };
}

/**
 * The record's grain of a point: target `grain` and achieved grain (median sequential seconds per pass /
 * tasks), the calibrated per-task seconds, the knob and whether the achieved grain is within ±15%.
 */
export function grainInfo(reference: Reference, grain: number, chunkUnit: string): GrainInfo {
  const achieved = reference.sequential.summary.median / reference.tasks;
  return {
    target: grain,
    achieved,
    calibrated: reference.perTask,
    chunk: reference.knob.chunk,
    work: reference.knob.work,
    chunkUnit,
    reachable: reference.reachable,
    withinTolerance: Math.abs(achieved - grain) <= TOLERANCE * grain,
    tunedBy: reference.tunedBy,
  };
}
