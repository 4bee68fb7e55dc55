/**
 * Tracing a point (run --trace): after its untraced repetitions, the same backend is opened again with
 * tracing on and runs the same tasks; every task's submit and result are stamped here on the common
 * clock (src/backends/trace-clock.ts) and its start and end by the worker that ran it. The untraced pools
 * run the plain kernel: tracing costs an untraced run nothing.
 */
import { commonClockMs } from '../backends/trace-clock.js';
import type { BatchResults, Executor, ExecutorBackend, OpenOptions, TaskGraph, TaskTimes, TracedResult } from '../backends/index.js';
import type { PointTrace } from '../record/index.js';
import { summarize } from '../stats/summary.js';
import { NODE_TRACE_CLOCK, pointTrace } from '../trace/point-trace.js';
import type { PointSpans, TaskSpan } from '../trace/spans.js';
import type { PlannedPoint } from './plan.js';
import type { Lane } from './rounds.js';
import type { Clock } from './clock.js';
import { submitEach, type PreparedTasks } from './execute.js';
import { measureBackend, type BackendTiming, type LocalWork, type MeasureHooks, type Repetitions } from './measure.js';

/** The spans of every batch a traced executor ran, one list per batch (warm-up ones included). */
export class SpanRecorder {
  readonly batches: TaskSpan[][] = [];

  /** The spans of the timed batches: the first `warmup` batches dropped, repetitions numbered from 0. */
  timed(warmup: number): TaskSpan[] {
    return this.batches.slice(warmup).flatMap((spans, repetition) => spans.map((s) => ({ ...s, repetition })));
  }
}

/** A span from a task's submit and receipt here and what its worker sent back. */
function span(task: number, submitted: number, result: TracedResult, received: number): TaskSpan {
  return { task, repetition: 0, worker: result.worker, submitted, started: result.started, finished: result.finished, received };
}

/** The spans of a batch from an executor's own per-task instants (TaskTimes, e.g. shm). */
export function spansOfTimes(times: TaskTimes): TaskSpan[] {
  return times.worker.map((worker, task) => ({
    task,
    repetition: 0,
    worker,
    submitted: times.submitted[task]!,
    started: times.started[task]!,
    finished: times.finished[task]!,
    received: times.received[task]!,
  }));
}

/** Submit every task of `graph` on `inner` (opened with trace), stamping submit and receipt; results unwrapped. */
async function tracedBatch(inner: Executor, graph: TaskGraph, recorder: SpanRecorder): Promise<BatchResults> {
  const spans: TaskSpan[] = [];
  const results = await submitEach(graph as PreparedTasks, (index, message) => {
    const submitted = commonClockMs();
    return inner.submit(message).then((result) => {
      const traced = result as TracedResult;
      spans.push(span(index, submitted, traced, commonClockMs()));
      return traced.value;
    });
  });
  recorder.batches.push(spans.sort((a, b) => a.task - b.task));
  return { collect: () => results };
}

/** A batch of an executor that runs whole task sets itself (shm): its TaskTimes become the spans. */
async function ownBatch(inner: Executor, graph: TaskGraph, recorder: SpanRecorder): Promise<BatchResults> {
  const outcome = await inner.runTasks!(graph);
  const times = outcome.taskTimes?.();
  recorder.batches.push(times ? spansOfTimes(times) : []);
  return outcome;
}

/** `inner` (opened with trace) as an executor whose batches (runTasks) record their spans in `recorder`. */
export function tracingExecutor(inner: Executor, recorder: SpanRecorder): Executor {
  const executor: Executor = {
    backend: inner.backend,
    workers: inner.workers,
    submit: (task) => inner.submit(task).then((result) => (result as TracedResult).value),
    runTasks: (graph) => (inner.runTasks ? ownBatch(inner, graph, recorder) : tracedBatch(inner, graph, recorder)),
    close: () => inner.close(),
  };
  if (inner.load) executor.load = (graph) => inner.load!(graph);
  if (inner.prime) executor.prime = () => inner.prime!();
  if (inner.settings) executor.settings = () => inner.settings!();
  return executor;
}

/** `backend` opening its pools with tracing on, each wrapped by tracingExecutor over `recorder`. */
export function tracedBackend(backend: ExecutorBackend, recorder: SpanRecorder): ExecutorBackend {
  return { ...backend, open: async (options: OpenOptions) => tracingExecutor(await backend.open({ ...options, trace: true }), recorder) };
}

/** What tracing a point gave: its traced timing and the spans of its timed traced repetitions. */
export interface TracePass {
  timing: BackendTiming;
  spans: TaskSpan[];
}

/**
 * Trace one executor point: open `backend` again with tracing on (tracedBackend) and take `reps.warmup`
 * warm-up and exactly `reps.repeats` timed repetitions (no precision rule), timed and verified like the
 * untraced ones (measureBackend). Never throws: a failure is the timing's `error`.
 */
export async function tracePass(backend: ExecutorBackend, open: OpenOptions, work: LocalWork, reps: Repetitions, hooks: MeasureHooks, clock: Clock): Promise<TracePass> {
  const recorder = new SpanRecorder();
  const timing = await measureBackend(tracedBackend(backend, recorder), open, work, { ...reps, precision: null }, hooks, clock);
  return { timing, spans: recorder.timed(reps.warmup) };
}

/** What tracing the lanes of a group needs from it. */
export interface TraceGroup {
  open: OpenOptions;
  work: LocalWork;
  reps: Repetitions;
  clock: Clock;
  /** Polled between repetitions; true stops the traced repetitions. */
  aborted: () => boolean;
  /** Told which executor is open, as MeasureHooks.onExecutor. */
  onExecutor: (executor: Executor | undefined) => void;
  /** Receives each traced point's spans (the trace file's content). */
  onSpans: (spans: PointSpans) => void;
}

/** A traced point's label in the trace file: suite, backend × workers, target grain. */
export function pointLabel(point: PlannedPoint): string {
  return `${point.suite} · ${point.backend}×${point.workers} · grain ${point.grain.toExponential()} s`;
}

/**
 * Trace each lane that verified (tracePass), one after another, after the group's untraced repetitions;
 * returns each traced lane's trace record (pointTrace: overhead against the lane's untraced median) by
 * lane, and hands its spans to `group.onSpans`. Lanes that failed are not traced.
 */
export async function traceLanes(lanes: readonly Lane[], group: TraceGroup): Promise<Map<Lane, PointTrace>> {
  const traces = new Map<Lane, PointTrace>();
  const deps = (group.work.prepared.tasks as { deps: readonly number[] }[]).map((t) => t.deps);
  for (const lane of lanes) {
    if (!lane.timing.verified || group.aborted()) continue;
    const hooks = { aborted: group.aborted, onExecutor: group.onExecutor };
    const pass = await tracePass(lane.backend, { ...group.open, workers: lane.point.workers }, group.work, group.reps, hooks, group.clock);
    const untraced = lane.timing.samples.length > 0 ? summarize(lane.timing.samples).median : null;
    const { point } = lane;
    traces.set(lane, pointTrace(pass.timing, untraced, group.work.prepared.tasks.length, pass.spans, NODE_TRACE_CLOCK));
    group.onSpans({ label: pointLabel(point), suite: point.suite, backend: point.backend, workers: point.workers, deps, spans: pass.spans });
  }
  return traces;
}
