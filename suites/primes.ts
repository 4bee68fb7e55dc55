/**
 * primes: count the primes in [0, limit) by trial division, split into tasks by sub-range. The cost of
 * a number grows with its size, so equal-width ranges are unequal tasks; `--split balanced` cuts ranges
 * of equal estimated cost instead. Each trial division also takes `work` rounds of calibrated arithmetic,
 * so added work keeps the shape of the natural cost. Verified against a sieve and against sequential.
 */
import { balancedBounds, countRange, sieve, widthBounds } from './primes/math.js';
import type { Knob, Suite, SuiteParams, Task } from './suite.js';
import { sameNumber } from './checksum.js';
import { spin } from './work.js';

export interface PrimesInput {
  limit: number;
  split: 'width' | 'balanced';
  /** The sieve's answer for [0, limit), computed once during setup. */
  reference: { count: number; sum: number };
}

/** [lo, hi, work]: test the numbers of [lo, hi). */
export type PrimesPayload = [lo: number, hi: number, work: number];
/** [primes found, their sum, work checksum]. */
export type PrimesOutput = [count: number, sum: number, spin: number];

export interface PrimesResult {
  count: number;
  sum: number;
  spin: number;
  tasks: number;
  reference: { count: number; sum: number };
}

/** Largest limit the primes suite accepts (the sieve needs one byte per number: 100 MB). */
export const PRIMES_MAX_LIMIT = 100_000_000;
/** The largest chunk still leaves this many tasks; beyond it calibration adds rounds of work. */
export const PRIMES_MIN_TASKS = 16;

/**
 * Range boundaries 0 = b0 < … < bT = limit: ranges of `chunk` numbers (the last may be shorter), or
 * for `balanced` the same number of ranges cut at equal estimated cost (balancedBounds).
 */
export function primesBounds(limit: number, split: PrimesInput['split'], chunk: number): number[] {
  const width = widthBounds(limit, chunk);
  return split === 'width' ? width : balancedBounds(limit, width.length - 1);
}

/** The primes suite: independent sub-ranges of [0, limit), verified against a sieve. */
export const primes: Suite<PrimesInput, PrimesPayload, PrimesOutput, PrimesResult> = {
  name: 'primes',
  description: 'count (and sum) the primes below a limit by trial division, one sub-range per task',
  stresses: 'irregular tasks: cost per number grows with its size, so equal-width ranges are unequal',
  knob: 'chunk = numbers per task (balanced: same task count, equal estimated cost); work = rounds per trial division',
  reportImbalance: true,
  params: [
    { name: 'limit', type: 'integer', description: 'count the primes in [0, limit)', default: 50_000, min: 1, max: PRIMES_MAX_LIMIT },
    { name: 'split', type: 'choice', description: 'sub-ranges of equal width, or of equal estimated cost (~ √x/ln x per number)', default: 'width', choices: ['width', 'balanced'] },
  ],
  makeInput(params: SuiteParams): PrimesInput {
    const limit = Number(params.limit);
    return { limit, split: params.split === 'balanced' ? 'balanced' : 'width', reference: sieve(limit) };
  },
  knobRange(input: PrimesInput) {
    return { chunkUnit: 'number', chunkMin: 1, chunkMax: Math.max(1, Math.floor(input.limit / PRIMES_MIN_TASKS)), workMax: 10_000_000 };
  },
  split(input: PrimesInput, knob: Knob): Task<PrimesPayload>[] {
    const bounds = primesBounds(input.limit, input.split, knob.chunk);
    const tasks: Task<PrimesPayload>[] = [];
    for (let i = 1; i < bounds.length; i++) tasks.push({ payload: [bounds[i - 1]!, bounds[i]!, knob.work], deps: [] });
    return tasks;
  },
  kernel([lo, hi, work]: PrimesPayload): PrimesOutput {
    const { count, sum, divisions } = countRange(lo, hi);
    return [count, sum, work > 0 ? spin(work * divisions, lo + 1) : 0];
  },
  combine(input: PrimesInput, results: PrimesOutput[]): PrimesResult {
    let count = 0;
    let sum = 0;
    let acc = 0;
    for (const [c, s, w] of results) {
      count += c;
      sum += s;
      acc ^= w;
    }
    return { count, sum, spin: acc, tasks: results.length, reference: input.reference };
  },
  verify(actual: PrimesResult, expected: PrimesResult): string | null {
    if (actual.tasks !== expected.tasks) return `${actual.tasks} tasks, expected ${expected.tasks}`;
    if (!sameNumber(actual.count, actual.reference.count)) return `${actual.count} primes, the sieve finds ${actual.reference.count}`;
    if (!sameNumber(actual.sum, actual.reference.sum)) return `primes sum to ${actual.sum}, the sieve's sum to ${actual.reference.sum}`;
    if (!sameNumber(actual.count, expected.count) || !sameNumber(actual.sum, expected.sum)) return `${actual.count} primes (sum ${actual.sum}), expected ${expected.count} (sum ${expected.sum})`;
    if (actual.spin !== expected.spin) return `work checksum ${actual.spin}, expected ${expected.spin}`;
    return null;
  },
  checksum(result: PrimesResult): string {
    return `primes=${result.count} sum=${result.sum} work=${(result.spin >>> 0).toString(16)}`;
  },
};
