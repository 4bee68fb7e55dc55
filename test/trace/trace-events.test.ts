// The trace file: Chrome trace-event JSON checked against the format's schema, with exact events for injected spans.
import { describe, expect, it } from 'vitest';
import { traceFile, shownSpans } from '../../src/trace/trace-events.js';
import { traceFileSchema } from '../../src/trace/trace-event-schema.js';
import type { PointSpans, TaskSpan } from '../../src/trace/spans.js';

const span = (task: number, worker: string, submitted: number, started: number, finished: number, received: number, repetition = 0): TaskSpan => ({ task, repetition, worker, submitted, started, finished, received });

// fib-like: tasks 0 and 1 are leaves, task 2 takes both results.
const fib: PointSpans = {
  label: 'fib · worker×2 · grain 0.000001 s',
  suite: 'fib',
  backend: 'worker',
  workers: 2,
  deps: [[], [], [0, 1]],
  spans: [
    span(0, 'thread 1', 1000, 1000.5, 1000.75, 1001, 0),
    span(0, 'thread 1', 2000, 2000.001, 2000.004, 2000.005, 1),
    span(1, 'thread 2', 2000, 2000.002, 2000.003, 2000.006, 1),
    span(2, 'thread 1', 2000.006, 2000.007, 2000.01, 2000.012, 1),
  ],
};

describe('traceFile', () => {
  const file = traceFile([fib], { run: 'r1' });

  it('passes the Trace Event Format schema of the kinds it emits', () => {
    expect(traceFileSchema.safeParse(file).success).toBe(true);
    expect(traceFileSchema.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
  });

  it('shows the last traced repetition: one X event per task on its worker\'s track, µs from the first shown submit', () => {
    expect(shownSpans(fib.spans).map((s) => s.task)).toEqual([0, 1, 2]);
    const complete = file.traceEvents.filter((e) => e.ph === 'X');
    expect(complete).toEqual([
      { name: 'task 0', cat: 'task', ph: 'X', pid: 1, tid: 1, ts: 1, dur: 3, args: { task: 0, dispatch_us: 1, return_us: 1 } },
      { name: 'task 1', cat: 'task', ph: 'X', pid: 1, tid: 2, ts: 2, dur: 1, args: { task: 1, dispatch_us: 2, return_us: 3 } },
      { name: 'task 2', cat: 'task', ph: 'X', pid: 1, tid: 1, ts: 7, dur: 3, args: { task: 2, dispatch_us: 1, return_us: 2 } },
    ]);
  });

  it('names the process after the point and one thread per worker', () => {
    const meta = file.traceEvents.filter((e) => e.ph === 'M');
    expect(meta).toEqual([
      { name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: fib.label } },
      { name: 'process_sort_index', ph: 'M', pid: 1, tid: 0, args: { sort_index: 1 } },
      { name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: { name: 'thread 1' } },
      { name: 'thread_name', ph: 'M', pid: 1, tid: 2, args: { name: 'thread 2' } },
    ]);
  });

  it('draws a flow arrow from each dependency to the task that takes its result', () => {
    const flows = file.traceEvents.filter((e) => e.ph === 's' || e.ph === 'f');
    expect(flows).toEqual([
      { name: 'result', cat: 'dependency', ph: 's', id: 1, pid: 1, tid: 1, ts: 1 },
      { name: 'result', cat: 'dependency', ph: 'f', bp: 'e', id: 1, pid: 1, tid: 1, ts: 7 },
      { name: 'result', cat: 'dependency', ph: 's', id: 2, pid: 1, tid: 2, ts: 2 },
      { name: 'result', cat: 'dependency', ph: 'f', bp: 'e', id: 2, pid: 1, tid: 1, ts: 7 },
    ]);
  });

  it('gives every point its own process and carries otherData', () => {
    const two = traceFile([fib, { ...fib, backend: 'piscina', label: 'p' }], { run: 'r1' });
    expect(new Set(two.traceEvents.map((e) => e.pid))).toEqual(new Set([1, 2]));
    expect(two.otherData).toEqual({ run: 'r1' });
    expect(new Set(two.traceEvents.filter((e) => e.ph === 's').map((e) => e.id)).size).toBe(4);
  });

  it('the schema refuses what the format does not allow', () => {
    const bad = (event: object) => traceFileSchema.safeParse({ traceEvents: [event] }).success;
    expect(bad({ name: 't', ph: 'X', pid: 1, tid: 1, ts: 0 })).toBe(false); // X without dur
    expect(bad({ name: 't', ph: 'X', pid: 1, tid: 1, ts: 0, dur: -1 })).toBe(false);
    expect(bad({ name: 'r', cat: 'c', ph: 's', pid: 1, tid: 1, ts: 0 })).toBe(false); // flow without id
    expect(bad({ name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: {} })).toBe(false);
    expect(bad({ name: 't', ph: 'Q', pid: 1, tid: 1, ts: 0 })).toBe(false);
  });
});
