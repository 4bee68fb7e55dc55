// Inline execution into preallocated output (a suite's InlineForm) gives exactly the results and
// checksums of calling the kernel task by task, for every suite, whole sets and samples, run once or
// many times over the same output.
import { describe, expect, it } from 'vitest';
import { sampleTasks } from '../../src/runner/task-cap.js';
import { executeInline, inlineRunner } from '../../src/runner/execute.js';
import { findSuite, suites, type AnySuite, type Knob, type SuiteParams } from '../../suites/index.js';

/** The kernel called task by task, each result kept: the allocating path. */
function allocating(suite: AnySuite, tasks: { payload: unknown; deps: number[] }[], context: unknown, count = tasks.length): unknown[] {
  const results: unknown[] = [];
  for (let i = 0; i < count; i++) results.push(suite.kernel(tasks[i]!.payload, tasks[i]!.deps.map((d) => results[d]), context));
  return results;
}

const cases: { suite: string; params: SuiteParams; knob: Knob }[] = [
  { suite: 'square', params: { n: 2, tile: 256 }, knob: { chunk: 1, work: 0 } },
  { suite: 'square', params: { n: 2, tile: 256 }, knob: { chunk: 77, work: 3 } },
  { suite: 'spmm', params: { size: 120, density: 0.05, rowlen: 'power-law', k: 4, matrix: null }, knob: { chunk: 7, work: 2 } },
  { suite: 'spmm', params: { size: 64, density: 0.2, rowlen: 'uniform', k: 1, matrix: null }, knob: { chunk: 1, work: 0 } },
  { suite: 'fib', params: { n: 10 }, knob: { chunk: 1, work: 2 } },
  { suite: 'primes', params: { limit: 5000, split: 'width' }, knob: { chunk: 97, work: 3 } },
  { suite: 'hull', params: { points: 800, shape: 'circle' }, knob: { chunk: 13, work: 2 } },
];

describe('inline execution into preallocated output', () => {
  it('square and spmm have an inline form; the suites with dependencies need none', () => {
    expect(suites.filter((s) => s.inline).map((s) => s.name).sort()).toEqual(['spmm', 'square']);
  });

  it.each(cases)('$suite $knob: the same results and checksum as the allocating kernel', ({ suite: name, params, knob }) => {
    const suite = findSuite(name)!;
    const input = suite.makeInput(params, 5);
    const context = suite.context?.(input);
    const tasks = suite.split(input, knob);
    const expected = allocating(suite, tasks, context);
    const runner = inlineRunner(suite, tasks, context);
    runner.run();
    runner.run(); // the output is reused: a second run must leave the same values
    expect(runner.results()).toEqual(expected);
    expect(executeInline(suite, tasks, context)).toEqual(expected);
    const combined = suite.combine(input, runner.results());
    expect(suite.verify(combined, suite.combine(input, expected))).toBeNull();
    expect(suite.checksum(combined)).toBe(suite.checksum(suite.combine(input, expected)));
  });

  it.each(cases.filter((c) => findSuite(c.suite)!.inline))('$suite $knob: a spread sample gives each sampled task its own result', ({ suite: name, params, knob }) => {
    const suite = findSuite(name)!;
    const input = suite.makeInput(params, 5);
    const context = suite.context?.(input);
    const sample = sampleTasks(suite.split(input, knob), 9);
    const runner = inlineRunner(suite, sample, context, 5);
    runner.run();
    expect(runner.results()).toEqual(allocating(suite, sample, context, 5));
  });
});
