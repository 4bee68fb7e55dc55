import { describe, expect, it } from 'vitest';
import {
  allocateBudget,
  BACKEND_PRIORS,
  budgetWarning,
  estimateRun,
  rebalance,
  stoppedBy,
  tasksPrior,
  type BackendPrior,
  type PointToEstimate,
} from '../../src/runner/schedule.js';
import { repetitionsSchema } from '../../src/record/schedule-schema.js';
import { allocatedReps } from '../../src/runner/schedule-run.js';

const priors: Record<string, BackendPrior> = {
  fast: { startupSeconds: 0.1, perTaskSeconds: 1e-5, ownReference: false },
  slow: { startupSeconds: 1, perTaskSeconds: 1e-3, ownReference: false },
  remote: { startupSeconds: 2, perTaskSeconds: 1e-3, ownReference: true },
};
const settings = { warmup: 1, repeats: 5, minSampleSeconds: 0.01, cores: 2, priors, calibrationSeconds: 0.5 };

describe('estimateRun', () => {
  it('costs a point as start-up plus (warmup + repeats) repetitions of N·(g + o)/min(W, cores)', () => {
    const estimate = estimateRun([{ suite: 's', grain: 1e-4, backend: 'fast', workers: 4, tasks: 1000 }], settings);
    const [point] = estimate.perPoint;
    expect(point!.perTaskSeconds).toBeCloseTo((1e-4 + 1e-5) / 2, 15);
    expect(point!.repetitionSeconds).toBeCloseTo(0.055, 12);
    expect(point!.seconds).toBeCloseTo(0.1 + 6 * 0.055, 12);
    expect(point!.tasksKnown).toBe(true);
    // reference: calibration + first pass T_seq = 0.1 s, then 6 samples of max(0.01, 0.1)
    expect(estimate.groups).toHaveLength(1);
    expect(estimate.groups[0]!.seconds).toBeCloseTo(0.5 + 0.1 + 6 * 0.1, 12);
    expect(estimate.totalSeconds).toBeCloseTo(point!.seconds + estimate.groups[0]!.seconds, 12);
  });

  it('shares one reference per suite × grain, and gives remote points their own', () => {
    const points: PointToEstimate[] = [
      { suite: 's', grain: 1e-6, backend: 'fast', workers: 2, tasks: 100 },
      { suite: 's', grain: 1e-6, backend: 'slow', workers: 2, tasks: 100 },
      { suite: 's', grain: 1e-5, backend: 'fast', workers: 2, tasks: 100 },
      { suite: 's', grain: 1e-5, backend: 'remote', workers: 2, tasks: 100 },
    ];
    const estimate = estimateRun(points, settings);
    expect(estimate.groups.map((g) => g.grain)).toEqual([1e-6, 1e-5]);
    const remote = estimate.perPoint[3]!;
    // start-up + calibration + first pass; repetition = tasks·(g+o)/2 + max(minSample, T_seq)
    expect(remote.fixedSeconds).toBeCloseTo(2 + 0.5 + 100 * 1e-5, 12);
    expect(remote.repetitionSeconds).toBeCloseTo((100 * (1e-5 + 1e-3)) / 2 + 0.01, 12);
  });

  it('takes task counts from the suites\' priors when calibration has not told them', () => {
    expect(tasksPrior('square', 1e-8)).toBe(25_600);
    expect(tasksPrior('square', 1e-6)).toBe(2_845);
    expect(tasksPrior('square', 1e-4)).toBe(100);
    expect(tasksPrior('fib', 1e-9)).toBe(177);
    expect(tasksPrior('nosuch', 1e-4)).toBe(1_000);
    const estimate = estimateRun([{ suite: 'primes', grain: 1e-8, backend: 'parsl-htex', workers: 2 }], { ...settings, priors: BACKEND_PRIORS });
    expect(estimate.perPoint[0]).toMatchObject({ tasks: 50_000, tasksKnown: false });
    // 50,000 tasks at ~1.5 ms of overhead on 2 cores: over 30 s per repetition
    expect(estimate.perPoint[0]!.repetitionSeconds).toBeGreaterThan(30);
  });

  it('refuses cores below 1 and negative grains', () => {
    expect(() => estimateRun([], { ...settings, cores: 0 })).toThrow(RangeError);
    expect(() => estimateRun([{ suite: 's', grain: -1, backend: 'fast', workers: 1 }], settings)).toThrow(RangeError);
  });
});

