/**
 * fib: the seed study's recursive Fibonacci as a task graph. fib(k) for k < 2 is a leaf task; for k ≥ 2
 * it spawns fib(k−1) and fib(k−2) and an add task that depends on both. Every call is one task, so
 * fib(n) has calls(n) = calls(n−1) + calls(n−2) + 1 tasks (fib(5): 15, fib(20): 21,891), and every task
 * performs `work` rounds of calibrated arithmetic besides its own step.
 */
import type { Knob, Suite, SuiteParams, Task } from './suite.js';
import { sharedFloat64, sharedInt32, type SharedForm } from './shared.js';
import { sameNumber } from './checksum.js';
import { spin } from './work.js';

export interface FibInput {
  n: number;
}

/** [op, n, work]: op 0 is a leaf returning n, op 1 adds the results of its two dependencies. */
export type FibPayload = [op: 0 | 1, n: number, work: number];
/** [value, work checksum]. */
export type FibOutput = [value: number, spin: number];

export interface FibResult {
  value: number;
  spin: number;
  tasks: number;
}

/** Largest n the fib suite accepts: fib(25) is a graph of 242,785 tasks. */
export const FIB_MAX_N = 25;

/** Number of calls (tasks) in the recursive graph of fib(n). */
export function fibCalls(n: number): number {
  let a = 1;
  let b = 1;
  for (let k = 2; k <= n; k++) [a, b] = [b, a + b + 1];
  return n < 1 ? 1 : b;
}

/** fib(n) by iteration, for verifying the graph. */
export function fibValue(n: number): number {
  let a = 0;
  let b = 1;
  for (let k = 0; k < n; k++) [a, b] = [b, a + b];
  return a;
}

function buildGraph(n: number, work: number): Task<FibPayload>[] {
  const tasks: Task<FibPayload>[] = [];
  const visit = (k: number): number => {
    if (k < 2) {
      tasks.push({ payload: [0, k, work], deps: [] });
    } else {
      const left = visit(k - 1);
      const right = visit(k - 2);
      tasks.push({ payload: [1, k, work], deps: [left, right] });
    }
    return tasks.length - 1;
  };
  visit(n);
  return tasks;
}

/** A leaf's or an add's work checksum: `work` rounds seeded from the leaf's n, or from its inputs' checksums and n. */
function fibSpin(op: 0 | 1, n: number, work: number, left: number, right: number): number {
  return op === 0 ? spin(work, n + 1) : spin(work, left ^ right ^ n);
}

/** Descriptor fields per node in shared memory: op, n, work, and the two inputs of an add. */
const STRIDE = 5;

/**
 * fib over shared memory: node descriptors (op, n, work, left, right) in a shared Int32Array, each
 * node's value and work checksum stored in shared slots that the nodes depending on it read.
 */
export const fibShared: SharedForm<FibPayload, FibOutput> = {
  layout(tasks) {
    const descriptors = sharedInt32(tasks.length * STRIDE);
    tasks.forEach(({ payload, deps }, i) => descriptors.set([...payload, deps[0] ?? 0, deps[1] ?? 0], i * STRIDE));
    const values = sharedFloat64(tasks.length);
    const spins = sharedInt32(tasks.length);
    return { buffers: { descriptors: descriptors.buffer as SharedArrayBuffer, values: values.buffer as SharedArrayBuffer, spins: spins.buffer as SharedArrayBuffer }, meta: { tasks: tasks.length } };
  },
  bind({ buffers }) {
    const d = new Int32Array(buffers.descriptors!);
    const values = new Float64Array(buffers.values!);
    const spins = new Int32Array(buffers.spins!);
    return {
      payload: (i): FibPayload => [d[i * STRIDE] as 0 | 1, d[i * STRIDE + 1]!, d[i * STRIDE + 2]!],
      result: (i): FibOutput => [values[i]!, spins[i]!],
      store(i, [value, work]) {
        values[i] = value;
        spins[i] = work;
      },
      run(i) {
        const at = i * STRIDE;
        const op = d[at] as 0 | 1;
        const n = d[at + 1]!;
        const left = d[at + 3]!;
        const right = d[at + 4]!;
        values[i] = op === 0 ? n : values[left]! + values[right]!;
        spins[i] = op === 0 ? fibSpin(0, n, d[at + 2]!, 0, 0) : fibSpin(1, n, d[at + 2]!, spins[left]!, spins[right]!);
      },
    };
  },
  collect({ buffers }, count) {
    const values = new Float64Array(buffers.values!);
    const spins = new Int32Array(buffers.spins!);
    return Array.from({ length: count }, (_, i): FibOutput => [values[i]!, spins[i]!]);
  },
};

/** The fib suite: calls(n) tasks, the chunk fixed at one call, the grain set by `work` alone. */
export const fib: Suite<FibInput, FibPayload, FibOutput, FibResult> = {
  name: 'fib',
  description: 'recursive Fibonacci as a dependency graph: fib(k) waits on fib(k-1) and fib(k-2)',
  stresses: 'dependency-driven scheduling: a task becomes ready only when its inputs are done',
  params: [
    { name: 'n', type: 'integer', description: 'compute fib(n); the graph has calls(n) tasks', default: 10, min: 0, max: FIB_MAX_N },
  ],
  makeInput(params: SuiteParams): FibInput {
    return { n: Number(params.n) };
  },
  knobRange() {
    return { chunkUnit: 'call', chunkMin: 1, chunkMax: 1, workMax: 50_000_000 };
  },
  split(input: FibInput, knob: Knob): Task<FibPayload>[] {
    return buildGraph(input.n, knob.work);
  },
  kernel([op, n, work]: FibPayload, deps: FibOutput[]): FibOutput {
    if (op === 0) return [n, fibSpin(0, n, work, 0, 0)];
    const [a, b] = deps as [FibOutput, FibOutput];
    return [a[0] + b[0], fibSpin(1, n, work, a[1], b[1])];
  },
  combine(input: FibInput, results: FibOutput[]): FibResult {
    const root = results[results.length - 1]!;
    return { value: root[0], spin: root[1], tasks: results.length };
  },
  verify(actual: FibResult, expected: FibResult): string | null {
    if (actual.tasks !== expected.tasks) return `${actual.tasks} tasks, expected ${expected.tasks}`;
    if (!sameNumber(actual.value, expected.value)) return `fib = ${actual.value}, expected ${expected.value}`;
    if (actual.spin !== expected.spin) return `work checksum ${actual.spin}, expected ${expected.spin}`;
    return null;
  },
  checksum(result: FibResult): string {
    return `fib=${result.value} work=${(result.spin >>> 0).toString(16)}`;
  },
  shared: fibShared,
};
