/**
 * Where a task's time goes: the decomposition of a traced point into dispatch (submitted → started),
 * execute (started → finished), return (finished → received) and each worker's idle time, from task
 * spans (spans.ts). Pure.
 */
import type { TraceDecomposition } from '../record/index.js';
import { msToSeconds, type TaskSpan } from './spans.js';

/** A decomposition and how many of its intervals had to be clamped at 0 (misaligned clocks). */
export interface Decomposed {
  decomposition: TraceDecomposition;
  negativeIntervals: number;
}

interface WorkerTotals {
  tasks: number;
  busy: number;
  idle: number;
}

/** Group `items` by `key`, keeping their order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * For one worker's spans of one repetition, the milliseconds each task waited while the worker still ran
 * its previous task: min(started, previous finished) − submitted, at least 0. Summed.
 */
function queuedOnWorker(spans: readonly TaskSpan[]): number {
  const byStart = [...spans].sort((a, b) => a.started - b.started);
  let queued = 0;
  let free = -Infinity;
  for (const span of byStart) {
    queued += Math.max(0, Math.min(span.started, free) - span.submitted);
    free = Math.max(free, span.finished);
  }
  return queued;
}

/** Add one repetition's busy and idle time (window = first submit → last result) to each worker's totals; returns the queued ms. */
function addRepetition(spans: readonly TaskSpan[], workers: readonly string[], totals: Map<string, WorkerTotals>): number {
  let first = Infinity;
  let last = -Infinity;
  for (const s of spans) {
    first = Math.min(first, s.submitted);
    last = Math.max(last, s.received);
  }
  const window = last - first;
  const byWorker = groupBy(spans, (s) => s.worker);
  let queued = 0;
  for (const worker of workers) {
    const own = byWorker.get(worker) ?? [];
    const busy = own.reduce((sum, s) => sum + (s.finished - s.started), 0);
    const total = totals.get(worker)!;
    total.tasks += own.length;
    total.busy += busy;
    total.idle += Math.max(0, window - busy);
    queued += queuedOnWorker(own);
  }
  return queued;
}

/**
 * The decomposition of a point's task spans (every traced repetition): mean dispatch, queued, execute
 * and return time per task, idle time per task and per worker, in seconds. An interval a misaligned
 * clock made negative counts as 0 and is counted in `negativeIntervals`. Workers are those that ran at
 * least one task, in order of first appearance. Returns null for no spans.
 */
export function decompose(spans: readonly TaskSpan[]): Decomposed | null {
  if (spans.length === 0) return null;
  let negative = 0;
  const clamp = (ms: number) => {
    if (ms < 0) negative++;
    return Math.max(0, ms);
  };
  let dispatch = 0;
  let execute = 0;
  let back = 0;
  for (const s of spans) {
    dispatch += clamp(s.started - s.submitted);
    execute += Math.max(0, s.finished - s.started);
    back += clamp(s.received - s.finished);
  }
  const workers = [...new Set(spans.map((s) => s.worker))];
  const totals = new Map(workers.map((w) => [w, { tasks: 0, busy: 0, idle: 0 }]));
  const repetitions = groupBy(spans, (s) => s.repetition);
  let queued = 0;
  for (const rep of repetitions.values()) queued += addRepetition(rep, workers, totals);
  const n = spans.length;
  const idle = [...totals.values()].reduce((sum, t) => sum + t.idle, 0);
  const perTask = (ms: number) => msToSeconds(ms) / n;
  return {
    negativeIntervals: negative,
    decomposition: {
      tasks: n,
      repetitions: repetitions.size,
      dispatchSeconds: perTask(dispatch),
      queuedSeconds: perTask(Math.min(queued, dispatch)),
      executeSeconds: perTask(execute),
      returnSeconds: perTask(back),
      idlePerTaskSeconds: perTask(idle),
      workers: workers.map((worker) => {
        const t = totals.get(worker)!;
        return { worker, tasks: t.tasks, busySeconds: msToSeconds(t.busy), idleSeconds: msToSeconds(t.idle) };
      }),
    },
  };
}
