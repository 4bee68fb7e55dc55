import { describe, expect, it } from 'vitest';
import { localBackendNames } from '../../src/backends/index.js';
import { executeInline, executeOn, prepare } from '../../src/runner/execute.js';
import { fib } from '../../suites/fib.js';
import { square } from '../../suites/square.js';
import type { AnySuite } from '../../suites/index.js';
import { openSuite } from './helpers.js';

const cases: { suite: AnySuite; params: Record<string, number>; knob: { chunk: number; work: number } }[] = [
  { suite: fib, params: { n: 9 }, knob: { chunk: 1, work: 5 } },
  { suite: square, params: { n: 2, tile: 64 }, knob: { chunk: 37, work: 3 } },
];

describe.each(localBackendNames())('backend %s', (backend) => {
  it.each(cases)('returns the same result as sequential for $suite.name', async ({ suite, params, knob }) => {
    const input = suite.makeInput(params, 11);
    const tasks = suite.split(input, knob);
    const expected = suite.combine(input, executeInline(suite, tasks, undefined));
    const executor = await openSuite(backend, suite, input);
    try {
      for (let repeat = 0; repeat < 3; repeat++) {
        const results = await executeOn(executor, prepare(tasks));
        expect(suite.verify(suite.combine(input, results), expected)).toBeNull();
      }
    } finally {
      await executor.close();
    }
  });
});
