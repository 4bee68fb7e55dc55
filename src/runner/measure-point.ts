/**
 * Measuring one remote point of a plan (a backend timed by its driver) on its suite's tasks at its
 * grain, verified against the reference of those tasks, and turning any measured point into one
 * PointRecord with its metrics or its error.
 */
import type { RemoteBackend } from '../backends/index.js';
import type { LoadImbalance, PointRecord, PointTrace, RepetitionsRecord } from '../record/index.js';
import { pointMetrics } from '../stats/metrics.js';
import { summarize } from '../stats/summary.js';
import type { BackendTiming } from './measure.js';
import type { PlannedPoint } from './plan.js';
import { grainInfo, type Reference } from './reference.js';
import { measureRemote } from './measure-remote.js';
import { capTasks } from './task-cap.js';
import { pointLabel } from './trace-point.js';
import type { RemoteTraced } from './trace-remote.js';
import { pointTrace } from '../trace/point-trace.js';
import type { RunContext, SuiteSetup } from './run-context.js';

/** Something the caller can close at once (e.g. on Ctrl-C): the open executor or remote session. */
export interface Closeable {
  close(): Promise<void>;
}

export interface PointHooks {
  /** Progress within the point: repetitions done of total (0 of total as the point starts). */
  onRepeat: (done: number, total: number) => void;
  /** Polled while the point runs; true stops it. */
  aborted: () => boolean;
  /** Told what is open while the point runs, and undefined once it is closed. */
  onOpen: (open: Closeable | undefined) => void;
  /** Aborting stops a session that is still starting. */
  signal?: AbortSignal;
}

/** A point's measurement before it becomes a record. */
export interface Measured<R = Reference> {
  /** What the point was measured against; a remote point has null when its session failed before planning. */
  reference: R;
  timing: BackendTiming;
  imbalance?: LoadImbalance;
  /** The main thread's in-process timing of the same tasks (executor points). */
  inline?: Reference['sequential'];
  /** Whether the repetitions were taken in rounds (see runGroup); absent when not said. */
  interleaved?: boolean;
  /** Seconds the calibration of the point's suite × grain took. */
  calibrationSeconds?: number;
  /** How many timed repetitions were taken and why they stopped. */
  repetitions?: RepetitionsRecord;
  /** The traced repetitions (run --trace). */
  trace?: PointTrace;
}

async function measureRemotePoint(backend: RemoteBackend, point: PlannedPoint, setup: SuiteSetup, run: RunContext, hooks: PointHooks): Promise<Measured<Reference | null> & { traced?: RemoteTraced }> {
  const { config } = run;
  const cluster = config.clusters?.[point.backend];
  const workers = cluster && config.workersAuto ? null : point.workers;
  const request = { suite: setup.suite, input: setup.input, context: setup.context, params: setup.params, seed: config.seed, grain: point.grain, grains: config.grains, workers, ...(cluster ? { cluster } : {}), reps: run.reps, taskTimeoutSeconds: config.taskTimeoutSeconds, startupTimeoutSeconds: config.startupTimeoutSeconds, ...(config.trace ? { trace: true } : {}) };
  const onCompleted = run.live ? (tasks: number) => run.live!.driverCompleted(point.backend, point.workers, tasks) : undefined;
  return measureRemote(backend, request, run.remote, { onRepeat: hooks.onRepeat, aborted: hooks.aborted, onSession: hooks.onOpen, signal: hooks.signal, ...(onCompleted ? { onCompleted } : {}) });
}

/**
 * The record of a measured point: its grain from the reference (seconds), T_seq from
 * `measured.reference.sequential`, T_par from the timing, and metrics when every repetition verified.
 */
