/**
 * Entry of the sequential reference's worker thread: a fresh isolate that imports the suite module as
 * the backends' workers do (suiteUrl + export name, context sent once), keeps the point's tasks and, on
 * request, runs them one after another (inlineRunner: into preallocated output where the suite has an
 * inline form) in batch-timed samples read from this thread's own hrtime.
 * Messages: `init` → `ready`; `size` → `sized` (the loops per sample and one pass's results, for the
 * main thread to verify); `sample` → `sample` (seconds per pass). A failure answers `error`.
 */
import { parentPort } from 'node:worker_threads';
import type { TaskMessageSource } from '../backends/backend.js';
import type { HostInit } from '../backends/task-host.js';
import type { AnySuite, Task } from '../../suites/index.js';
import { inlineRunner, type InlineRun } from './execute.js';
import { describeError } from '../errors.js';

/** Messages to the reference worker. */
export type ToReference =
  | { type: 'init'; init: HostInit; tasks: TaskMessageSource[] }
  | { type: 'size'; minSampleSeconds: number }
  | { type: 'sample' };

/** Messages from the reference worker (seconds throughout). */
export type FromReference =
  | { type: 'ready' }
  | { type: 'sized'; loops: number; results: unknown[] }
  | { type: 'sample'; seconds: number }
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

/** Seconds a fresh isolate runs the tasks before sizing its samples, at least (JIT warm-up). */
const WARM_UP_SECONDS = 0.05;

/**
 * Warm the isolate up, then size its samples. A fresh isolate first runs its kernels in V8's
 * interpreter; the main thread's reference ran them hot after calibration. So the tasks are run for
 * max(WARM_UP_SECONDS, 5 · minSampleSeconds) first, then passes are timed for ≥ minSampleSeconds / 4
 * to size a sample to ≥ minSampleSeconds (at most 1e6 passes), as measureSequential's rule does.
 */
function size(minSampleSeconds: number): FromReference {
  const passesFor = (seconds_: number): number => {
    const start = process.hrtime.bigint();
    let passes = 0;
    do {
      runner!.run();
      passes++;
    } while (seconds(start) < seconds_);
    return seconds(start) / passes;
  };
  passesFor(Math.max(WARM_UP_SECONDS, 5 * minSampleSeconds));
  const once = passesFor(minSampleSeconds / 4);
  const results = runner!.results();
  loops = once >= minSampleSeconds ? 1 : Math.min(1_000_000, Math.ceil(minSampleSeconds / Math.max(once, 1e-9)));
  return { type: 'sized', loops, results };
}

/** One sample: `loops` passes timed together, in seconds per pass. */
function sample(): FromReference {
  const start = process.hrtime.bigint();
  for (let l = 0; l < loops; l++) runner!.run();
  return { type: 'sample', seconds: seconds(start) / loops };
}

async function handle(msg: ToReference): Promise<FromReference> {
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
