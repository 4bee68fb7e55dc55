/**
 * What the HTML report shows of a traced run (run --trace): the task stream of each traced point, per
 * worker lane, read back from its trace file (src/trace/trace-events.ts), and the decomposition table
 * from run.json. Pure: the caller reads the files.
 */
import type { PointRecord } from '../record/index.js';
import type { TraceEvent, TraceFile } from '../trace/trace-events.js';
import { formatGrain, formatSeconds } from './format.js';

/** One traced point's task stream: lanes (workers) and tasks as [lane, start µs, end µs, task]. */
export interface StreamPoint {
  /** Element id suffix, unique in the page. */
  id: string;
  label: string;
  lanes: string[];
  /** Times in µs from the point's first task start. */
  tasks: [number, number, number, number][];
}

/** Group trace events by process id, in order of first appearance. */
function byProcess(events: readonly TraceEvent[]): Map<number, TraceEvent[]> {
  const groups = new Map<number, TraceEvent[]>();
  for (const e of events) {
    const list = groups.get(e.pid);
    if (list) list.push(e);
    else groups.set(e.pid, [e]);
  }
  return groups;
}

/**
 * The task stream of every point (process) of a trace file: its name, its threads as lanes (in tid
 * order) and its complete events as tasks, times in µs from its first task's start. `prefix` makes the
 * ids unique across runs.
 */
export function taskStreams(file: TraceFile, prefix: string): StreamPoint[] {
  return [...byProcess(file.traceEvents)].flatMap(([pid, events]) => {
    const label = events.find((e) => e.name === 'process_name')?.args?.name;
    const threads = events.filter((e) => e.name === 'thread_name').sort((a, b) => a.tid - b.tid);
    const complete = events.filter((e) => e.ph === 'X');
    if (complete.length === 0) return [];
    const origin = complete.reduce((min, e) => Math.min(min, e.ts!), Infinity);
    const lane = new Map(threads.map((t, i) => [t.tid, i]));
    const round = (us: number) => Math.round(us * 1000) / 1000;
    return [{
      id: `${prefix}-${pid}`,
      label: String(label ?? `process ${pid}`),
      lanes: threads.map((t) => String(t.args?.name ?? `thread ${t.tid}`)),
      tasks: complete.map((e): [number, number, number, number] => [lane.get(e.tid) ?? 0, round(e.ts! - origin), round(e.ts! + e.dur! - origin), Number(e.args?.task ?? -1)]),
    }];
  });
}

/** Header of the decomposition table (seconds per task unless said). */
export const DECOMPOSITION_HEAD = ['point', 'dispatch', 'of which queued', 'execute', 'return', 'idle', 'tracing overhead', 'clock error', 'note'];

/**
 * One row per traced point of `points`: its suite, backend × W and grain, then per task dispatch, the
 * queued part of it, execute, return, idle (decomposition), the tracing overhead per task and the
 * clock's alignment error bound, formatted as the tables do (formatSeconds); '–' where absent, the
 * trace's error in the note.
 */
export function decompositionRows(points: readonly PointRecord[]): string[][] {
  const s = formatSeconds;
  return points.flatMap((p) => {
    if (!p.trace) return [];
    const d = p.trace.decomposition;
    const name = `${p.suite} · ${p.backend}×${p.workers} · ${formatGrain(p.grain.target)} s`;
    return [[name, s(d?.dispatchSeconds), s(d?.queuedSeconds), s(d?.executeSeconds), s(d?.returnSeconds), s(d?.idlePerTaskSeconds), s(p.trace.overheadPerTaskSeconds), s(p.trace.clock.alignmentErrorSeconds), p.trace.error?.message ?? '']];
  });
}
