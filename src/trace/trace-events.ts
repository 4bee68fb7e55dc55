/**
 * A traced run as Chrome trace-event JSON (trace.json beside run.json), which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: one process per traced point, one thread (track) per
 * worker, a complete ("X") event per task, and flow events ("s" → "f") from each task to the tasks that
 * take its result (fib's and hull's dependencies). Format: the Trace Event Format document
 * (https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU), JSON Object
 * Format; timestamps in microseconds. Pure.
 */
import type { PointSpans, TaskSpan } from './spans.js';

/** A trace event of the kinds this file emits (see trace-event-schema.ts for the checked shape). */
export interface TraceEvent {
  name: string;
  ph: 'X' | 'M' | 's' | 'f';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  id?: number;
  bp?: 'e';
  args?: Record<string, string | number>;
}

/** The JSON Object Format of a trace file. */
export interface TraceFile {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms' | 'ns';
  otherData: Record<string, string>;
}

/** Microseconds since `origin` (ms), rounded to nanoseconds so the file stays short. */
function micros(ms: number, origin: number): number {
  return Math.round((ms - origin) * 1e6) / 1e3;
}

/** The spans a trace file shows of a point: its last traced repetition. */
export function shownSpans(spans: readonly TaskSpan[]): TaskSpan[] {
  const last = spans.reduce((max, s) => Math.max(max, s.repetition), -1);
  return spans.filter((s) => s.repetition === last);
}

/** Metadata and one X event per task of one point (process `pid`), workers numbered from 1 in order of appearance. */
function pointEvents(point: PointSpans, pid: number, origin: number): { events: TraceEvent[]; tids: Map<number, number>; spans: Map<number, TaskSpan> } {
  const shown = shownSpans(point.spans);
  const workers = [...new Set(shown.map((s) => s.worker))];
  const events: TraceEvent[] = [
    { name: 'process_name', ph: 'M', pid, tid: 0, args: { name: point.label } },
    { name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: pid } },
    ...workers.map((worker, i): TraceEvent => ({ name: 'thread_name', ph: 'M', pid, tid: i + 1, args: { name: worker } })),
  ];
  const tids = new Map<number, number>();
  const spans = new Map<number, TaskSpan>();
  for (const s of shown) {
    const tid = workers.indexOf(s.worker) + 1;
    tids.set(s.task, tid);
    spans.set(s.task, s);
    const args = { task: s.task, dispatch_us: micros(s.started, s.submitted), return_us: micros(s.received, s.finished) };
    events.push({ name: `task ${s.task}`, cat: 'task', ph: 'X', pid, tid, ts: micros(s.started, origin), dur: micros(s.finished, s.started), args });
  }
  return { events, tids, spans };
}

/**
 * Flow events from each shown task to each shown task that depends on it: "s" at the start of the
 * dependency's slice, "f" (binding to the enclosing slice, bp "e") at the start of the dependent's.
 * Ids are unique within the file (`nextId` counts on).
 */
function flowEvents(point: PointSpans, pid: number, origin: number, shown: ReturnType<typeof pointEvents>, nextId: () => number): TraceEvent[] {
  const events: TraceEvent[] = [];
  point.deps.forEach((deps, task) => {
    const to = shown.spans.get(task);
    if (!to) return;
    for (const dep of deps) {
      const from = shown.spans.get(dep);
      if (!from) continue;
      const id = nextId();
      events.push({ name: 'result', cat: 'dependency', ph: 's', id, pid, tid: shown.tids.get(dep)!, ts: micros(from.started, origin) });
      events.push({ name: 'result', cat: 'dependency', ph: 'f', bp: 'e', id, pid, tid: shown.tids.get(task)!, ts: micros(to.started, origin) });
    }
  });
  return events;
}

/**
 * The trace file of a run's traced points: timestamps in µs from the earliest shown submit, each point a
 * process (pid from 1 in `points` order), its last traced repetition shown (shownSpans). `otherData`
 * carries what the caller passes (run id, clock).
 */
export function traceFile(points: readonly PointSpans[], otherData: Record<string, string> = {}): TraceFile {
  const origin = points.flatMap((p) => shownSpans(p.spans)).reduce((min, s) => Math.min(min, s.submitted), Infinity);
  let id = 0;
  const nextId = () => ++id;
  const traceEvents = points.flatMap((point, i) => {
    const shown = pointEvents(point, i + 1, origin);
    return [...shown.events, ...flowEvents(point, i + 1, origin, shown, nextId)];
  });
  return { traceEvents, displayTimeUnit: 'ns', otherData };
}
