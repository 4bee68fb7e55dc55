import { describe, expect, it } from 'vitest';
import { fitOverhead } from '../../src/stats/fit.js';

const model = (o: number, c: number, w = 2) => (tasks: number, grain: number) => {
  const tSeq = tasks * grain;
  return { tasks, usable: w, tSeq, tPar: (tSeq + tasks * o + c) / w };
};

describe('fitOverhead', () => {
  it('recovers known o and c exactly from noiseless points', () => {
    const at = model(40e-6, 2e-3);
    const fit = fitOverhead([at(20000, 1e-7), at(5000, 1e-6), at(1000, 1e-5), at(200, 1e-4), at(100, 1e-3)])!;
    expect(fit.identifiable).toBe(true);
    expect(fit.o).toBeCloseTo(40e-6, 12);
    expect(fit.c).toBeCloseTo(2e-3, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
    expect(fit.flagged).toEqual([]);
  });

  it('gives an interval containing o under noise, and flags the point that does not fit', () => {
    const at = model(40e-6, 1e-3);
    const noisy = [1.01, 0.99, 1.02, 0.98, 1.0, 1.01, 0.99].map((k, i) => {
      const p = at([30000, 10000, 3000, 1000, 500, 200, 100][i]!, 1e-6);
      return { ...p, tPar: p.tPar * k };
    });
    const fit = fitOverhead(noisy)!;
    expect(fit.oCI[0]).toBeLessThan(40e-6);
    expect(fit.oCI[1]).toBeGreaterThan(40e-6);
    expect(fit.flagged).toEqual([]);
    const bad = noisy.map((p, i) => (i === 4 ? { ...p, tPar: p.tPar * 3 } : p));
    expect(fitOverhead(bad)!.flagged).toEqual([4]);
  });

  it('with one N for every point, fixes c at 0 and averages the per-task overhead', () => {
    const at = model(30e-6, 0);
    const fit = fitOverhead([at(177, 1e-6), at(177, 1e-5), at(177, 1e-4), at(177, 1e-3)])!;
    expect(fit.identifiable).toBe(false);
    expect(fit.c).toBe(0);
    expect(fit.r2).toBeNull();
    expect(fit.o).toBeCloseTo(30e-6, 12);
  });

  it('returns null without points', () => {
    expect(fitOverhead([])).toBeNull();
  });
});
