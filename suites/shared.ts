/**
 * The shared-memory form of a suite (optional): how a point's tasks look as numeric descriptors over
 * inputs and result slots in SharedArrayBuffers, so an executor can run them without moving data.
 * The suite's own `kernel` still does the work: the form only says how to see a task's payload in shared
 * memory and where its result goes. Steps: `layout` on the driver once per point (not timed), `bind`
 * in each worker once per point, and `collect` on the driver after a run (results as `kernel` returns them).
 */
import type { Task } from './suite.js';

/** A point's tasks in shared memory: buffers every worker maps, plus small plain numbers. */
export interface SharedLayout {
  /** Named shared buffers (inputs, descriptors, result slots). */
  buffers: Record<string, SharedArrayBuffer>;
  /** Plain numbers a worker needs besides the buffers (e.g. the task count). */
  meta: Record<string, number>;
}

/** A worker's views of one point: task payloads and results, read and written in shared memory. */
export interface SharedViews<P, O> {
  /** The payload of task `index` as `kernel` takes it, viewing shared memory (no copy of array data). */
  payload(index: number): P;
  /** The result of (finished) task `index`, as `kernel` returned it, for the tasks that depend on it. */
  result(index: number): O;
  /** Write task `index`'s result into its shared slots. */
  store(index: number, output: O): void;
  /**
   * Optional: run task `index` straight from and into shared memory — what `store(index, kernel(payload(index),
   * deps))` does, through the same work function, without building payload, dependency and result
   * objects (its dependencies' results are read from their slots). Used instead of the three when present.
   */
  run?(index: number, context: unknown): void;
}

export interface SharedForm<P, O> {
  /** Driver, once per point (untimed): copy the tasks' inputs and descriptors into shared buffers. */
  layout(tasks: readonly Task<P>[]): SharedLayout;
  /** Worker, once per point: views of the layout's payloads and result slots. */
  bind(layout: SharedLayout): SharedViews<P, O>;
  /** Driver, after a run: the first `count` tasks' results, in task order, as `kernel` returns them. */
  collect(layout: SharedLayout, count: number): O[];
}

/** A zero-filled Int32Array of `length` elements (at least one) over a new SharedArrayBuffer. */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4));
}

/** A zero-filled Float64Array of `length` elements (at least one) over a new SharedArrayBuffer. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8));
}
