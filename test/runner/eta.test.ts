import { describe, expect, it } from 'vitest';
import { estimateRemaining, runEta } from '../../src/runner/eta.js';
import type { RunEstimate } from '../../src/runner/schedule.js';

describe('estimateRemaining', () => {
  it('uses the estimates as they are before any point is done', () => {
    expect(estimateRemaining({ startedAt: 10, now: 12, done: [], remainingEstimates: [1, 2, 3] })).toEqual({ elapsedSeconds: 2, ratio: 1, remainingSeconds: 6, totalSeconds: 8 });
  });

  it('corrects the remaining estimates by actual / estimated of the points done', () => {
    const eta = estimateRemaining({
      startedAt: 0,
      now: 9,
      done: [
        { actualSeconds: 3, estimatedSeconds: 1 },
        { actualSeconds: 3, estimatedSeconds: 2 },
      ],
      remainingEstimates: [2, 2],
    });
    expect(eta).toEqual({ elapsedSeconds: 9, ratio: 2, remainingSeconds: 8, totalSeconds: 17 });
  });

  it('clamps the ratio, so one freak point cannot make the ETA absurd', () => {
    const slow = estimateRemaining({ startedAt: 0, now: 100, done: [{ actualSeconds: 100, estimatedSeconds: 0.01 }], remainingEstimates: [1] });
    expect(slow.ratio).toBe(10);
    const fast = estimateRemaining({ startedAt: 0, now: 1, done: [{ actualSeconds: 0, estimatedSeconds: 5 }], remainingEstimates: [1] });
    expect(fast.ratio).toBe(0.1);
    expect(estimateRemaining({ startedAt: 0, now: 1, done: [{ actualSeconds: 1, estimatedSeconds: 0 }], remainingEstimates: [1] }).ratio).toBe(1);
  });

  it('refuses a clock that went backwards and figures that are not seconds', () => {
    expect(() => estimateRemaining({ startedAt: 5, now: 4, done: [], remainingEstimates: [] })).toThrow(RangeError);
    expect(() => estimateRemaining({ startedAt: 0, now: 1, done: [], remainingEstimates: [-1] })).toThrow(RangeError);
    expect(() => estimateRemaining({ startedAt: 0, now: NaN, done: [], remainingEstimates: [] })).toThrow(RangeError);
  });
});


describe('runEta', () => {
  const rep = (seconds: number) => ({ fixedSeconds: 0, repetitionSeconds: 0, seconds });
  const estimate: RunEstimate = {
    totalSeconds: 0,
    warmup: 1,
    repeats: 5,
    perPoint: [
      { suite: 'a', grain: 1e-6, backend: 'x', workers: 2, tasks: 10, tasksKnown: false, perTaskSeconds: 0, ...rep(2) },
      { suite: 'a', grain: 1e-6, backend: 'y', workers: 2, tasks: 10, tasksKnown: false, perTaskSeconds: 0, ...rep(2) },
      { suite: 'a', grain: 1e-5, backend: 'x', workers: 2, tasks: 10, tasksKnown: false, perTaskSeconds: 0, ...rep(3) },
    ],
    groups: [
      { suite: 'a', grain: 1e-6, tasks: 10, ...rep(6) },
      { suite: 'a', grain: 1e-5, tasks: 10, ...rep(1) },
    ],
  };

  it('weighs the time so far against the estimates of the points done and of their groups (calibration included)', () => {
    // Two points of the first group done in 20 s, estimated 2 + 2 + 6 = 10 s: ratio 2, rest 3 + 1 = 4 s → 8 s.
    expect(runEta(estimate, 2, 20)).toEqual({ elapsedSeconds: 20, ratio: 2, remainingSeconds: 8, totalSeconds: 28 });
    // One point done stands for its whole group (its points finish together): 8 s against 2 + 2 + 6 = 10 s.
    expect(runEta(estimate, 1, 8)).toEqual(runEta(estimate, 2, 8));
    expect(runEta(estimate, 1, 8).remainingSeconds).toBeCloseTo((3 + 1) * (8 / 10), 12);
  });

  it('takes the estimates as they are before any point, and refuses a count beyond the plan', () => {
    expect(runEta(estimate, 0, 3)).toEqual({ elapsedSeconds: 3, ratio: 1, remainingSeconds: 14, totalSeconds: 17 });
    expect(() => runEta(estimate, 4, 1)).toThrow(RangeError);
  });
});
