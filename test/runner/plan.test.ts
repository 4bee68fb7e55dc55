// The plan of a run: exact points in measuring order and the skipped pairs, with nothing measured.
import { describe, expect, it } from 'vitest';
import type { Backend, ExecutorBackend, RemoteBackend } from '../../src/backends/index.js';
import { planRun } from '../../src/runner/plan.js';

const base = { availability: () => ({ available: true as const }), description: 'test' };
const local = (name: string, parallel: boolean): ExecutorBackend => ({ ...base, kind: 'executor', name, parallel, open: () => Promise.reject(new Error('not opened in a plan')) });
const remote = (name: string, parallel: boolean, suites: string[]): RemoteBackend => ({ ...base, kind: 'remote', name, parallel, planKey: 'k', suites, start: () => Promise.reject(new Error('not started in a plan')) });
const registry: Backend[] = [local('seq', false), local('pool', true), remote('drv', true, ['fib']), remote('drv-seq', false, ['square'])];
const lookup = (name: string) => registry.find((b) => b.name === name);

describe('planRun', () => {
  it('orders points by suite, grain, backend in config order, then worker count', () => {
    const plan = planRun({ suites: ['fib', 'square'], grains: [1e-6, 1e-4], backends: ['pool', 'seq'], workers: [1, 2] }, lookup);
    expect(plan.points).toEqual([
      { suite: 'fib', grain: 1e-6, backend: 'pool', workers: 1 },
      { suite: 'fib', grain: 1e-6, backend: 'pool', workers: 2 },
      { suite: 'fib', grain: 1e-6, backend: 'seq', workers: 1 },
      { suite: 'fib', grain: 1e-4, backend: 'pool', workers: 1 },
      { suite: 'fib', grain: 1e-4, backend: 'pool', workers: 2 },
      { suite: 'fib', grain: 1e-4, backend: 'seq', workers: 1 },
      { suite: 'square', grain: 1e-6, backend: 'pool', workers: 1 },
      { suite: 'square', grain: 1e-6, backend: 'pool', workers: 2 },
      { suite: 'square', grain: 1e-6, backend: 'seq', workers: 1 },
      { suite: 'square', grain: 1e-4, backend: 'pool', workers: 1 },
      { suite: 'square', grain: 1e-4, backend: 'pool', workers: 2 },
      { suite: 'square', grain: 1e-4, backend: 'seq', workers: 1 },
    ]);
    expect(plan.skipped).toEqual([]);
    expect(plan.groups.map((g) => [g.suite, g.grain, g.points.length])).toEqual([['fib', 1e-6, 3], ['fib', 1e-4, 3], ['square', 1e-6, 3], ['square', 1e-4, 3]]);
    expect(plan.groups.flatMap((g) => g.points)).toEqual(plan.points);
  });

  it('runs a remote backend only on the suites its driver declares, and lists the pairs it skips', () => {
    const plan = planRun({ suites: ['fib', 'square', 'hull'], grains: [1e-5], backends: ['seq', 'drv', 'drv-seq'], workers: [4] }, lookup);
    expect(plan.points).toEqual([
      { suite: 'fib', grain: 1e-5, backend: 'seq', workers: 1 },
      { suite: 'fib', grain: 1e-5, backend: 'drv', workers: 4 },
      { suite: 'square', grain: 1e-5, backend: 'seq', workers: 1 },
      { suite: 'square', grain: 1e-5, backend: 'drv-seq', workers: 1 },
      { suite: 'hull', grain: 1e-5, backend: 'seq', workers: 1 },
    ]);
    expect(plan.skipped).toEqual([
      { suite: 'fib', backend: 'drv-seq', reason: 'drv-seq does not implement fib' },
      { suite: 'square', backend: 'drv', reason: 'drv does not implement square' },
      { suite: 'hull', backend: 'drv', reason: 'drv does not implement hull' },
      { suite: 'hull', backend: 'drv-seq', reason: 'drv-seq does not implement hull' },
    ]);
  });

  it('plans the registry backends by their declarations (Python runs every suite it lists)', () => {
    const plan = planRun({ suites: ['fib'], grains: [1e-6], backends: ['sequential', 'worker', 'py-sequential', 'py-threads'], workers: [2] });
    expect(plan.points).toEqual([
      { suite: 'fib', grain: 1e-6, backend: 'sequential', workers: 1 },
      { suite: 'fib', grain: 1e-6, backend: 'worker', workers: 2 },
      { suite: 'fib', grain: 1e-6, backend: 'py-sequential', workers: 1 },
      { suite: 'fib', grain: 1e-6, backend: 'py-threads', workers: 2 },
    ]);
  });

  it('gives no points for an empty sweep, and refuses a backend name nothing resolves', () => {
    expect(planRun({ suites: ['fib'], grains: [], backends: ['pool'], workers: [1] }, lookup)).toEqual({ points: [], groups: [], skipped: [] });
    expect(() => planRun({ suites: ['fib'], grains: [1e-6], backends: ['nope'], workers: [1] }, lookup)).toThrow(/unknown backend "nope"/);
  });
});
