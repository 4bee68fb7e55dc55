import { describe, expect, it } from 'vitest';
import { formatGrain, formatPercent, formatSeconds } from '../../src/report/format.js';

describe('formatting', () => {
  it.each([
    [1.234e-6, '1.23 µs'],
    [45.6e-3, '45.6 ms'],
    [-8.124e-7, '-812 ns'],
    [2, '2 s'],
    [1e-6, '1 µs'],
    [0.9999e-6, '1 µs'],
    [3e-12, '0.003 ns'],
    [0, '0 s'],
    [null, '–'],
    [Number.NaN, '–'],
  ])('formatSeconds(%s) = %s', (value, text) => {
    expect(formatSeconds(value)).toBe(text);
  });

  it('writes grains as typed and efficiency as a percentage', () => {
    expect([1e-8, 1e-3, 2.5e-5, 1].map(formatGrain)).toEqual(['1e-8', '1e-3', '2.5e-5', '1e0']);
    expect([0.5, 1.01, 0.0042, 0.089].map(formatPercent)).toEqual(['50%', '101%', '0.42%', '8.9%']);
  });
});
