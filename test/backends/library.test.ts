import { describe, expect, it } from 'vitest';
import type { Executor } from '../../src/backends/index.js';
import { openFaulty as openFaultyPool, rejection } from './helpers.js';

const libraries = ['piscina-c16', 'piscina-atomics-async', 'piscina-no-atomics', 'tinypool', 'workerpool'];

const openFaulty = (backend: string, taskTimeoutSeconds = 30): Promise<Executor> => openFaultyPool(backend, 2, taskTimeoutSeconds);

// Failure handling (exits, hangs, close) of these backends is in failures.test.ts with the other pools.
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
});
