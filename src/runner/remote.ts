/**
 * Measuring one point on a remote-timed backend (the Python driver). The driver calibrates the knob on
 * its own interpreter and times its own sequential reference and repetitions; this side verifies every
 * fingerprint it returns against TypeScript's result for the same input and knob, so a Python number
 * only reaches a table when the Python computation was exact.
 */
import type { Backend, RemoteSession } from '../backends/index.js';
import { parbenchError } from '../errors.js';
import type { AnySuite, Knob, SuiteParams } from '../../suites/index.js';
import { summarize, type Summary } from '../stats/summary.js';
import { executeInline } from './execute.js';
import { errorRecord, type BackendTiming, type Repetitions } from './measure.js';

/** What a point is measured against: its knob, its tasks and the sequential reference of its tasks. */
export interface Reference {
  knob: Knob;
  perTask: number;
  reachable: boolean;
  tunedBy: 'chunk' | 'work' | 'floor';
  tasks: number;
  sequential: { samples: number[]; warmupSamples: number[]; loops: number; summary: Summary };
  /** suite.checksum of TypeScript's own combined result for this knob. */
  checksum: string;
}

export interface RemotePointRequest {
  suite: AnySuite;
  input: unknown;
  context: unknown;
  params: SuiteParams;
  seed: number;
  grain: number;
  workers: number;
  reps: Repetitions;
  taskTimeoutSeconds: number;
}

export interface RemoteHooks {
  onRepeat?: (done: number, total: number) => void;
  aborted?: () => boolean;
  /** Lets the caller close the open session at once (e.g. on Ctrl-C). */
  onSession?: (session: RemoteSession | undefined) => void;
}

/** References shared by the points of one run, by interpreter × suite × parameters × grain. */
export type ReferenceCache = Map<string, Reference>;

/** TypeScript's fingerprint of the suite's result for a knob: what every remote result must equal. */
export function expectedFor(suite: AnySuite, input: unknown, context: unknown, knob: Knob): { checksum: string; tasks: number } {
  const tasks = suite.split(input, knob);
  return { checksum: suite.checksum(suite.combine(input, executeInline(suite, tasks, context))), tasks: tasks.length };
}

async function reference(session: RemoteSession, request: RemotePointRequest, where: string): Promise<Reference> {
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
  return { knob: plan.knob, perTask: plan.perTask, reachable: plan.reachable, tunedBy: plan.tunedBy, tasks: expected.tasks, sequential: { samples, warmupSamples, loops, summary: summarize(samples) }, checksum: expected.checksum };
}

export async function measureRemote(
  backend: Backend,
  request: RemotePointRequest,
  cache: ReferenceCache,
  hooks: RemoteHooks = {},
): Promise<{ reference: Reference | null; timing: BackendTiming }> {
  const timing: BackendTiming = { startupSeconds: null, samples: [], warmupSamples: [], verified: false };
  const where = `${request.suite.name} on ${backend.name}`;
  const key = [backend.remote!.planKey, request.suite.name, JSON.stringify(request.params), request.seed, request.grain].join('\u0000');
  let ref = cache.get(key) ?? null;
  let session: RemoteSession | undefined;
  try {
    session = await backend.remote!.start({ taskTimeoutSeconds: request.taskTimeoutSeconds });
    hooks.onSession?.(session);
    if (session.runtime) timing.runtime = session.runtime;
    if (!ref) {
      ref = await reference(session, request, where);
      cache.set(key, ref);
    }
    if (hooks.aborted?.()) throw parbenchError('INTERRUPTED', 'signal');
    const { reps } = request;
    const run = await session.run(
      { suite: request.suite.name, params: request.params, seed: request.seed, warmup: reps.warmup, repeats: reps.repeats, backend: backend.name, workers: request.workers, knob: ref.knob },
      hooks.onRepeat,
    );
    run.checksums.forEach((checksum, i) => {
      if (checksum !== ref!.checksum || run.tasks[i] !== ref!.tasks) {
        throw parbenchError('VERIFY_FAILED', where, `repetition ${i + 1}: ${checksum} (${run.tasks[i]} tasks), expected ${ref!.checksum} (${ref!.tasks} tasks)`);
      }
    });
    timing.startupSeconds = run.startupSeconds;
    timing.samples = run.samples;
    timing.warmupSamples = run.warmupSamples;
    timing.verified = true;
  } catch (error) {
    const interrupted = hooks.aborted?.() === true;
    timing.error = interrupted
      ? { code: 'INTERRUPTED', message: parbenchError('INTERRUPTED', 'signal').message }
      : errorRecord(error, backend.name);
  } finally {
    hooks.onSession?.(undefined);
    await session?.close();
  }
  return { reference: ref, timing };
}
