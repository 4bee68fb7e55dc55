/**
 * The sequential reference T_seq timed in a fresh worker isolate (see reference-worker-entry.ts): the
 * suite module is loaded as the backends' workers load it, and the samples are read by that thread's
 * own clock, so the main thread's JIT state and its history of suites and backends do not enter T_seq.
 */
import { Worker } from 'node:worker_threads';
import { runnableUrl } from '../backends/paths.js';
import { withinStartup, type StartupBounds } from '../backends/startup.js';
import { parbenchError } from '../errors.js';
import type { AnySuite } from '../../suites/index.js';
import type { SweepRow } from './calibrate-sweep.js';
import type { PreparedTasks } from './execute.js';
import type { Verify } from './task-cap.js';
import type { FromReference, ToReference } from './reference-worker-entry.js';

/** What the reference isolate runs and checks: the suite's module, its tasks and the expected result. */
export interface IsolateWork {
  suite: AnySuite;
  context: unknown;
  /** file: URL of the suite module (runnable JavaScript) and the export holding the suite. */
  suiteUrl: string;
  suiteExport: string;
  prepared: PreparedTasks;
  /** Checks the isolate's results against the main thread's (see task-cap.ts). */
  verify: Verify;
}

/** A started reference worker, holding one task set at a time (see openReferenceIsolate). */
export interface ReferenceHost {
  /** Send one request and resolve with its answer; rejects on an error answer, a crash or close. */
  request(msg: ToReference): Promise<FromReference>;
  /** Stop the worker; idempotent. A pending request is rejected. */
  close(): Promise<void>;
}

/** An open reference isolate: a host loaded with one task set. */
export interface ReferenceIsolate {
  /** Passes over the task set per sample (each sample lasts ≥ minSampleSeconds). */
  readonly loops: number;
  /** The worker, to be loaded with the suite's next task set (openReferenceIsolate's `host`). */
  readonly host: ReferenceHost;
  /** One batch-timed sample, in seconds per pass. Rejects with WORKER_EXITED or TASK_FAILED. */
  sample(): Promise<number>;
  /** Stop the worker; idempotent. A pending request is rejected. */
  close(): Promise<void>;
}

const WHERE = (suite: AnySuite) => `${suite.name} reference isolate`;

/** A request/answer channel to one worker, one request at a time; rejects on an error answer, a crash or close. */
function channel(worker: Worker, where: string) {
  let pending: { resolve: (m: FromReference) => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    pending?.reject(failure);
    pending = undefined;
  };
  worker.on('message', (msg: FromReference) => {
    const waiting = pending;
    pending = undefined;
    if (msg.type === 'error') waiting?.reject(parbenchError('TASK_FAILED', where, msg.message));
    else waiting?.resolve(msg);
  });
  worker.on('error', (error) => fail(parbenchError('WORKER_EXITED', where, error.message)));
  worker.on('exit', (code) => fail(parbenchError('WORKER_EXITED', where, `exit code ${code}`)));
  return (msg: ToReference): Promise<FromReference> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      pending = { resolve, reject };
      worker.postMessage(msg);
    });
}

/** A fresh worker running reference-worker-entry.ts, with its request channel; `where` names it in errors. */
function startIsolate(where: string): ReferenceHost {
  const worker = new Worker(new URL(runnableUrl(new URL('./reference-worker-entry.js', import.meta.url).href)));
  return { request: channel(worker, where), close: async () => void (await worker.terminate()) };
}

/** A suite and its input, to calibrate in an isolate (the context is sent as computed here). */
export interface CalibrationWork {
  suite: AnySuite;
  input: unknown;
  context: unknown;
  /** file: URL of the suite module (runnable JavaScript) and the export holding the suite. */
  suiteUrl: string;
  suiteExport: string;
}

/**
 * The suite's calibration sweep over `grains` (seconds per task; calibrateSweep's rows, in the order
 * given) run in a fresh worker isolate that loads the suite as the backends' workers do and receives the
 * input by structured clone, as workers receive tasks: the knobs are chosen where T_seq and the tasks run,
 * not in the main thread, whose JIT state every suite and backend of the run has touched. Rejects with
 * TASK_FAILED when the module or a kernel throws there, WORKER_EXITED when the worker dies and
 * INTERRUPTED as soon as `signal` aborts (the run's stop); the worker is always stopped.
 */
export async function calibrateInIsolate(work: CalibrationWork, grains: readonly number[], minSampleSeconds: number, signal?: AbortSignal): Promise<SweepRow[]> {
  const where = `${work.suite.name} calibration isolate`;
  const { request, close } = startIsolate(where);
  try {
    const init = { suiteUrl: work.suiteUrl, suiteExport: work.suiteExport, context: work.context };
    // No time limit (a sweep takes as long as its grains need), but the run's stop ends it at once.
    const answer = await withinStartup(where, request({ type: 'calibrate', init, input: work.input, grains: [...grains], minSampleSeconds }), { signal });
    if (answer.type !== 'calibrated') throw parbenchError('TASK_FAILED', where, `unexpected answer ${answer.type}`);
    return answer.rows;
  } finally {
    await close();
  }
}

/**
 * Start a fresh worker isolate (or load `host`, one this function opened for an earlier task set of the
 * same suite) holding `work`'s tasks, size its samples (loops per sample so a sample
 * lasts ≥ minSampleSeconds, the rule of measureSequential) and verify the combined result of its first
 * pass with `work.verify`. Nothing of this start-up is timed. Rejects with VERIFY_FAILED when the
 * isolate's result differs, TASK_FAILED when the module or a kernel throws there, WORKER_EXITED when
 * the worker dies, STARTUP_TIMEOUT when it has not loaded the suite within
 * `bounds.startupTimeoutSeconds`, INTERRUPTED when `bounds.signal` aborts while it starts; the worker
 * is stopped on any rejection.
 */
export async function openReferenceIsolate(work: IsolateWork, minSampleSeconds: number, bounds: StartupBounds = {}, host?: ReferenceHost): Promise<ReferenceIsolate> {
  const { suite } = work;
  const started = host ?? startIsolate(WHERE(suite));
  const { request, close } = started;
  try {
    const tasks = work.prepared.tasks.map((task) => ({ payload: task.payload, deps: task.deps }));
    const init = request({ type: 'init', init: { suiteUrl: work.suiteUrl, suiteExport: work.suiteExport, context: work.context }, tasks });
    await withinStartup(WHERE(suite), init, bounds);
    const sized = await request({ type: 'size', minSampleSeconds });
    if (sized.type !== 'sized') throw parbenchError('TASK_FAILED', WHERE(suite), `unexpected answer ${sized.type}`);
    const mismatch = work.verify(sized.results);
    if (mismatch) throw parbenchError('VERIFY_FAILED', WHERE(suite), mismatch);
    const sample = async () => {
      const answer = await request({ type: 'sample' });
      if (answer.type !== 'sample') throw parbenchError('TASK_FAILED', WHERE(suite), `unexpected answer ${answer.type}`);
      return answer.seconds;
    };
    return { loops: sized.loops, host: started, sample, close };
  } catch (error) {
    await close();
    throw error;
  }
}
