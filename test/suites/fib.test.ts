import { describe, expect, it } from 'vitest';
import { fib, fibCalls, fibValue } from '../../suites/fib.js';
import { executeInline } from '../../src/runner/execute.js';

describe('fib suite', () => {
  it('has calls(n) tasks: 15 for fib(5), 21,891 for fib(20)', () => {
    expect(fibCalls(0)).toBe(1);
    expect(fibCalls(1)).toBe(1);
    expect(fibCalls(5)).toBe(15);
    expect(fibCalls(20)).toBe(21_891);
    expect(fib.split({ n: 5 }, { chunk: 1, work: 0 })).toHaveLength(15);
  });

  it('computes fib(n) through the graph for n = 0..20', () => {
    const known = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55];
    for (let n = 0; n <= 20; n++) {
      const input = fib.makeInput({ n }, 1);
      const result = fib.combine(input, executeInline(fib, fib.split(input, { chunk: 1, work: 3 }), undefined) as never);
      expect(result.value).toBe(fibValue(n));
      if (n < known.length) expect(result.value).toBe(known[n]);
    }
    expect(fibValue(20)).toBe(6765);
  });

  it('builds a graph whose dependencies always point to earlier tasks, adds depending on two', () => {
    const tasks = fib.split({ n: 8 }, { chunk: 1, work: 0 });
    tasks.forEach((task, i) => {
      for (const d of task.deps) expect(d).toBeLessThan(i);
      expect(task.deps.length).toBe(task.payload[0] === 1 ? 2 : 0);
    });
  });

  it('folds the work checksum into the result, so work changes it and verify notices', () => {
    const input = fib.makeInput({ n: 6 }, 1);
    const run = (work: number) => fib.combine(input, executeInline(fib, fib.split(input, { chunk: 1, work }), undefined) as never);
    const a = run(10);
    const b = run(11);
    expect(a.value).toBe(b.value);
    expect(a.spin).not.toBe(b.spin);
    expect(fib.verify(a, a)).toBeNull();
    expect(fib.verify(b, a)).toMatch(/work checksum/);
    expect(fib.verify({ ...a, value: 9 }, a)).toBe('fib = 9, expected 8');
  });
});
