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
import { executeInline, prepare, type PreparedTasks } from './execute.js';
import { measureImbalance } from './imbalance.js';
import { measureSequential, type Repetitions } from './measure.js';

/** What a point is measured against (seconds throughout). */
export interface Reference extends TunedKnob {
  /** Number of tasks the knob splits the input into. */
  tasks: number;
  /** T_seq of those tasks, seconds per pass, with its summary. */
  sequential: SequentialSamples & { summary: Summary };
  /** suite.checksum of TypeScript's own combined result for this knob. */
  checksum: string;
}

/** An executor point's reference with what running its tasks here needs. */
export interface LocalReference {
  reference: Reference;
  prepared: PreparedTasks;
  /** The combined result every repetition is verified against. */
  expected: unknown;
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
 * them inline (`reps`, seconds per pass; `between` awaited before each sample, see measureSequential)
 * and, for suites that ask, measure their load imbalance. Rejects with what `between` throws, whatever
 * the suite's kernel throws, and a plain Error when a task depends on a later one.
 */
export async function localReference(work: SuiteWork, tuned: Calibration, reps: Repetitions, clock: Clock, between?: () => Promise<void>): Promise<LocalReference> {
  const { suite, input, context } = work;
  const tasks = suite.split(input, tuned.knob);
  const prepared = prepare(tasks);
  const { samples, warmupSamples, loops, expected } = await measureSequential(suite, input, context, prepared, reps, clock, between);
  const reference: Reference = {
    knob: tuned.knob,
    perTask: tuned.perTask,
    reachable: tuned.reachable,
    tunedBy: tuned.tunedBy,
    tasks: tasks.length,
    sequential: { samples, warmupSamples, loops, summary: summarize(samples) },
    checksum: suite.checksum(expected),
  };
  const imbalance = suite.reportImbalance ? measureImbalance(suite, tasks, context, clock) : undefined;
  return { reference, prepared, expected, ...(imbalance ? { imbalance } : {}) };
}

/**
 * TypeScript's fingerprint of the suite's result for a knob (suite.checksum of the combined result of
 * the tasks run inline) and the number of tasks: what every remote result must equal.
 */
export function expectedFor(suite: AnySuite, input: unknown, context: unknown, knob: Knob): { checksum: string; tasks: number } {
  const tasks = suite.split(input, knob);
  return { checksum: suite.checksum(suite.combine(input, executeInline(suite, tasks, context))), tasks: tasks.length };
}

/** What a remote point's reference is planned from. */
export interface RemoteReferenceRequest extends SuiteWork {
  params: SuiteParams;
  /** Seed of the input, so the driver builds the same one. */
  seed: number;
  reps: Repetitions;
}

/**
 * Ask the session to plan `request.grain` on its runtime and check its sequential result against
 * TypeScript's for the knob it chose. Rejects with VERIFY_FAILED (naming `where`) when the fingerprint
 * or the task count differs, and with whatever the session rejects with.
 */
export async function remoteReference(session: RemoteSession, request: RemoteReferenceRequest, where: string): Promise<Reference> {
  const { suite, reps } = request;
  const plan = await session.plan({
    suite: suite.name,
    params: request.params,
    seed: request.seed,
    grain: request.grain,
    minSampleSeconds: reps.minSampleSeconds,
    warmup: reps.warmup,
    repeats: reps.repeats,
  });
  const expected = expectedFor(suite, request.input, request.context, plan.knob);
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
