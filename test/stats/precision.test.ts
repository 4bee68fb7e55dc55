import { describe, expect, it } from 'vitest';
import { groupPrecisionReached, medianInterval, medianRanks, precisionStop, PRECISION_MIN_REPEATS } from '../../src/stats/precision.js';
import { bootstrapMedianCI } from '../../src/stats/summary.js';
import { mulberry32 } from '../../suites/random.js';

describe('medianRanks (order-statistic interval of the median)', () => {
  it('has no 95% interval below 6 samples', () => {
    for (const n of [0, 1, 2, 3, 4, 5]) expect(medianRanks(n)).toBeNull();
  });

  it('gives [min, max] at n = 6 with coverage 1 − 2/64', () => {
    expect(medianRanks(6)).toEqual({ lower: 1, upper: 6, coverage: 1 - 2 / 64 });
  });

  it('matches the binomial tables (Conover 1999, table A3)', () => {
    expect(medianRanks(10)).toMatchObject({ lower: 2, upper: 9 });
    expect(medianRanks(10)!.coverage).toBeCloseTo(1 - 22 / 1024, 12);
    expect(medianRanks(20)).toMatchObject({ lower: 6, upper: 15 });
    expect(medianRanks(30)).toMatchObject({ lower: 10, upper: 21 });
    for (const n of [6, 7, 13, 30, 101]) expect(medianRanks(n)!.coverage).toBeGreaterThanOrEqual(0.95);
  });

  it('stays finite for large n (no underflow)', () => {
    const r = medianRanks(10_000)!;
    // normal approximation: n/2 − 1.96·√n/2 ≈ 4902
    expect(Math.abs(r.lower - 4902)).toBeLessThanOrEqual(2);
    expect(r.upper).toBe(10_000 - r.lower + 1);
  });

  it('refuses bad arguments', () => {
    expect(() => medianRanks(-1)).toThrow(RangeError);
    expect(() => medianRanks(2.5)).toThrow(RangeError);
    expect(() => medianRanks(10, 1)).toThrow(RangeError);
  });
});

describe('medianInterval', () => {
  it('gives the median, the order statistics and the relative half-width', () => {
    const m = medianInterval([1.0, 0.98, 1.02, 0.97, 1.01, 1.04]);
    expect(m.median).toBeCloseTo(1.005, 12);
    expect(m.low).toBe(0.97);
    expect(m.high).toBe(1.04);
    expect(m.halfWidth).toBeCloseTo(0.035 / 1.005, 12);
  });

  it('has no interval below 6 samples and no relative width at a zero median', () => {
    expect(medianInterval([1, 2, 3])).toEqual({ median: 2, low: null, high: null, halfWidth: null });
    expect(medianInterval([0, 0, 0, 0, 0, 0]).halfWidth).toBeNull();
    expect(() => medianInterval([])).toThrow(RangeError);
    expect(() => medianInterval([1, NaN])).toThrow(RangeError);
  });

  it('contains the recorded bootstrap interval on typical timing samples', () => {
    const random = mulberry32(7);
    for (const n of [6, 8, 10, 15, 20, 30]) {
      for (let trial = 0; trial < 20; trial++) {
        const xs = Array.from({ length: n }, () => 0.01 * (1 + 0.1 * -Math.log(1 - random())));
        const exact = medianInterval(xs);
        const [lo, hi] = bootstrapMedianCI(xs);
        expect(lo).toBeGreaterThanOrEqual(exact.low!);
        expect(hi).toBeLessThanOrEqual(exact.high!);
      }
    }
  });
});

