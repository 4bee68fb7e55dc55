import { describe, expect, it } from 'vitest';
import { sampleTasks } from '../../src/runner/task-cap.js';
import { measureImbalance } from '../../src/runner/imbalance.js';
import { primes } from '../../suites/primes.js';
import { hull } from '../../suites/hull.js';
import type { Task } from '../../suites/index.js';

describe('load imbalance', () => {
  it('times every task of a split and reports max over mean', () => {
    const input = primes.makeInput({ limit: 20_000, split: 'width' }, 1);
    const result = measureImbalance(primes, primes.split(input, { chunk: 1250, work: 0 }), undefined);
    expect(result.ratio).toBeGreaterThanOrEqual(1);
    expect(result.maxSeconds).toBeGreaterThanOrEqual(result.meanSeconds);
    expect(result.callsPerTiming).toBeGreaterThanOrEqual(1);
  });

  it('works on a dependency graph (merges get their inputs)', () => {
    const input = hull.makeInput({ points: 200, shape: 'disc' }, 1);
    expect(measureImbalance(hull, hull.split(input, { chunk: 10, work: 0 }), input.points).ratio).toBeGreaterThanOrEqual(1);
  });
});

describe('calibration sample', () => {
  const independent: Task<number>[] = Array.from({ length: 100 }, (_, i) => ({ payload: i, deps: [] }));
  it('spreads over independent tasks', () => {
    expect(sampleTasks(independent, 4).map((t) => t.payload)).toEqual([12, 37, 62, 87]);
    expect(sampleTasks(independent, 200)).toHaveLength(100);
  });
  it('keeps a task graph whole (a prefix of it is what gets timed)', () => {
    const graph: Task<number>[] = [{ payload: 0, deps: [] }, { payload: 1, deps: [] }, { payload: 2, deps: [0, 1] }];
    expect(sampleTasks(graph, 2)).toBe(graph);
  });
});
