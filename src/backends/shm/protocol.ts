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
 * guided chunks (remaining / (4·W), at most MAX_CHUNK) to spread the claim counter's cost; in a graph the
 * slots of the tasks ready at the start (ROOTS of them, written before RUN) are claimed the same way.
 * In a graph a worker that releases a dependent runs it itself (one per finished task; the others go
 * into the ring), so fewer than all tasks pass through the ring: the worker that finishes the last sink
 * (a task nothing depends on; DONE counts them up to SINKS, and every task is done once every sink is)
 * fills every slot not yet filled with STOP_SLOT, and a worker leaves on STOP_SLOT.
 * In a team (W − 1 worker threads) the driver is the W-th member: it claims chunks like a worker when
 * every slot is filled before RUN, and in a graph only slots already holding a task (claimReady), so it
 * never waits on a slot. Outside a team it takes tasks only while the workers wake (until JOINED, the
 * workers that entered the run, reaches W), claiming only slots filled before RUN.
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
  DONE: 96,
  JOINED: 112,
  ROOTS: 6,
  SINKS: 7,
} as const;
/** Int32 words in the control block. */
export const CTL_LENGTH = 128;

/** Commands the driver publishes in ctl[CMD]. */
export const CMD = { RUN: 1, LOAD: 2, STOP: 3, PRIME: 4 } as const;

/** Most slots a worker claims at once in a run without dependencies. */
export const MAX_CHUNK = 64;

/** Slots to claim at once when `remaining` of a dependency-free run are left. */
export function chunkFor(remaining: number, workers: number): number {
  return Math.max(1, Math.min(MAX_CHUNK, Math.floor(remaining / (4 * workers))));
}

/** A ring slot a worker is parked on. */
export const PARKED_SLOT = -1;
/** A ring slot filled after the last task finished: the worker that claimed it leaves the run. */
export const STOP_SLOT = -2;

/**
 * Claim one slot among the first `filled` (written before RUN) with compare-and-exchange, never past
 * them: the driver's claim, which must not wait on an empty slot. Returns the slot, or -1 when none is left.
 */
export function claimFilled(ctl: Int32Array, filled: number): number {
  for (;;) {
    const head = Atomics.load(ctl, CTL.HEAD);
    if (head >= filled) return -1;
    if (Atomics.compareExchange(ctl, CTL.HEAD, head, head + 1) === head) return head;
  }
}

/**
 * Claim the slot at HEAD only if a task is already in it, with compare-and-exchange: the driver's claim
 * in a team, which must never wait on a slot. Returns the slot; -1 when HEAD's slot is still empty (or
 * STOP_SLOT), or every slot is claimed.
 */
export function claimReady(ctl: Int32Array, ring: Int32Array, count: number): number {
  for (;;) {
    const head = Atomics.load(ctl, CTL.HEAD);
    if (head >= count || Atomics.load(ring, head) <= 0) return -1;
    if (Atomics.compareExchange(ctl, CTL.HEAD, head, head + 1) === head) return head;
  }
}

/**
 * Count a finished sink; the one that finishes the last of SINKS fills every one of the ring's `count`
 * slots still empty (or parked on) with STOP_SLOT, waking a worker parked there, so every claimed slot ends.
 */
export function finishSink(ctl: Int32Array, ring: Int32Array, count: number): void {
  if (Atomics.add(ctl, CTL.DONE, 1) + 1 !== Atomics.load(ctl, CTL.SINKS)) return;
  for (let k = Atomics.load(ctl, CTL.TAIL); k < count; k++) {
    if (Atomics.exchange(ring, k, STOP_SLOT) === PARKED_SLOT) Atomics.notify(ring, k, 1);
  }
}

/** Append task `task` to the ring; wake the worker parked on its slot, if any. */
export function push(ctl: Int32Array, ring: Int32Array, task: number): void {
  const k = Atomics.add(ctl, CTL.TAIL, 1);
  if (Atomics.exchange(ring, k, task + 1) === PARKED_SLOT) Atomics.notify(ring, k, 1);
}

/**
 * The task in claimed slot `k` (id + 1), spinning `spin` loads before parking on the slot; 0 when the
 * run failed while waiting or the slot holds STOP_SLOT (the run is over). Parked, it re-checks every 100 ms.
 */
export function take(ctl: Int32Array, ring: Int32Array, k: number, spin: number): number {
  for (let s = 0; s < spin; s++) {
    const v = Atomics.load(ring, k);
    if (v > 0) return v;
    if (v === STOP_SLOT) return 0;
  }
  if (Atomics.compareExchange(ring, k, 0, PARKED_SLOT) === 0) Atomics.add(ctl, CTL.SLOT_PARKS, 1);
  for (;;) {
    const v = Atomics.load(ring, k);
    if (v > 0) return v;
    if (v === STOP_SLOT || Atomics.load(ctl, CTL.FAILED) !== 0) return 0;
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
