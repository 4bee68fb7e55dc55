/** Each new suite on every backend gives the sequential answer (tiny sizes; workers run dist/). */
import { describe, expect, it } from 'vitest';
import { findExecutorBackend, localBackendNames } from '../../src/backends/index.js';
import { runnableUrl } from '../../src/backends/paths.js';
import { executeInline, executeOn, prepare } from '../../src/runner/execute.js';
import { findSuite, suiteModule, type AnySuite, type Knob, type SuiteParams } from '../../suites/index.js';

const cases: { suite: string; params: SuiteParams; knob: Knob }[] = [
  { suite: 'primes', params: { limit: 5000, split: 'width' }, knob: { chunk: 97, work: 3 } },
  { suite: 'primes', params: { limit: 5000, split: 'balanced' }, knob: { chunk: 250, work: 0 } },
  { suite: 'spmm', params: { size: 120, density: 0.05, rowlen: 'power-law', k: 4, matrix: null }, knob: { chunk: 7, work: 2 } },
  { suite: 'spmm', params: { size: 64, density: 0.2, rowlen: 'uniform', k: 1, matrix: null }, knob: { chunk: 16, work: 0 } },
  { suite: 'hull', params: { points: 800, shape: 'circle' }, knob: { chunk: 13, work: 2 } },
  { suite: 'hull', params: { points: 500, shape: 'square' }, knob: { chunk: 50, work: 0 } },
];

describe.each(localBackendNames())('backend %s', (backendName) => {
  it.each(cases)('$suite $params.split$params.rowlen$params.shape equals sequential', async ({ suite: name, params, knob }) => {
    const suite: AnySuite = findSuite(name)!;
    const input = suite.makeInput(params, 5);
    const context = suite.context?.(input);
    const tasks = suite.split(input, knob);
    const expected = suite.combine(input, executeInline(suite, tasks, context));
    const module = suiteModule(suite);
    const executor = await findExecutorBackend(backendName)!.open({ workers: 2, suiteUrl: runnableUrl(module.url), suiteExport: module.exportName, context, taskTimeoutSeconds: 30 });
    try {
      const actual = suite.combine(input, await executeOn(executor, prepare(tasks)));
      expect(suite.verify(actual, expected)).toBeNull();
      expect(suite.checksum(actual)).toBe(suite.checksum(expected));
    } finally {
      await executor.close();
    }
  });
});
