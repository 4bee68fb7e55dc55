/**
 * The live view's counters (`run --live`): one SharedArrayBuffer per pool, one slot per worker, written by
 * the worker with plain Atomics stores around each task and read by the main thread a few times a
 * second. No messages, no clock: a worker stores that it is busy and on which part of the input, runs
 * the kernel, then stores its new task count and that it is idle.
 *
 * Layout (Int32): [0] slots claimed; then per slot SLOT_FIELDS values: tasks done, busy (0/1), span start,
 * span end (−1 when the suite has no span).
 */

/** Int32 values per worker slot. */
export const SLOT_FIELDS = 4;

/** What the main thread reads of one worker (tasks done, whether it runs a task now, and which part of the input). */
export interface WorkerCounters {
  done: number;
  busy: boolean;
  /** [start, end) of the input the current (or last) task works on, in the suite's unit; null without a span. */
  span: [number, number] | null;
}

/** A buffer for up to `slots` workers (every field zero, no slot claimed). */
export function liveBuffer(slots: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (1 + slots * SLOT_FIELDS));
}

/**
 * A worker's writer: claims the next free slot (none left: a writer that writes nothing) and returns
 * `around(run, span)`, which wraps one task: busy and span stored before `run`, the new count and idle
 * after it. `guarded` (the default) stores them also when `run` throws (try/finally); unguarded, a task
 * that throws leaves its slot busy, for loops whose failure ends the run anyway (shm): in the runner's
 * own thread, a try/finally around every task made the tasks of an shm team 2× slower.
 */
export function liveWriter(buffer: SharedArrayBuffer, guarded = true): <T>(run: () => T, span?: readonly [number, number]) => T {
  const view = new Int32Array(buffer);
  const slot = Atomics.add(view, 0, 1);
  if (slot >= (view.length - 1) / SLOT_FIELDS) return (run) => run();
  const base = 1 + slot * SLOT_FIELDS;
  let done = 0;
  const begin = (span: readonly [number, number] | undefined) => {
    Atomics.store(view, base + 2, span ? span[0] : -1);
    Atomics.store(view, base + 3, span ? span[1] : -1);
    Atomics.store(view, base + 1, 1);
  };
  const end = () => {
    Atomics.store(view, base, ++done);
    Atomics.store(view, base + 1, 0);
  };
  if (!guarded) {
    return (run, span) => {
      begin(span);
      const result = run();
      end();
      return result;
    };
  }
  return (run, span) => {
    begin(span);
    try {
      return run();
    } finally {
      end();
    }
  };
}

/** The counters of every claimed slot, in slot order. Throws nothing. */
export function readCounters(buffer: SharedArrayBuffer): WorkerCounters[] {
  const view = new Int32Array(buffer);
  const claimed = Math.min(Atomics.load(view, 0), (view.length - 1) / SLOT_FIELDS);
  return Array.from({ length: claimed }, (_, slot) => {
    const base = 1 + slot * SLOT_FIELDS;
    const start = Atomics.load(view, base + 2);
    const end = Atomics.load(view, base + 3);
    return { done: Atomics.load(view, base), busy: Atomics.load(view, base + 1) === 1, span: start >= 0 && end >= 0 ? [start, end] : null };
  });
}
