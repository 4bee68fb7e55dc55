// A point's task set under a cap: which tasks a sample holds, how a sample is verified, and a capped
// group measured end to end (the record says how many tasks of how many ran).
import { describe, expect, it } from 'vitest';
import { ParbenchError } from '../../src/errors.js';
import { executeInline, prepare } from '../../src/runner/execute.js';
import { hrClock } from '../../src/runner/clock.js';
import { localReference } from '../../src/runner/reference.js';
import { capTasks, checkWholeSet, perTaskVerify } from '../../src/runner/task-cap.js';
import { findSuite, type AnySuite, type Task } from '../../suites/index.js';

const independent = (n: number): Task<unknown>[] => Array.from({ length: n }, (_, i) => ({ payload: i, deps: [] }));
const chain = (n: number): Task<unknown>[] => Array.from({ length: n }, (_, i) => ({ payload: i, deps: i === 0 ? [] : [i - 1] }));
const payloads = (tasks: Task<unknown>[]) => tasks.map((t) => t.payload);

describe('capTasks', () => {
  it('takes an evenly spread sample of independent tasks: task floor((i + 0.5) · n / cap)', () => {
    expect(payloads(capTasks(independent(10), 4))).toEqual([1, 3, 6, 8]);
    expect(payloads(capTasks(independent(7), 1))).toEqual([3]);
  });

  it('takes a prefix of a task graph, so every dependency is in the sample', () => {
    const capped = capTasks(chain(10), 3);
    expect(payloads(capped)).toEqual([0, 1, 2]);
    expect(() => prepare(capped)).not.toThrow();
  });

  it('keeps the whole set (the same array) without a cap or under a cap it does not exceed', () => {
    const tasks = independent(5);
    expect(capTasks(tasks, null)).toBe(tasks);
    expect(capTasks(tasks, 5)).toBe(tasks);
    expect(capTasks(tasks, 99)).toBe(tasks);
  });

  it('refuses a cap below one task', () => {
    expect(() => capTasks(independent(5), 0)).toThrow(RangeError);
  });
});

describe('perTaskVerify', () => {
  const expected = [{ y: new Float64Array([1, 2]), spin: 3 }, [4, 5, 6], NaN];
  it('passes results equal task by task (typed arrays by value, NaN equal to NaN)', () => {
    expect(perTaskVerify(expected)([{ y: new Float64Array([1, 2]), spin: 3 }, [4, 5, 6], NaN])).toBeNull();
  });
  it('names the first task that differs, and a missing result', () => {
    expect(perTaskVerify(expected)([{ y: new Float64Array([1, 2]), spin: 3 }, [4, 5, 7], NaN])).toBe('task 1 of the sample differs from the sequential run\'s result');
    expect(perTaskVerify(expected)([expected[0], expected[1]])).toBe('2 results, expected 3');
  });
});

describe('checkWholeSet', () => {
  it('throws VERIFY_FAILED naming where, when the suite\'s own check of the whole result fails', () => {
    const broken: AnySuite = { ...findSuite('primes')!, verify: () => 'the sieve disagrees' };
    const input = broken.makeInput({ limit: 1000 }, 1);
    const tasks = broken.split(input, { chunk: 10, work: 0 });
    const error = (() => {
      try {
        checkWholeSet(broken, input, undefined, tasks, 'primes sequential run');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ParbenchError);
    expect((error as ParbenchError).code).toBe('VERIFY_FAILED');
    expect((error as ParbenchError).message).toContain('primes sequential run');
    expect((error as ParbenchError).message).toContain('the sieve disagrees');
    expect(() => checkWholeSet(findSuite('primes')!, input, undefined, tasks, 'primes')).not.toThrow();
  });
});

describe('localReference under a task cap', () => {
  const primes = findSuite('primes')!;
  const input = primes.makeInput({ limit: 20_000 }, 42);
  const tuned = { knob: { chunk: 1, work: 0 }, perTask: 1e-8, reachable: false, tunedBy: 'floor' as const };
  const reps = { warmup: 0, repeats: 2, minSampleSeconds: 0.0005, maxTasks: 500 };

  it('times and verifies a sample of maxTasks tasks, and says how many the whole set has', async () => {
    const local = await localReference({ suite: primes, input, context: undefined, grain: 1e-8 }, tuned, reps, hrClock);
    expect(local.reference.tasks).toBe(500);
    expect(local.prepared.tasks).toHaveLength(500);
    expect(local.reference.tasksInSet).toBe(20_000);
    const results = executeInline(primes, local.prepared.tasks, undefined);
    expect(local.verify(results)).toBeNull();
    const tampered = results.slice();
    tampered[7] = [9, 9, 9];
    expect(local.verify(tampered)).toBe('task 7 of the sample differs from the sequential run\'s result');
  });

  it('keeps the whole set, verified by the suite, when it has no more tasks than the cap', async () => {
    const local = await localReference({ suite: primes, input, context: undefined, grain: 1e-8 }, { ...tuned, knob: { chunk: 100, work: 0 } }, reps, hrClock);
    expect(local.reference.tasks).toBe(200);
    expect(local.reference.tasksInSet).toBeUndefined();
    const results = executeInline(primes, local.prepared.tasks, undefined);
    expect(local.verify(results)).toBeNull();
    expect(local.verify(results.slice(1))).toBe('199 tasks, expected 200');
  });
});