describe('allocateBudget', () => {
  // Three points: two cheap (0.01 s per repetition), one costly (1 s per repetition); no references.
  function threePoints() {
    const points: PointToEstimate[] = [
      { suite: 'a', grain: 1e-5, backend: 'fast', workers: 1, tasks: 909 },
      { suite: 'a', grain: 1e-5, backend: 'fast', workers: 1, tasks: 909 },
      { suite: 'a', grain: 1e-5, backend: 'slow', workers: 1, tasks: 990 },
    ];
    const estimate = estimateRun(points, { ...settings, priors: { ...priors, fast: { ...priors.fast!, startupSeconds: 0 }, slow: { ...priors.slow!, startupSeconds: 0 } } });
    return { ...estimate, groups: [] };
  }

  it('grants repeats and maxRepeats in full when the budget affords them', () => {
    const allocation = allocateBudget(threePoints(), 1000, 5, 30);
    expect(allocation.points.every((p) => p.repeats === 5 && p.maxRepeats === 30 && p.taskCap === null && !p.reduced)).toBe(true);
    expect(allocation).toMatchObject({ reducedPoints: 0, cappedPoints: 0, fits: true });
    expect(budgetWarning(allocation)).toBeNull();
  });

  it('lowers the cap on costly points first when only the repeats fit', () => {
    const allocation = allocateBudget(threePoints(), 12, 5, 30);
    const [a, b, c] = allocation.points;
    expect(a).toMatchObject({ repeats: 5, maxRepeats: 30, reduced: false });
    expect(b).toMatchObject({ repeats: 5, maxRepeats: 30, reduced: false });
    expect(c!.repeats).toBe(5);
    expect(c!.maxRepeats).toBeGreaterThanOrEqual(5);
    expect(c!.maxRepeats).toBeLessThan(30);
    expect(allocation.plannedSeconds).toBeLessThanOrEqual(12);
    expect(budgetWarning(allocation)).toBeNull();
  });

  it('cuts repeats of the costly points, never below the floor, and marks them', () => {
    const allocation = allocateBudget(threePoints(), 5.5, 5, 5);
    const [a, , c] = allocation.points;
    expect(a).toMatchObject({ repeats: 5, reduced: false });
    expect(c).toMatchObject({ repeats: 4, maxRepeats: 4, taskCap: null, reduced: true });
    expect(allocation).toMatchObject({ reducedPoints: 1, cappedPoints: 0, fits: true });
    expect(budgetWarning(allocation)).toBe(
      'the time budget (5.5 s) forced fewer repetitions than asked on 1 of 3 points; their intervals are wider (the record marks them): raise --time-budget or measure fewer points',
    );
  });

  it('caps the tasks of the costliest points when even the floor repeats do not fit, cheap points keeping theirs', () => {
    const allocation = allocateBudget(threePoints(), 2.2, 5, 5);
    const [a, , c] = allocation.points;
    expect(a).toMatchObject({ repeats: 5, taskCap: null, reduced: false });
    expect(c!.repeats).toBe(3);
    expect(c!.taskCap).toBeGreaterThanOrEqual(200);
    expect(c!.taskCap).toBeLessThan(990);
    expect(allocation).toMatchObject({ reducedPoints: 1, cappedPoints: 1, fits: true });
    expect(allocation.plannedSeconds).toBeLessThanOrEqual(2.2);
    expect(allocation.plannedSeconds).toBeGreaterThan(2.1);
    expect(budgetWarning(allocation)).toMatch(/on 1 of 3 points, capped the tasks of 1;/);
  });

  it('keeps the floors and says so when nothing fits', () => {
    const allocation = allocateBudget(threePoints(), 0.1, 5, 5);
    expect(allocation.fits).toBe(false);
    expect(allocation.points[2]).toMatchObject({ repeats: 3, taskCap: 200 });
    expect(budgetWarning(allocation)).toMatch(/and still needs about \d+ s;/);
  });

  it('never asks for fewer repeats than were requested when those are already below the floor', () => {
    const allocation = allocateBudget(threePoints(), 0.5, 2, 2);
    expect(allocation.points.map((p) => p.repeats)).toEqual([2, 2, 2]);
  });

  it('bounds a parsl-htex floor point of primes by capping its tasks', () => {
    const points: PointToEstimate[] = ['sequential', 'worker', 'parsl-htex'].map((backend) => ({ suite: 'primes', grain: 1e-8, backend, workers: backend === 'sequential' ? 1 : 2 }));
    const estimate = estimateRun(points, { warmup: 1, repeats: 5, minSampleSeconds: 0.01, cores: 2 });
    expect(estimate.totalSeconds).toBeGreaterThan(200);
    const allocation = allocateBudget(estimate, 60, 5, 5);
    expect(allocation.fits).toBe(true);
    expect(allocation.points[2]!.taskCap).not.toBeNull();
    expect(allocation.plannedSeconds).toBeLessThanOrEqual(60);
    expect(allocation.plannedSeconds).toBeGreaterThan(55);
  });

  it('refuses a budget that is not positive', () => {
    expect(() => allocateBudget(threePoints(), 0, 5, 5)).toThrow(RangeError);
  });
});

