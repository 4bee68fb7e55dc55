/**
 * Entry of the sequential reference's worker thread: a fresh isolate that imports the suite module as
 * the backends' workers do (suiteUrl + export name, context sent once), keeps the point's tasks and, on
 * request, runs them one after another (inlineRunner: into preallocated output where the suite has an
 * inline form) in batch-timed samples read from this thread's own hrtime.
 * Messages: `init` → `ready`; `size` → `sized` (the loops per sample and one pass's results, for the
 * main thread to verify); `sample` → `sample` (seconds per pass); `calibrate` → `calibrated` (the
 * suite's calibration sweep over the run's grains, run here so the knobs are chosen in the same kind
 * of isolate T_seq and the workers run in). A failure answers `error`.
 */
import { parentPort } from 'node:worker_threads';
import type { TaskMessageSource } from '../backends/backend.js';
import type { HostInit } from '../backends/task-host.js';
import type { AnySuite, Task } from '../../suites/index.js';
import { calibrateSweep, type SweepRow } from './calibrate-sweep.js';
import { hrClock } from './clock.js';
import { inlineRunner, type InlineRun } from './execute.js';
import { describeError } from '../errors.js';
import { warmAndSize } from './sizing.js';

/** Messages to the reference worker. */
export type ToReference =
  | { type: 'init'; init: HostInit; tasks: TaskMessageSource[] }
  | { type: 'size'; minSampleSeconds: number }
  | { type: 'sample' }
  | { type: 'calibrate'; init: HostInit; input: unknown; grains: number[]; minSampleSeconds: number };

/** Messages from the reference worker (seconds throughout). */
export type FromReference =
  | { type: 'ready' }
  | { type: 'sized'; loops: number; results: unknown[] }
  | { type: 'sample'; seconds: number }
  | { type: 'calibrated'; rows: SweepRow[] }
  | { type: 'error'; message: string };

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

let runner: InlineRun | undefined;
let loops = 1;

/** The suite object a module exports under `init.suiteExport`. Rejects with a plain Error when there is none. */
async function loadSuite(init: HostInit): Promise<AnySuite> {
  const mod = (await import(init.suiteUrl)) as Record<string, AnySuite | undefined>;
  const suite = mod[init.suiteExport];
  if (!suite || typeof suite.kernel !== 'function') throw new Error(`${init.suiteUrl} has no suite export "${init.suiteExport}"`);
  return suite;
}

/** Warm the isolate up and size its samples (warmAndSize, the main thread's rule), on this thread's own clock. */
function size(minSampleSeconds: number): FromReference {
  loops = warmAndSize(() => runner!.run(), minSampleSeconds, hrClock);
  return { type: 'sized', loops, results: runner!.results() };
}

/** One sample: `loops` passes timed together, in seconds per pass. */
function sample(): FromReference {
  const start = process.hrtime.bigint();
  for (let l = 0; l < loops; l++) runner!.run();
  return { type: 'sample', seconds: seconds(start) / loops };
}

async function handle(msg: ToReference): Promise<FromReference> {
  if (msg.type === 'calibrate') {
    const suite = await loadSuite(msg.init);
    return { type: 'calibrated', rows: calibrateSweep(suite, msg.input, msg.init.context, msg.grains, { minSampleSeconds: msg.minSampleSeconds }, hrClock) };
  }
  if (msg.type === 'init') {
    // The same inline path as the main thread's reference: into preallocated output where the suite has one.
    runner = inlineRunner(await loadSuite(msg.init), msg.tasks as Task<unknown>[], msg.init.context);
    return { type: 'ready' };
  }
  return msg.type === 'size' ? size(msg.minSampleSeconds) : sample();
}

const port = parentPort!;
port.on('message', (msg: ToReference) => {
  handle(msg).then(
    (answer) => port.postMessage(answer),
    (error: unknown) => port.postMessage({ type: 'error', message: describeError(error) } satisfies FromReference),
  );
});
