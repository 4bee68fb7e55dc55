/**
 * The shm executor's shared-memory protocol, used by the driver and the workers alike.
 *
 * Control block (Int32Array `ctl`): the driver publishes a command by bumping EPOCH; workers idle on
 * EPOCH (spin, then park with Atomics.wait, counted in PARKED so the driver wakes only parked ones).
 * A run's ring has one Int32 slot per task: 0 empty, PARKED_SLOT a worker sleeps on it, > 0 the id + 1
 * of the task in it. Workers claim slots in order with Atomics.add(HEAD); whoever makes a task ready
 * (the driver for tasks without dependencies, a worker for the rest) appends it with Atomics.add(TAIL).
 * Every task enters the ring exactly once per run, so the ring never wraps and a claimed slot is
 * always filled eventually. A run is over when every worker has left it (IDLE reaches W): a worker
 * leaves only after claiming a slot past the last task, so by then every task has been claimed and run.
 * For task sets without dependencies the whole ring is written before RUN, and workers claim slots in
 * guided chunks (remaining / (4·W), at most MAX_CHUNK) to spread the claim counter's cost.
 */
// Words written during a run (HEAD, TAIL, IDLE, ARENA_TOP) sit on cache lines of their own (16 Int32s
// = 64 bytes apart), so claiming a slot does not bounce the line others read.
export const CTL = {
  EPOCH: 0,
  CMD: 1,
  COUNT: 2,
  PARKED: 3,
  FAILED: 4,
  INDEPENDENT: 5,
  HEAD: 16,
  TAIL: 32,
  IDLE: 48,
  ARENA_TOP: 64,
  SLOT_PARKS: 80,
} as const;
/** Int32 words in the control block. */
export const CTL_LENGTH = 96;

/** Commands the driver publishes in ctl[CMD]. */
export const CMD = { RUN: 1, LOAD: 2, STOP: 3 } as const;

/** Most slots a worker claims at once in a run without dependencies. */
export const MAX_CHUNK = 64;

/** Slots to claim at once when `remaining` of a dependency-free run are left. */
export function chunkFor(remaining: number, workers: number): number {
  return Math.max(1, Math.min(MAX_CHUNK, Math.floor(remaining / (4 * workers))));
}

/** A ring slot a worker is parked on. */
export const PARKED_SLOT = -1;

/** Append task `task` to the ring; wake the worker parked on its slot, if any. */
export function push(ctl: Int32Array, ring: Int32Array, task: number): void {
  const k = Atomics.add(ctl, CTL.TAIL, 1);
  if (Atomics.exchange(ring, k, task + 1) === PARKED_SLOT) Atomics.notify(ring, k, 1);
}

/**
 * The task in claimed slot `k` (id + 1), spinning `spin` loads before parking on the slot; 0 when the
 * run failed while waiting. Parked, it re-checks every 100 ms.
 */
export function take(ctl: Int32Array, ring: Int32Array, k: number, spin: number): number {
  for (let s = 0; s < spin; s++) {
    const v = Atomics.load(ring, k);
    if (v > 0) return v;
  }
  if (Atomics.compareExchange(ring, k, 0, PARKED_SLOT) === 0) Atomics.add(ctl, CTL.SLOT_PARKS, 1);
  for (;;) {
    const v = Atomics.load(ring, k);
    if (v > 0) return v;
    if (Atomics.load(ctl, CTL.FAILED) !== 0) return 0;
    Atomics.wait(ring, k, PARKED_SLOT, 100);
  }
}

/** Wait until EPOCH differs from `seen`: spin, then park (counted in PARKED). */
export function awaitEpoch(ctl: Int32Array, seen: number, spin: number): number {
  for (let s = 0; s < spin; s++) {
    const e = Atomics.load(ctl, CTL.EPOCH);
    if (e !== seen) return e;
  }
  Atomics.add(ctl, CTL.PARKED, 1);
  let e = Atomics.load(ctl, CTL.EPOCH);
  while (e === seen) {
    Atomics.wait(ctl, CTL.EPOCH, seen);
    e = Atomics.load(ctl, CTL.EPOCH);
  }
  Atomics.sub(ctl, CTL.PARKED, 1);
  return e;
}

/** Publish a command: bump EPOCH, and notify only if some worker is parked on it. */
export function publish(ctl: Int32Array, command: number): void {
  Atomics.store(ctl, CTL.IDLE, 0);
  Atomics.store(ctl, CTL.CMD, command);
  Atomics.add(ctl, CTL.EPOCH, 1);
  if (Atomics.load(ctl, CTL.PARKED) > 0) Atomics.notify(ctl, CTL.EPOCH);
}

/** A point's dependency graph in shared memory (compressed rows), plus the run's ring and counters. */
export interface SharedGraph {
  depStart: SharedArrayBuffer;
  depList: SharedArrayBuffer;
  dependentStart: SharedArrayBuffer;
  dependentList: SharedArrayBuffer;
  /** Per task: dependencies not yet done in this run. */
  pending: SharedArrayBuffer;
  /** One Int32 slot per task (see the module comment). */
  ring: SharedArrayBuffer;
}

/**
 * Where traced workers (OpenOptions.trace) write each task's instants: `times` holds two Float64s per
 * task (started, finished: ms on the common clock, src/backends/trace-clock.ts), `workers` one Int32 per
 * task (the threadId that ran it).
 */
export interface ShmTrace {
  times: SharedArrayBuffer;
  workers: SharedArrayBuffer;
}

/** What a worker receives once per point (through its port, read synchronously on LOAD); `trace` only when tracing. */
export type LoadMessage = (
  | { results: 'shared'; count: number; graph: SharedGraph; layout: import('../../../suites/shared.js').SharedLayout }
  | { results: 'serialized'; count: number; graph: SharedGraph; payloads: unknown[]; arena: SharedArrayBuffer; slots: SharedArrayBuffer }
) & { trace?: ShmTrace };
