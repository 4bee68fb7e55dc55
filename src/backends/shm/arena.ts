/**
 * Results of suites without a shared-memory form: each result is serialized (v8.serialize, the
 * structured-clone format) into one shared, growable byte arena, where the tasks that depend on it and,
 * after the run, the driver read it back. A task still moves no message; its result costs one
 * serialization instead of a postMessage.
 */
import { deserialize, serialize } from 'node:v8';
import { CTL } from './protocol.js';

/** Bytes the result arena starts with (1 MiB). */
export const ARENA_INITIAL_BYTES = 1 << 20;
/** Bytes the result arena may grow to (1 GiB). */
export const ARENA_MAX_BYTES = 1 << 30;

type Growable = SharedArrayBuffer & { grow(length: number): void; readonly maxByteLength: number };

/** A growable SharedArrayBuffer of ARENA_INITIAL_BYTES bytes that may grow up to ARENA_MAX_BYTES. */
export function newArena(): SharedArrayBuffer {
  const Ctor = SharedArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => SharedArrayBuffer;
  return new Ctor(ARENA_INITIAL_BYTES, { maxByteLength: ARENA_MAX_BYTES });
}

/** Per task two Int32s: [byte offset, byte length] of its serialized result (8 bytes per task, at least one task). */
export function newSlots(tasks: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(1, tasks) * 8);
}

/**
 * A worker's (or the driver's) view of the arena: `write` serializes a task's result at the next free
 * offset (ctl[ARENA_TOP], claimed atomically), growing the arena as needed, and records its slot;
 * `read` deserializes a task's result.
 */
export class ArenaWriter {
  private readonly bytes: Uint8Array;
  private readonly slots: Int32Array;

  constructor(
    private readonly ctl: Int32Array,
    private readonly arena: SharedArrayBuffer,
    slots: SharedArrayBuffer,
  ) {
    this.bytes = new Uint8Array(arena); // length-tracking: follows grow()
    this.slots = new Int32Array(slots);
  }

  /**
   * Store task `task`'s result. Throws a plain Error when the results would exceed ARENA_MAX_BYTES, and
   * whatever v8.serialize throws for a value it cannot clone.
   */
  write(task: number, value: unknown): void {
    const data = serialize(value);
    const at = Atomics.add(this.ctl, CTL.ARENA_TOP, data.length);
    const end = at + data.length;
    if (end > ARENA_MAX_BYTES || end < at) throw new Error(`task results exceed the shared result arena (${ARENA_MAX_BYTES} bytes)`);
    const arena = this.arena as Growable;
    while (arena.byteLength < end) {
      try {
        arena.grow(Math.min(ARENA_MAX_BYTES, Math.max(end, arena.byteLength * 2)));
      } catch {
        // another worker grew it meanwhile; check again
      }
    }
    this.bytes.set(data, at);
    this.slots[task * 2] = at;
    this.slots[task * 2 + 1] = data.length;
  }

  /** The result task `task` wrote (a new copy each call). */
  read(task: number): unknown {
    return readSlot(this.bytes, this.slots, task);
  }
}

function readSlot(bytes: Uint8Array, slots: Int32Array, task: number): unknown {
  const at = slots[task * 2]!;
  return deserialize(bytes.subarray(at, at + slots[task * 2 + 1]!));
}

/** The driver's read-back after a run: the first `count` tasks' results, in task order. */
export function readAll(arena: SharedArrayBuffer, slots: SharedArrayBuffer, count: number): unknown[] {
  const bytes = new Uint8Array(arena);
  const view = new Int32Array(slots);
  return Array.from({ length: count }, (_, i) => readSlot(bytes, view, i));
}