describe('precisionStop', () => {
  const tight = [1.0, 1.01, 0.99, 1.0, 1.02, 0.98, 1.0, 1.01];
  const loose = [1.0, 1.5, 0.6, 1.2, 0.8, 1.4, 0.7, 1.3];

  it('with precision off, stops at repeats', () => {
    const options = { precision: null, repeats: 5, maxRepeats: 30 };
    expect(precisionStop(tight.slice(0, 4), options)).toMatchObject({ stop: false, reason: 'continue' });
    expect(precisionStop(tight.slice(0, 5), options)).toMatchObject({ stop: true, reason: 'repeats', halfWidth: null });
    expect(precisionStop(tight.slice(0, 3), { precision: null, repeats: 3, maxRepeats: 3 })).toMatchObject({ stop: true, reason: 'repeats' });
  });

  it('with precision on, needs 6 samples for a 95% interval even when repeats is 5', () => {
    const options = { precision: 0.05, repeats: 5, maxRepeats: 30 };
    expect(PRECISION_MIN_REPEATS).toBe(5);
    expect(precisionStop(tight.slice(0, 5), options)).toMatchObject({ stop: false, reason: 'continue', halfWidth: null });
    const six = precisionStop(tight.slice(0, 6), options);
    expect(six).toMatchObject({ stop: true, reason: 'precision' });
    expect(six.halfWidth).toBeCloseTo(0.02, 12);
  });

  it('raises repeats below 5 to 5 when precision is on', () => {
    const options = { precision: 0.5, repeats: 2, maxRepeats: 30 };
    expect(precisionStop(tight.slice(0, 4), options).stop).toBe(false);
  });

  it('waits for repeats when precision is reached earlier', () => {
    expect(precisionStop(tight.slice(0, 7), { precision: 0.05, repeats: 8, maxRepeats: 30 })).toMatchObject({ stop: false, reason: 'continue' });
    expect(precisionStop(tight, { precision: 0.05, repeats: 8, maxRepeats: 30 })).toMatchObject({ stop: true, reason: 'precision' });
  });

  it('goes on while the interval is too wide, and never beyond maxRepeats', () => {
    const options = { precision: 0.05, repeats: 5, maxRepeats: 8 };
    expect(precisionStop(loose.slice(0, 7), options)).toMatchObject({ stop: false, reason: 'continue' });
    const capped = precisionStop(loose, options);
    expect(capped).toMatchObject({ stop: true, reason: 'max-repeats' });
    expect(capped.halfWidth).toBeGreaterThan(0.05);
    expect(precisionStop(loose.slice(0, 3), { precision: 0.05, repeats: 5, maxRepeats: 3 })).toMatchObject({ stop: true, reason: 'max-repeats' });
  });

  it('decides from the samples alone: a series timed with a synthetic clock stops at the same repetition every time', () => {
    let t = 0;
    const clock = () => t;
    const durations = [0.012, 0.0101, 0.0099, 0.0102, 0.0098, 0.01, 0.0101, 0.0099, 0.01];
    const run = () => {
      const samples: number[] = [];
      for (const d of durations) {
        const start = clock();
        t += d;
        samples.push(clock() - start);
        const decision = precisionStop(samples, { precision: 0.05, repeats: 5, maxRepeats: 30 });
        if (decision.stop) return { n: samples.length, decision };
      }
      return null;
    };
    t = 0;
    const first = run();
    t = 1000;
    const second = run();
    expect(second!.n).toBe(first!.n);
    expect(second!.decision.halfWidth).toBeCloseTo(first!.decision.halfWidth!, 6);
    // 6 to 8 samples: the interval is [min, max] and max = 0.012 is ~19% above the median;
    // 9: ranks (2, 8) = [0.0099, 0.0102] around the median 0.01 → +2%.
    expect(first!.n).toBe(9);
    expect(first!.decision.reason).toBe('precision');
    expect(first!.decision.halfWidth).toBeCloseTo(0.02, 9);
  });
});

describe('groupPrecisionReached', () => {
  const tight = [1.0, 1.01, 0.99, 1.0, 1.02, 0.98];
  const loose = [1.0, 1.5, 0.6, 1.2, 0.8, 1.4];

  it('goes on while one series has not reached precision; the ones that did stay in the rounds', () => {
    const g = groupPrecisionReached([tight, loose], { precision: 0.05, repeats: 5, maxRepeats: 30 });
    expect(g.stop).toBe(false);
    expect(g.active).toEqual([true, true]);
    expect(g.decisions.map((d) => d.reason)).toEqual(['precision', 'continue']);
  });

  it('stops when every series reached precision or its cap; a capped series leaves the rounds', () => {
    const options = [
      { precision: 0.05, repeats: 5, maxRepeats: 30 },
      { precision: 0.05, repeats: 5, maxRepeats: 6 },
      { precision: 0.05, repeats: 5, maxRepeats: 30 },
    ];
    const open = groupPrecisionReached([tight, loose, [...loose]], options);
    expect(open).toMatchObject({ stop: false, active: [true, false, true] });
    const done = groupPrecisionReached([tight, loose, tight], options);
    expect(done.stop).toBe(true);
    expect(done.active).toEqual([false, false, false]);
    expect(done.decisions.map((d) => d.reason)).toEqual(['precision', 'max-repeats', 'precision']);
  });

  it('refuses options of another length', () => {
    expect(() => groupPrecisionReached([tight], [])).toThrow(RangeError);
  });
});
