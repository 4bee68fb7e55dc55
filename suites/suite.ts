/**
 * The suite interface. A suite is pure: it builds an input, splits it into tasks for a given work knob,
 * runs one task (the kernel, which is what a worker executes), combines task results and verifies them.
 * It knows nothing about backends, clocks or I/O.
 */
import type { SharedForm } from './shared.js';

/** A suite parameter, settable as `--<name>` on the command line or in `suiteParams` in the config. */
export type ParamSpec =
  | { name: string; type: 'integer' | 'number'; description: string; default: number; min: number; max: number }
  | { name: string; type: 'choice'; description: string; default: string; choices: readonly string[] }
  | { name: string; type: 'string'; description: string; default: string | null };

export type ParamValue = number | string | null;
export type SuiteParams = Record<string, ParamValue>;

/**
 * The work knob calibration tunes: `chunk` units of the suite's data per task, and `work` rounds of
 * calibrated arithmetic per unit. Calibration moves `chunk` first and `work` when a chunk cannot grow.
 */
export interface Knob {
  /** Units of the suite's data per task (KnobRange.chunkUnit). */
  chunk: number;
  /** Rounds of calibrated arithmetic (spin) per unit of cost (the suite's `knob` line says which); 0 for none. */
  work: number;
}

/** The knob values calibration may choose from, for one input. */
export interface KnobRange {
  /** What one unit of `chunk` is, e.g. "elements" or "calls". */
  chunkUnit: string;
  /** Smallest and largest `chunk`, in chunkUnit. */
  chunkMin: number;
  chunkMax: number;
  /** Upper bound on rounds of work per unit. */
  workMax: number;
}

/** One task: plain, structured-clone-able data, and the indices of tasks whose results it needs. */
export interface Task<P> {
  payload: P;
  /** Indices of earlier tasks (always lower than this task's own index) whose results this task takes. */
  deps: number[];
}

/**
 * A kernel that writes its array result into output allocated once per task set, for inline execution
 * (the sequential reference, in the main thread or in an isolate, and calibration), so those time the
 * kernel and not the allocator. Used only for task sets without dependencies. Backends that send a
 * result run `kernel` and allocate: moving the result is part of their cost.
 */
export interface InlineForm<P, O, C, B> {
  /** The output for the first `count` of `tasks` (with the suite's context), allocated once before any timing. */
  output(tasks: readonly Task<P>[], count: number, context: C): B;
  /**
   * Task `index` (its position in the task set): the same work as `kernel`, with its array written into
   * `out`; returns the result's one number (the work checksum, a 32-bit integer).
   */
  kernel(payload: P, context: C, out: B, index: number): number;
  /** Task `index`'s result exactly as `kernel` returns it, from `out` and the number `kernel` returned. */
  result(out: B, index: number, scalar: number, payload: P): O;
}

export interface Suite<I = unknown, P = unknown, O = unknown, R = unknown, C = unknown> {
  readonly name: string;
  readonly description: string;
  /** One line on what the suite stresses in a runtime. */
  readonly stresses: string;
  readonly params: readonly ParamSpec[];
  /** One line on what `chunk` and `work` mean for this suite, shown by `parbench list`. */
  readonly knob?: string;
  /** When true, the runner times each task of a split sequentially and records the load imbalance. */
  readonly reportImbalance?: boolean;
  /** How the suite's input reaches workers (e.g. once per worker through `context`), recorded per point. */
  readonly sharing?: string;
  /** Checks parameter combinations; returns a message naming the problem, or null. */
  checkParams?(params: SuiteParams): { param: string; detail: string } | null;
  /** Build the input from checked parameters and a seed; the same parameters and seed give the same input. */
  makeInput(params: SuiteParams, seed: number): I;
  /** The knob values calibration may choose from for this input. */
  knobRange(input: I): KnobRange;
  /** The tasks of `input` at `knob`, dependencies before the tasks that take them. */
  split(input: I, knob: Knob): Task<P>[];
  /** Data every worker receives once when a pool opens (not per task). */
  context?(input: I): C;
  /**
   * One task: its payload, its dependencies' results in `deps` order, and the context. What it throws
   * the backend reports as TASK_FAILED.
   */
  kernel(payload: P, deps: O[], context: C): O;
  /** The suite's result from every task's result, in task order. */
  combine(input: I, results: O[]): R;
  /** null when `actual` equals `expected`, otherwise what differs. */
  verify(actual: R, expected: R): string | null;
  /** A short, stable fingerprint of a result for the run record. */
  checksum(result: R): string;
  /**
   * Optional: the part of the input a task works on, [start, end) in the suite's own unit (elements,
   * rows), for the live view's bar over the input (`run --live`). Pure and cheap.
   */
  span?(payload: P): readonly [number, number];
  /** Optional: the tasks as descriptors over shared memory, for executors that move no data (shm). */
  shared?: SharedForm<P, O>;
  /** Optional: the kernel writing into preallocated output, for inline execution (InlineForm). */
  inline?: InlineForm<P, O, C, any>;
}

/** A suite of any input, payload and result types: what registries and the runner hold. */
export type AnySuite = Suite<any, any, any, any, any>;
