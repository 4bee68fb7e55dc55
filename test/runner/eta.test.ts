import { describe, expect, it } from 'vitest';
import { estimateRemaining, formatEta } from '../../src/runner/eta.js';

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

describe('formatEta', () => {
  it('writes seconds, minutes and hours', () => {
    expect(formatEta(0)).toBe('0s');
    expect(formatEta(44.2)).toBe('45s');
    expect(formatEta(185)).toBe('3m05s');
    expect(formatEta(3720)).toBe('1h02m');
    expect(() => formatEta(-1)).toThrow(RangeError);
  });
});