describe('rebalance', () => {
  it('re-spreads what is left with the estimates scaled by actual / estimated', () => {
    const estimate = estimateRun([{ suite: 'a', grain: 1e-3, backend: 'fast', workers: 1, tasks: 100 }], { ...settings, calibrationSeconds: 0 });
    // one repetition 0.101 s, reference sample 0.1 s
    expect(rebalance(estimate, 10, 5, 30).points[0]!.maxRepeats).toBe(30);
    const slower = rebalance(estimate, 10, 5, 30, 4);
    expect(slower.points[0]!.maxRepeats).toBeLessThan(30);
    expect(slower.plannedSeconds).toBeLessThanOrEqual(10);
    expect(rebalance(estimate, -3, 5, 5).points[0]).toMatchObject({ repeats: 3, reduced: true });
    expect(() => rebalance(estimate, 10, 5, 5, 0)).toThrow(RangeError);
  });
});

describe('stoppedBy', () => {
  const requested = { repeats: 5, maxRepeats: 30 };
  it('says budget when the series stopped at a count the budget lowered', () => {
    expect(stoppedBy('precision', { repeats: 3, maxRepeats: 3 }, requested)).toBe('precision');
    expect(stoppedBy('repeats', { repeats: 5, maxRepeats: 5 }, requested)).toBe('repeats');
    expect(stoppedBy('repeats', { repeats: 3, maxRepeats: 3 }, requested)).toBe('budget');
    expect(stoppedBy('max-repeats', { repeats: 5, maxRepeats: 30 }, requested)).toBe('max-repeats');
    expect(stoppedBy('max-repeats', { repeats: 5, maxRepeats: 12 }, requested)).toBe('budget');
    expect(() => stoppedBy('continue', { repeats: 5, maxRepeats: 5 }, requested)).toThrow(RangeError);
  });

  it('fits the record\'s repetitions schema', () => {
    const record = { requested: 5, timed: 3, stoppedBy: stoppedBy('repeats', { repeats: 3, maxRepeats: 3 }, requested), precision: null, halfWidth: null, taskCap: 400 };
    expect(repetitionsSchema.parse(record)).toEqual(record);
  });
});

describe('the task cap in the schedule', () => {
  it('estimates every point, executor or remote, on at most maxTasks tasks', () => {
    const points: PointToEstimate[] = [
      { suite: 's', grain: 1e-8, backend: 'fast', workers: 2, tasks: 50_000 },
      { suite: 's', grain: 1e-8, backend: 'remote', workers: 2, tasks: 50_000 },
      { suite: 's', grain: 1e-4, backend: 'fast', workers: 2, tasks: 100 },
    ];
    const estimate = estimateRun(points, { ...settings, maxTasks: 4096 });
    expect(estimate.perPoint.map((p) => p.tasks)).toEqual([4096, 4096, 100]);
    expect(estimate.groups.map((g) => g.tasks)).toEqual([4096, 100]);
  });

  it('gives a group the lowest of the configured cap and its points\' granted caps', () => {
    const base = { warmup: 1, repeats: 5, minSampleSeconds: 0.01, maxTasks: 4096 };
    const a = { suite: 's', grain: 1e-8, backend: 'fast', workers: 2 };
    const b = { suite: 's', grain: 1e-8, backend: 'slow', workers: 2 };
    const grant = (taskCap: number | null) => ({ repeats: 3, maxRepeats: 3, taskCap, reduced: true });
    const allocation = { budgetSeconds: 10, points: [grant(null), grant(900)], groups: [], plannedSeconds: 10, reducedPoints: 2, cappedPoints: 1, fits: true };
    expect(allocatedReps(base, [a, b], [a, b], allocation)).toEqual({ ...base, repeats: 3, maxRepeats: 3, maxTasks: 900 });
    expect(allocatedReps({ ...base, maxTasks: null }, [a], [a, b], allocation)).toEqual({ ...base, repeats: 3, maxRepeats: 3, maxTasks: null });
  });
});