export function pointRecord(point: PlannedPoint, setup: SuiteSetup, measured: Measured, cores: number): PointRecord {
  const { reference, timing, imbalance, inline } = measured;
  // On the user's cluster: the workers it ran with, and min(W, cores) against the cores the cluster reports.
  const workers = timing.workers ?? point.workers;
  const usableCores = timing.cluster ? (timing.cluster.usedCores ?? timing.cluster.cores) : cores;
  const seq = reference.sequential;
  const parallel = timing.samples.length > 0 ? { samples: timing.samples, warmupSamples: timing.warmupSamples, summary: summarize(timing.samples) } : null;
  return {
    suite: point.suite,
    params: setup.params,
    backend: point.backend,
    workers,
    tasks: reference.tasks,
    grain: grainInfo(reference, point.grain, setup.chunkUnit),
    status: timing.verified ? 'completed' : 'failed',
    ...(timing.error ? { error: timing.error } : {}),
    startupSeconds: timing.startupSeconds,
    ...(timing.poolOpenedFor !== undefined ? { poolOpenedFor: timing.poolOpenedFor } : {}),
    sequential: { samples: seq.samples, warmupSamples: seq.warmupSamples, loops: seq.loops, summary: seq.summary },
    ...(inline ? { sequentialInline: { samples: inline.samples, warmupSamples: inline.warmupSamples, loops: inline.loops, summary: inline.summary } } : {}),
    parallel,
    metrics:
      timing.verified && parallel
        ? pointMetrics({ tSeq: seq.summary.median, tPar: parallel.summary.median, tasks: reference.tasks, workers, cores: usableCores })
        : null,
    verified: timing.verified,
    checksum: reference.checksum,
    ...(timing.executor ? { executor: timing.executor } : {}),
    ...(timing.runtime ? { runtime: timing.runtime } : {}),
    ...(timing.cluster ? { cluster: timing.cluster } : {}),
    ...(imbalance ? { imbalance } : {}),
    ...(setup.suite.sharing ? { sharing: setup.suite.sharing } : {}),
    ...(measured.interleaved !== undefined ? { interleaved: measured.interleaved } : {}),
    ...(measured.calibrationSeconds !== undefined ? { calibrationSeconds: measured.calibrationSeconds } : {}),
    ...(measured.repetitions ? { repetitions: measured.repetitions } : {}),
    ...(measured.trace ? { trace: measured.trace } : {}),
  };
}

/**
 * A remote point's repetitions: its driver takes exactly the repeats asked (no precision rule), fewer
 * when a time budget lowered them; the task cap it ran under and, when it took a sample, the whole set's
 * tasks.
 */
function remoteRepetitions(timed: number, reference: Reference, run: RunContext): RepetitionsRecord {
  const requested = run.configuredReps.repeats;
  const stoppedBy = run.reps.repeats < requested ? 'budget' : 'repeats';
  const tasksInSet = reference.tasksInSet !== undefined ? { tasksInSet: reference.tasksInSet } : {};
  return { requested, timed, stoppedBy, precision: null, halfWidth: null, taskCap: run.reps.maxTasks ?? null, ...tasksInSet };
}

/**
 * A remote point's trace record (pointTrace: tracing overhead against its untraced median), its spans
 * handed to the run's onSpans with the dependencies of the same tasks split here (the drivers split
 * alike: the shared vectors hold them to it).
 */
function remoteTrace(traced: RemoteTraced, timing: BackendTiming, point: PlannedPoint, setup: SuiteSetup, reference: Reference, run: RunContext): PointTrace {
  const untraced = timing.samples.length > 0 ? summarize(timing.samples).median : null;
  const tasks = capTasks(setup.suite.split(setup.input, reference.knob), run.reps.maxTasks ?? null);
  if (traced.spans.length > 0) {
    run.onSpans?.({ label: pointLabel(point), suite: point.suite, backend: point.backend, workers: point.workers, deps: tasks.map((t) => t.deps), spans: traced.spans });
  }
  return pointTrace(traced.timing, untraced, reference.tasks, traced.spans, traced.clock);
}

/**
 * Measure one planned point of a remote backend: warm-up and repetitions timed by its driver (seconds),
 * against the driver's own reference, verified against TypeScript's result (executor points are
 * measured together in their suite × grain group: measure-group.ts). Resolves with the point's record:
 * `completed` with metrics, or `failed` with its error (a failed verification, task or start-up is a
 * record, not a throw). Resolves with null when the point was interrupted (`hooks.aborted`): such a
 * point is not a measurement. Throws UNKNOWN_BACKEND / UNKNOWN_SUITE for names no registry holds, a
 * plain Error for an executor backend, and whatever the suite's kernel throws while this process's
 * reference is measured (the fallback of a session that failed before planning).
 */
export async function measurePoint(point: PlannedPoint, run: RunContext, hooks: PointHooks): Promise<PointRecord | null> {
  const backend = run.backend(point.backend);
  const setup = run.suiteSetup(point.suite);
  hooks.onRepeat(0, run.reps.warmup + run.reps.repeats);
  if (backend.kind !== 'remote') throw new Error(`${point.backend} is an executor backend: measure it in its group (measureGroup)`);
  const measured = await measureRemotePoint(backend, point, setup, run, hooks);
  if (hooks.aborted() || measured.timing.error?.code === 'INTERRUPTED') return null;
  // A remote session that failed before planning has no reference of its own: record the point against this process's.
  if (!measured.reference) await run.calibrateSuite(setup, hooks.signal);
  const reference = measured.reference ?? (await run.localReference(setup, point.grain)).reference;
  const trace = measured.traced ? remoteTrace(measured.traced, measured.timing, point, setup, reference, run) : undefined;
  return pointRecord(point, setup, { ...measured, reference, repetitions: remoteRepetitions(measured.timing.samples.length, reference, run), ...(trace ? { trace } : {}) }, run.cores);
}
