import { describe, expect, it } from 'vitest';
import type { Executor, TaskGraph } from '../../src/backends/backend.js';
import { executeOn, prepare, runOn } from '../../src/runner/execute.js';

function batchExecutor(log: string[]): Executor {
  return {
    backend: 'fake',
    workers: 1,
    submit: () => Promise.reject(new Error('submit must not be used when runTasks exists')),
    async runTasks(graph: TaskGraph) {
      log.push(`run ${graph.tasks.length}`);
      return {
        collect: () => {
          log.push('collect');
          return graph.tasks.map((t) => (t.payload as number) * 2);
        },
      };
    },
    close: async () => undefined,
  };
}

describe('executors that take whole task sets', () => {
  const prepared = prepare([
    { payload: 1, deps: [] },
    { payload: 2, deps: [0] },
  ]);

  it('executeOn uses runTasks and returns the collected results', async () => {
    const log: string[] = [];
    expect(await executeOn(batchExecutor(log), prepared)).toEqual([2, 4]);
    expect(log).toEqual(['run 2', 'collect']);
  });

  it('runOn leaves collecting to the caller (after its clock)', async () => {
    const log: string[] = [];
    const outcome = await runOn(batchExecutor(log), prepared);
    expect(log).toEqual(['run 2']);
    expect(outcome.collect()).toEqual([2, 4]);
  });

  it('runOn wraps per-task executors', async () => {
    const executor: Executor = { backend: 'each', workers: 1, submit: async (t) => (t.payload as number) + (t.deps[0] as number | undefined ?? 0), close: async () => undefined };
    expect((await runOn(executor, prepared)).collect()).toEqual([1, 3]);
  });
});
