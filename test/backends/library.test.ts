import { describe, expect, it } from 'vitest';
import { findBackend, type Executor } from '../../src/backends/index.js';
import { ParbenchError } from '../../src/errors.js';
import { openFaulty as openFaultyPool, rejection } from './helpers.js';

const libraries = ['piscina-c16', 'piscina-atomics-async', 'piscina-no-atomics', 'tinypool', 'workerpool'];

const openFaulty = (backend: string, taskTimeoutSeconds = 30): Promise<Executor> => openFaultyPool(backend, 2, taskTimeoutSeconds);

describe.each(libraries)('%s backend', (backend) => {
  it('runs tasks, records its options, and fails a throwing task with TASK_FAILED only', async () => {
    const executor = await openFaulty(backend);
    try {
      expect(executor.settings?.()).toHaveProperty('library');
      await expect(executor.submit({ payload: 21, deps: [] })).resolves.toBe(42);
      const error = await rejection(executor.submit({ payload: 'throw', deps: [] }));
      expect(error.code).toBe('TASK_FAILED');
      expect(error.message).toContain(`${backend}: a task failed: `);
      expect(error.message).toContain('kernel exploded');
      await expect(executor.submit({ payload: 4, deps: [] })).resolves.toBe(8);
    } finally {
      await executor.close();
    }
  });

  it('fails in-flight and queued tasks when a worker exits', async () => {
    const executor = await openFaulty(backend);
    try {
      const results = await Promise.allSettled([
        executor.submit({ payload: 'exit', deps: [] }),
        ...Array.from({ length: 5 }, () => executor.submit({ payload: 'hang', deps: [] })),
      ]);
      const reason = (results[0] as PromiseRejectedResult).reason as ParbenchError;
      expect(reason.code).toBe('WORKER_EXITED');
      expect(reason.message).toMatch(new RegExp(`^${backend}: a worker exited unexpectedly \\(.*\\)$`));
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
    } finally {
      await executor.close();
    }
  });

  it('fails with TASK_TIMEOUT when no task completes within the timeout, and closes twice', async () => {
    const executor = await openFaulty(backend, 0.5);
    const error = await rejection(executor.submit({ payload: 'hang', deps: [] }));
    expect(error.code).toBe('TASK_TIMEOUT');
    expect(error.message).toBe(`${backend}: a task did not finish within 0.5 s (raise --task-timeout if that is expected)`);
    await executor.close();
    await executor.close();
    expect((await rejection(executor.submit({ payload: 1, deps: [] }))).code).toMatch(/EXECUTOR_CLOSED|TASK_TIMEOUT/);
  });
});
