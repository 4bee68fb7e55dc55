import { describe, expect, it } from 'vitest';
import { primes, primesBounds, type PrimesInput } from '../../suites/primes.js';
import { balancedBounds, countRange, sieve, widthBounds } from '../../suites/primes/math.js';
import { executeInline } from '../../src/runner/execute.js';

function runPrimes(limit: number, split: 'width' | 'balanced', chunk: number, work = 0) {
  const input = primes.makeInput({ limit, split }, 1);
  const tasks = primes.split(input, { chunk, work });
  return { input, tasks, result: primes.combine(input, executeInline(primes, tasks, undefined) as never) };
}

describe('primes: known answers', () => {
  it('counts and sums small ranges', () => {
    expect(countRange(0, 10)).toMatchObject({ count: 4, sum: 17 });
    expect(countRange(0, 100)).toMatchObject({ count: 25, sum: 1060 });
    expect(countRange(0, 2)).toMatchObject({ count: 0, sum: 0 });
    expect(countRange(2, 3)).toMatchObject({ count: 1, sum: 2 });
    expect(sieve(100)).toEqual({ count: 25, sum: 1060 });
    expect(sieve(1)).toEqual({ count: 0, sum: 0 });
  });

  it('finds 664,579 primes below 10^7, by the sieve and by the tasks', () => {
    expect(sieve(10_000_000).count).toBe(664_579);
    const { result } = runPrimes(10_000_000, 'balanced', 625_000);
    expect(result.count).toBe(664_579);
    expect(primes.verify(result, result)).toBeNull();
  });

  it('gives the same answer for every split and chunk', () => {
    for (const split of ['width', 'balanced'] as const) {
      for (const chunk of [1, 7, 100, 999]) {
        const { result, tasks } = runPrimes(1000, split, chunk, 2);
        expect(result.count).toBe(168);
        expect(result.sum).toBe(76_127);
        expect(tasks).toHaveLength(Math.ceil(1000 / chunk));
        expect(primes.verify(result, result)).toBeNull();
      }
    }
  });

  it('rejects a count that disagrees with the sieve', () => {
    const { result } = runPrimes(1000, 'width', 10);
    expect(primes.verify({ ...result, count: 167 }, result)).toMatch(/167 primes, the sieve finds 168/);
  });
});

describe('primes: splits', () => {
  it('width and balanced cover [0, limit) with the same number of non-empty ranges', () => {
    for (const [n, t] of [[1000, 10], [17, 17], [100_000, 3]] as const) {
      const b = balancedBounds(n, t);
      expect(b[0]).toBe(0);
      expect(b.at(-1)).toBe(n);
      expect(b).toHaveLength(t + 1);
      for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
    }
    expect(widthBounds(10, 4)).toEqual([0, 4, 8, 10]);
  });

  it('balanced ranges get closer to equal trial-division counts than equal-width ones', () => {
    const divisionRatio = (bounds: number[]) => {
      const costs = bounds.slice(1).map((hi, i) => countRange(bounds[i]!, hi).divisions);
      return Math.max(...costs) / (costs.reduce((a, b) => a + b, 0) / costs.length);
    };
    const width = divisionRatio(primesBounds(1_000_000, 'width', 62_500));
    const balanced = divisionRatio(primesBounds(1_000_000, 'balanced', 62_500));
    expect(width).toBeGreaterThan(1.3);
    expect(balanced).toBeLessThan(1.1);
    expect(balanced).toBeLessThan(width);
  });

  it('asks the runner to record load imbalance and keeps at least 16 tasks at the largest chunk', () => {
    expect(primes.reportImbalance).toBe(true);
    const input: PrimesInput = primes.makeInput({ limit: 50_000, split: 'width' }, 1);
    expect(primes.knobRange(input).chunkMax).toBe(3125);
  });
});
