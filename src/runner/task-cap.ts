/**
 * A point's task set under a task cap (config `maxTasks`, or lower under a time budget), and how a
 * repetition's results are verified. A capped set is a sample of the whole: evenly spread over the set
 * when its tasks are independent (the tasks calibration times, see sampleTasks), a prefix when they
 * form a task graph (a prefix is closed under dependencies, which always point to earlier tasks). Its
 * reference is timed on the same sample, and each repetition's results are compared task by task with
 * the sequential run's; the whole set's combined result is checked once against the suite's own
 * references, so a capped point is verified as strictly as a whole one.
 */
import { isDeepStrictEqual } from 'node:util';
import { parbenchError } from '../errors.js';
import type { AnySuite, Task } from '../../suites/index.js';
import { executeInline } from './execute.js';

/**
 * `count` tasks to time: evenly spread over the set when the tasks are independent (task
 * `floor((i + 0.5) · n / count)` for i = 0 … count−1); otherwise the whole set, of which the caller
 * runs a prefix, which is closed under dependencies (they always point backwards). Returns `tasks`
 * itself when `count >= tasks.length`. Throws nothing.
 */
export function sampleTasks(tasks: Task<unknown>[], count: number): Task<unknown>[] {
  if (count >= tasks.length || tasks.some((t) => t.deps.length > 0)) return tasks;
  return Array.from({ length: count }, (_, i) => tasks[Math.floor(((i + 0.5) * tasks.length) / count)]!);
}

/** Checks one repetition's results (task order) against the reference: null when they agree, else one line on what differs. */
export type Verify = (results: unknown[]) => string | null;

/**
 * The tasks a point runs under `cap` (tasks; null or ≥ tasks.length: all of them, the same array):
 * `cap` tasks evenly spread over an independent set (sampleTasks), else the first `cap` tasks. Throws a
 * RangeError for a cap below 1.
 */
export function capTasks(tasks: Task<unknown>[], cap: number | null): Task<unknown>[] {
  if (cap === null || cap >= tasks.length) return tasks;
  if (!(cap >= 1)) throw new RangeError(`capTasks: the cap must be at least 1 task, got ${cap}`);
  const independent = tasks.every((task) => task.deps.length === 0);
  return independent ? sampleTasks(tasks, cap) : tasks.slice(0, cap);
}

/** Verification of a whole task set: the suite's own `verify` of the combined results against `expected` (the sequential combined result). */
export function combinedVerify(suite: AnySuite, input: unknown, expected: unknown): Verify {
  return (results) => suite.verify(suite.combine(input, results), expected);
}

/**
 * Verification of a sample of a task set: every result deep-equal (util.isDeepStrictEqual: typed arrays
 * element by element, NaN equal to NaN) to the sequential run's result of the same task, `expected` in
 * task order. The line names the first task that differs.
 */
export function perTaskVerify(expected: readonly unknown[]): Verify {
  return (results) => {
    if (results.length !== expected.length) return `${results.length} results, expected ${expected.length}`;
    const differs = results.findIndex((result, i) => !isDeepStrictEqual(result, expected[i]));
    return differs < 0 ? null : `task ${differs} of the sample differs from the sequential run's result`;
  };
}

/**
 * Check the whole task set's combined result, run inline once, against the suite's own references (its
 * `verify` of the result against itself: the sieve for primes, the monotone chain for hull). Throws
 * VERIFY_FAILED naming `where` when they disagree, and whatever the kernel throws.
 */
export function checkWholeSet(suite: AnySuite, input: unknown, context: unknown, tasks: Task<unknown>[], where: string): void {
  const whole = suite.combine(input, executeInline(suite, tasks, context));
  const problem = suite.verify(whole, whole);
  if (problem) throw parbenchError('VERIFY_FAILED', where, problem);
}
