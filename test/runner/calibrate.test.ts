import { describe, expect, it } from 'vitest';
import { calibrate, TOLERANCE } from '../../src/runner/calibrate.js';
import { fib } from '../../suites/fib.js';
import { square } from '../../suites/square.js';

describe('calibration', () => {
  it('tunes square to a mid grain (1e-4 s) within ±15% by adding work to the largest tile', () => {
    const input = square.makeInput({ n: 4, tile: 64 }, 1);
    const cal = calibrate(square, input, undefined, 1e-4, { minSampleSeconds: 0.005 });
    expect(cal.tunedBy).toBe('work');
    expect(cal.knob.chunk).toBe(64);
    expect(cal.knob.work).toBeGreaterThan(0);
    expect(Math.abs(cal.perTask - 1e-4)).toBeLessThanOrEqual(TOLERANCE * 1e-4);
  });

  it('tunes square to a small grain by shrinking the tile before adding work', () => {
    const input = square.makeInput({ n: 4, tile: 4096 }, 1);
    const cal = calibrate(square, input, undefined, 1e-6, { minSampleSeconds: 0.005 });
    expect(cal.tunedBy).toBe('chunk');
    expect(cal.knob.work).toBe(0);
    expect(cal.knob.chunk).toBeLessThan(4096);
  });

  it('tunes fib to a mid grain with rounds of work per call', () => {
    const cal = calibrate(fib, { n: 8 }, undefined, 1e-5, { minSampleSeconds: 0.005 });
    expect(cal.knob.chunk).toBe(1);
    expect(Math.abs(cal.perTask - 1e-5)).toBeLessThanOrEqual(TOLERANCE * 1e-5);
  });

  it('marks a grain below the smallest task as a floor, never pretending', () => {
    const cal = calibrate(fib, { n: 8 }, undefined, 1e-12, { minSampleSeconds: 0.005 });
    expect(cal.reachable).toBe(false);
    expect(cal.tunedBy).toBe('floor');
    expect(cal.knob).toEqual({ chunk: 1, work: 0 });
    expect(cal.perTask).toBeGreaterThan(1e-12);
  });
});
