/**
 * Measuring one point on a remote backend (a driver in another runtime). The driver calibrates the knob
 * on its own runtime and times its own sequential reference and repetitions, so nothing here reads the
 * clock (but for a traced point's clock offset, trace-remote.ts); this side verifies every fingerprint it returns against TypeScript's result for the same input
 * and knob, so a remote number only reaches a table when the remote computation was exact.
 */
import type { RemoteBackend, RemoteSession, RemoteSweepRow, TunedKnob } from '../backends/index.js';
import { parbenchError } from '../errors.js';
import { errorRecord, type BackendTiming } from './measure.js';
import { remoteReference, type Reference, type RemoteReferenceRequest } from './reference.js';
import { clockOffset, traceRemote, type RemoteTraced } from './trace-remote.js';

/** A remote point: its suite's work and grain, the worker count, and the session's task timeout. */
export interface RemotePointRequest extends RemoteReferenceRequest {
  /** Every grain of the run (seconds per task): a driver with a calibration sweep calibrates them at once. */
  grains: readonly number[];
  /** Workers W asked for; null: the cluster's own count (with `cluster` only). */
  workers: number | null;
  /** Run on the user's cluster at this address or with this Parsl config file; absent: the backend's own pool. */
  cluster?: string;
  /** A request that makes no progress for this long fails the session (seconds; 0 disables). */
  taskTimeoutSeconds: number;
  /** A session that has not started after this long fails the point (seconds; 0 or absent: no limit). */
  startupTimeoutSeconds?: number;
  /** Trace the point (run --trace): traced repetitions after the untraced ones (trace-remote.ts). */
  trace?: boolean;
}

export interface RemoteHooks {
  /** Repetitions done (warm-up included) of total, as the driver reports them. */
  onRepeat?: (done: number, total: number) => void;
  /** The driver's running count of completed tasks, from its progress lines (the live view). */
  onCompleted?: (tasks: number) => void;
  /** Polled before the repetitions start; true stops the point (INTERRUPTED). */
  aborted?: () => boolean;
  /** Lets the caller close the open session at once (e.g. on Ctrl-C). */
  onSession?: (session: RemoteSession | undefined) => void;
  /** Aborting stops a session that is still starting (INTERRUPTED). */
  signal?: AbortSignal | undefined;
}

/**
 * What the remote points of one run share: references by planKey × suite × parameters × seed × grain ×
 * task cap, and calibration sweeps by planKey × suite × parameters × seed.
 */
export interface RemoteCache {
  references: Map<string, Reference>;
  sweeps: Map<string, RemoteSweepRow[]>;
}

/** An empty RemoteCache, for a new run. */
export function remoteCache(): RemoteCache {
  return { references: new Map(), sweeps: new Map() };
}

function inputKey(backend: RemoteBackend, request: RemotePointRequest): string {
  return [backend.planKey, request.suite.name, JSON.stringify(request.params), request.seed].join('\u0000');
}

function cacheKey(backend: RemoteBackend, request: RemotePointRequest): string {
  return [inputKey(backend, request), request.grain, request.reps.maxTasks ?? null].join('\u0000');
}

/**
 * The calibration of `request.grain` from the session's sweep over all the run's grains (made once per
 * planKey × input and kept in `cache`); undefined when the driver has no sweep or the grain is not one
 * of the run's. Rejects with whatever the session rejects with.
 */
async function sweptKnob(session: RemoteSession, backend: RemoteBackend, request: RemotePointRequest, cache: RemoteCache): Promise<TunedKnob | undefined> {
  if (!session.sweep || !request.grains.includes(request.grain)) return undefined;
  const key = inputKey(backend, request);
  let rows = cache.sweeps.get(key);
  if (!rows) {
    const sweep = { suite: request.suite.name, params: request.params, seed: request.seed, grains: [...request.grains], minSampleSeconds: request.reps.minSampleSeconds };
    rows = await session.sweep(sweep);
    cache.sweeps.set(key, rows);
  }
  return rows.find((row) => row.grain === request.grain);
}

