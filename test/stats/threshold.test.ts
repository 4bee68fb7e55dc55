import { describe, expect, it } from 'vitest';
import { describeThreshold, thresholdGrain } from '../../src/stats/threshold.js';

const curve = (values: number[]) => values.map((value, i) => ({ grain: 10 ** (-8 + i), value }));

describe('thresholdGrain (METG rule)', () => {
  it('interpolates linearly in log10(grain) between the bracketing points', () => {
    // 1e-6 → 0.3, 1e-5 → 0.7: 0.5 is half-way in log grain: 10^-5.5.
    const t = thresholdGrain(curve([0.01, 0.1, 0.3, 0.7, 0.9]), 0.5)!;
    expect(t.bound).toBe('bracketed');
    expect(t.nonMonotone).toBe(false);
    expect(Math.log10(t.grain)).toBeCloseTo(-5.5, 10);
    const quarter = thresholdGrain(curve([0.01, 0.1, 0.3, 0.7, 0.9]), 0.4)!;
    expect(Math.log10(quarter.grain)).toBeCloseTo(-5.75, 10);
  });

  it('says "< smallest" when every point meets the threshold', () => {
    const t = thresholdGrain(curve([0.6, 0.8, 0.9]), 0.5)!;
    expect(t).toEqual({ grain: 1e-8, bound: 'below', nonMonotone: false });
    expect(describeThreshold(t, String)).toBe('< 1e-8');
  });

  it('says "> largest" when the largest grain is still below it', () => {
    const t = thresholdGrain(curve([0.01, 0.1, 0.4]), 0.5)!;
    expect(t.bound).toBe('above');
    expect(t.grain).toBeCloseTo(1e-6, 20);
    expect(describeThreshold(t, String)).toBe('> 0.000001');
  });

  it('takes the grain above which efficiency stays at the threshold when the curve dips', () => {
    // meets 0.5 at 1e-7, dips at 1e-6, meets again from 1e-5 on.
    const t = thresholdGrain(curve([0.2, 0.6, 0.3, 0.7, 0.9]), 0.5)!;
    expect(t.bound).toBe('bracketed');
    expect(t.nonMonotone).toBe(true);
    expect(Math.log10(t.grain)).toBeCloseTo(-5.5, 10);
  });

  it('sorts by grain and ignores non-finite values; null for no points', () => {
    const t = thresholdGrain([{ grain: 1e-5, value: 0.7 }, { grain: 1e-6, value: 0.3 }, { grain: 1e-4, value: NaN }], 0.5)!;
    expect(Math.log10(t.grain)).toBeCloseTo(-5.5, 10);
    expect(thresholdGrain([], 0.5)).toBeNull();
  });
});
