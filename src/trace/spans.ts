/**
 * Per-task timestamps of a traced run (run --trace): what a task span holds, on one clock for every
 * thread and process of the run. Pure types and helpers; the runner reads the clocks.
 */

/**
 * One task of one traced repetition: when it was submitted, started and finished on its worker, and when
 * its result was received. Times are milliseconds on the run's common clock, Node's
 * `performance.timeOrigin + performance.now()` (read in each thread);
 * a Python driver's `time.perf_counter_ns` is mapped onto it through a measured offset. The common
 * clock counts from 2020-01-01 UTC (TRACE_EPOCH_MS of src/backends/trace-clock.ts).
 */
export interface TaskSpan {
  /** Index of the task in the point's task set. */
  task: number;
  /** Traced repetition the span belongs to, 0-based (warm-up excluded). */
  repetition: number;
  /** The worker that ran the task, as the trace names it (e.g. `thread 3`, `pid 1234`). */
  worker: string;
  submitted: number;
  started: number;
  finished: number;
  received: number;
}

/** The spans of one traced point, with what the trace file names it by. */
export interface PointSpans {
  /** A label of the point: suite, backend × workers, grain. */
  label: string;
  suite: string;
  backend: string;
  workers: number;
  /** For each task, the tasks it depends on (the flow arrows of fib and hull). */
  deps: readonly (readonly number[])[];
  spans: TaskSpan[];
}

/** The milliseconds of the common clock as seconds. */
export function msToSeconds(ms: number): number {
  return ms / 1000;
}