/** Run the point's repetitions on the session at the reference's knob (traced with `trace`); throws VERIFY_FAILED on a mismatch. */
async function timeRepetitions(session: RemoteSession, backend: RemoteBackend, request: RemotePointRequest, ref: Reference, hooks: RemoteHooks, trace = false) {
  const { reps } = request;
  const run = await session.run(
    { suite: request.suite.name, params: request.params, seed: request.seed, warmup: reps.warmup, repeats: reps.repeats, maxTasks: reps.maxTasks ?? null, backend: backend.name, workers: request.workers, knob: ref.knob, ...(request.cluster ? { cluster: request.cluster } : {}), ...(trace ? { trace: true as const } : {}) },
    hooks.onRepeat,
    hooks.onCompleted,
  );
  run.checksums.forEach((checksum, i) => {
    if (checksum !== ref.checksum || run.tasks[i] !== ref.tasks) {
      throw parbenchError('VERIFY_FAILED', `${request.suite.name} on ${backend.name}`, `repetition ${i + 1}: ${checksum} (${run.tasks[i]} tasks), expected ${ref.checksum} (${ref.tasks} tasks)`);
    }
  });
  return run;
}

/**
 * Measure one remote point: start a session, take the reference from `cache` or plan it (and cache it),
 * then time the repetitions (seconds, from the driver). Never throws: a failure is returned as
 * `timing.error` (INTERRUPTED when `hooks.aborted` was true) with `verified: false`, and `reference` is
 * null when the session failed before a reference existed. With `request.trace`, the repetitions are
 * taken again traced (`traced`, see trace-remote.ts). The session is always closed.
 */
export async function measureRemote(
  backend: RemoteBackend,
  request: RemotePointRequest,
  cache: RemoteCache,
  hooks: RemoteHooks = {},
): Promise<{ reference: Reference | null; timing: BackendTiming; traced?: RemoteTraced }> {
  const timing: BackendTiming = { startupSeconds: null, samples: [], warmupSamples: [], verified: false };
  let traced: RemoteTraced | undefined;
  const key = cacheKey(backend, request);
  let ref = cache.references.get(key) ?? null;
  let session: RemoteSession | undefined;
  try {
    session = await backend.start({ taskTimeoutSeconds: request.taskTimeoutSeconds, startupTimeoutSeconds: request.startupTimeoutSeconds ?? 0, signal: hooks.signal });
    hooks.onSession?.(session);
    if (session.runtime) timing.runtime = session.runtime;
    const offset = request.trace && session.traces && session.clock ? await clockOffset(session.clock) : undefined;
    if (!ref) {
      const tuned = await sweptKnob(session, backend, request, cache);
      ref = await remoteReference(session, request, `${request.suite.name} on ${backend.name}`, tuned);
      cache.references.set(key, ref);
    }
    if (hooks.aborted?.()) throw parbenchError('INTERRUPTED', 'signal');
    const run = await timeRepetitions(session, backend, request, ref, hooks);
    timing.startupSeconds = run.startupSeconds;
    timing.samples = run.samples;
    timing.warmupSamples = run.warmupSamples;
    if (run.executor) timing.executor = run.executor;
    timing.verified = true;
    if (run.cluster) {
      timing.cluster = run.cluster;
      if (run.workers !== undefined) timing.workers = run.workers;
    }
    const open = session;
    if (request.trace) traced = await traceRemote(open, backend, offset, () => timeRepetitions(open, backend, request, ref!, hooks, true));
  } catch (error) {
    timing.error = hooks.aborted?.() === true ? { code: 'INTERRUPTED', message: parbenchError('INTERRUPTED', 'signal').message } : errorRecord(error, backend.name);
  } finally {
    hooks.onSession?.(undefined);
    await session?.close();
  }
  return { reference: ref, timing, ...(traced ? { traced } : {}) };
}
