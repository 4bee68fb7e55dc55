/**
 * Entry of the sequential reference's worker thread: a fresh isolate that imports the suite module as
 * the backends' workers do (suiteUrl + export name, context sent once), keeps the point's tasks and, on
 * request, runs them one after another in batch-timed samples read from this thread's own hrtime.
 * Messages: `init` → `ready`; `size` → `sized` (the loops per sample and one pass's results, for the
 * main thread to verify); `sample` → `sample` (seconds per pass). A failure answers `error`.
 */
import { parentPort } from 'node:worker_threads';
import type { TaskMessageSource } from '../backends/backend.js';
import { loadSuiteKernel, type HostInit, type Kernel } from '../backends/task-host.js';

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

const NO_DEPS: unknown[] = [];
const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

let kernel: Kernel | undefined;
let tasks: TaskMessageSource[] = [];
let context: unknown;
let loops = 1;

/** One pass over the tasks in order, calling the kernel directly (as executeInline does). */
function pass(): unknown[] {
  const results = new Array<unknown>(tasks.length);
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    const deps = task.deps.length === 0 ? NO_DEPS : task.deps.map((d) => results[d]);
    results[i] = kernel!(task.payload, deps, context);
  }
  return results;
}

/** The loops-per-sample rule of measureSequential: one timed pass sizes a sample to ≥ minSampleSeconds (at most 1e6 passes). */
function size(minSampleSeconds: number): FromReference {
  const start = process.hrtime.bigint();
  const results = pass();
  const once = seconds(start);
  loops = once >= minSampleSeconds ? 1 : Math.min(1_000_000, Math.ceil(minSampleSeconds / Math.max(once, 1e-9)));
  return { type: 'sized', loops, results };
}

/** One sample: `loops` passes timed together, in seconds per pass. */
function sample(): FromReference {
  const start = process.hrtime.bigint();
  for (let l = 0; l < loops; l++) pass();
  return { type: 'sample', seconds: seconds(start) / loops };
}

async function handle(msg: ToReference): Promise<FromReference> {
  if (msg.type === 'init') {
    kernel = await loadSuiteKernel(msg.init);
    context = msg.init.context;
    tasks = msg.tasks;
    return { type: 'ready' };
  }
  return msg.type === 'size' ? size(msg.minSampleSeconds) : sample();
}

const port = parentPort!;
port.on('message', (msg: ToReference) => {
  handle(msg).then(
    (answer) => port.postMessage(answer),
    (error: unknown) => port.postMessage({ type: 'error', message: String((error as Error)?.message ?? error) } satisfies FromReference),
  );
});
