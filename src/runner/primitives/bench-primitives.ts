/**
 * `npm run bench:primitives`: the per-task cost of the hand-offs a thread executor is built on, so an
 * executor's overhead can be read against this machine's floor. A benchmark, not a test: figures vary.
 * Each "task" is one submit and one result (a round trip), with an empty body (i * i).
 */
import { Worker } from 'node:worker_threads';
import { runnableUrl } from '../../backends/paths.js';
import { hrClock, type Clock } from '../clock.js';
import type { PrimitiveInit, PrimitiveMode } from './primitives-worker.js';

export interface PrimitiveFigure {
  primitive: string;
  /** Tasks (round trips) per timing. */
  tasks: number;
  /** Worker threads used. */
  threads: number;
  /** Wall seconds per task (median of the repeats). */
  perTask: number;
}

const workerUrl = () => new URL(runnableUrl(new URL('./primitives-worker.js', import.meta.url).href));

function spawn(mode: PrimitiveMode, tasks: number, workers = 1): { threads: Worker[]; word: Int32Array; ready: Promise<void> } {
  const control = new SharedArrayBuffer(16);
  const init: PrimitiveInit = { mode, control, results: new SharedArrayBuffer(tasks * 8), tasks, workers };
  const threads = Array.from({ length: workers }, () => new Worker(workerUrl(), { workerData: init }));
  const ready = Promise.all(threads.map((t) => new Promise<void>((resolve) => t.once('online', () => resolve())))).then(() => undefined);
  return { threads, word: new Int32Array(control), ready };
}

async function stop(threads: Worker[]): Promise<void> {
  await Promise.all(threads.map((t) => t.terminate()));
}

async function roundTrip(tasks: number, clock: Clock): Promise<number> {
  const { threads, ready } = spawn('roundtrip', tasks);
  await ready;
  const [thread] = threads as [Worker];
  const once = (i: number) => new Promise<void>((resolve) => {
    thread.once('message', () => resolve());
    thread.postMessage(i);
  });
  for (let i = 0; i < 1000; i++) await once(i); // warm up
  const start = clock();
  for (let i = 0; i < tasks; i++) await once(i);
  const elapsed = clock() - start;
  await stop(threads);
  return elapsed / tasks;
}

async function batches(tasks: number, size: number, clock: Clock): Promise<number> {
  const { threads, ready } = spawn('batch', tasks);
  await ready;
  const [thread] = threads as [Worker];
  const batch = Array.from({ length: size }, (_, i) => i);
  const once = () => new Promise<void>((resolve) => {
    thread.once('message', () => resolve());
    thread.postMessage(batch);
  });
  for (let i = 0; i < 100; i++) await once();
  const count = Math.ceil(tasks / size);
  const start = clock();
  for (let i = 0; i < count; i++) await once();
  const elapsed = clock() - start;
  await stop(threads);
  return elapsed / (count * size);
}

/** Ping-pong on one shared word: the driver hands a task over, the worker hands the result back. */
async function handOff(mode: 'wait' | 'spin', tasks: number, clock: Clock): Promise<number> {
  const { threads, word, ready } = spawn(mode, tasks);
  await ready;
  const start = clock();
  for (let i = 0; i < tasks; i++) {
    Atomics.store(word, 0, 1);
    if (mode === 'wait') {
      Atomics.notify(word, 0);
      while (Atomics.load(word, 0) === 1) Atomics.wait(word, 0, 1);
    } else {
      while (Atomics.load(word, 0) === 1);
    }
  }
  const elapsed = clock() - start;
  await stop(threads);
  return elapsed / tasks;
}

async function selfScheduling(tasks: number, workers: number, clock: Clock): Promise<number> {
  const { threads, word, ready } = spawn('claim', tasks, workers);
  await ready;
  await new Promise((resolve) => setTimeout(resolve, 20)); // let every thread reach its wait
  const start = clock();
  Atomics.store(word, 1, 1);
  Atomics.notify(word, 1);
  while (Atomics.load(word, 3) < workers) Atomics.wait(word, 3, Atomics.load(word, 3));
  const elapsed = clock() - start;
  await stop(threads);
  return elapsed / tasks;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function repeat(times: number, measure: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < times; r++) samples.push(await measure());
  return median(samples);
}

/**
 * Time each primitive `options.repeats` times (default 5) and keep the median, in wall seconds per task.
 * `options.scale` multiplies every task count (default 1, at least 64 tasks); `options.clock` is what
 * the timings read (hrClock by default). Rejects when a worker thread cannot start.
 */
export async function benchPrimitives(options: { repeats?: number; scale?: number; clock?: Clock } = {}): Promise<PrimitiveFigure[]> {
  const repeats = options.repeats ?? 5;
  const clock = options.clock ?? hrClock;
  const scale = options.scale ?? 1;
  const n = (base: number) => Math.max(64, Math.round(base * scale));
  return [
    { primitive: 'postMessage round trip (one task per message)', tasks: n(20_000), threads: 1, perTask: await repeat(repeats, () => roundTrip(n(20_000), clock)) },
    { primitive: 'postMessage batches of 64 tasks', tasks: n(500_000), threads: 1, perTask: await repeat(repeats, () => batches(n(500_000), 64, clock)) },
    { primitive: 'Atomics.wait/notify hand-off (park both ways)', tasks: n(20_000), threads: 1, perTask: await repeat(repeats, () => handOff('wait', n(20_000), clock)) },
    { primitive: 'spin hand-off (Atomics.load loops both ways)', tasks: n(200_000), threads: 1, perTask: await repeat(repeats, () => handOff('spin', n(200_000), clock)) },
    { primitive: 'self-scheduling with Atomics.add, 1 worker', tasks: n(2_000_000), threads: 1, perTask: await repeat(repeats, () => selfScheduling(n(2_000_000), 1, clock)) },
    { primitive: 'self-scheduling with Atomics.add, 2 workers', tasks: n(2_000_000), threads: 2, perTask: await repeat(repeats, () => selfScheduling(n(2_000_000), 2, clock)) },
  ];
}

/** One line per figure: the primitive, microseconds per task, task and worker counts. */
export function formatPrimitives(figures: PrimitiveFigure[]): string {
  const width = Math.max(...figures.map((f) => f.primitive.length));
  const lines = figures.map((f) => `${f.primitive.padEnd(width)}  ${(f.perTask * 1e6).toFixed(3).padStart(9)} µs/task  (${f.tasks} tasks, ${f.threads} worker${f.threads > 1 ? 's' : ''})`);
  return [`${'primitive'.padEnd(width)}  wall time per task (median of repeats)`, ...lines].join('\n');
}
