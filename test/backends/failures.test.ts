import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ParbenchError } from '../../src/errors.js';
import { openFaulty, rejection } from './helpers.js';
import { KERNEL_PROMISE } from '../../src/backends/task-host.js';

// Every executor that runs tasks in other threads or processes, the pools written here and the libraries.
const parallel = ['worker', 'process', 'piscina', 'piscina-c16', 'piscina-atomics-async', 'piscina-no-atomics', 'tinypool', 'workerpool'];

describe.each(['sequential', ...parallel])('%s backend, a kernel that throws', (backend) => {
  it('rejects that task with TASK_FAILED naming the backend and the error, and runs the next task', async () => {
    const executor = await openFaulty(backend);
    try {
      const error = await rejection(executor.submit({ payload: 'throw', deps: [] }));
      expect(error.code).toBe('TASK_FAILED');
      expect(error.message).toContain(backend);
      expect(error.message).toContain('kernel exploded');
      expect(error.exitCode).toBe(1);
      await expect(executor.submit({ payload: 21, deps: [] })).resolves.toBe(42);
    } finally {
      await executor.close();
    }
  });
});

// Issue 14, smaller items: whatever a kernel throws is described in the message, and a kernel that
// returns a promise fails alike on every backend.
describe.each(['sequential', ...parallel])('%s backend, a kernel that throws something other than an Error, or returns a promise', (backend) => {
  it.each([
    ['throw-string', 'a bare string'],
    ['throw-empty', 'an empty string'],
    ['throw-undefined', 'undefined'],
    ['throw-object', "{ code: 42, why: 'plain object' }"],
    ['promise', KERNEL_PROMISE],
  ])('%s: TASK_FAILED saying %s', async (payload, detail) => {
    const executor = await openFaulty(backend);
    try {
      const error = await rejection(executor.submit({ payload, deps: [] }));
      expect(error.code).toBe('TASK_FAILED');
      expect(error.message).toBe(`${backend}: a task failed: ${detail}`);
      await expect(executor.submit({ payload: 21, deps: [] })).resolves.toBe(42);
    } finally {
      await executor.close();
    }
  });
});

describe.each(parallel)('%s backend, a worker that dies or hangs', (backend) => {
  it('fails in-flight and queued tasks when a worker exits', async () => {
    const executor = await openFaulty(backend);
    try {
      const results = await Promise.allSettled([
        executor.submit({ payload: 'exit', deps: [] }),
        ...Array.from({ length: 5 }, () => executor.submit({ payload: 'hang', deps: [] })),
      ]);
      const first = results[0]!;
      expect(first.status).toBe('rejected');
      const reason = (first as PromiseRejectedResult).reason as ParbenchError;
      expect(reason.code).toBe('WORKER_EXITED');
      expect(reason.message).toMatch(new RegExp(`^${backend}: a worker exited unexpectedly \\(.*\\)$`));
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
    } finally {
      await executor.close();
    }
  });

  it('fails with TASK_TIMEOUT when no task completes within the timeout', async () => {
    const executor = await openFaulty(backend, 1, 0.5);
    try {
      const error = await rejection(executor.submit({ payload: 'hang', deps: [] }));
      expect(error.code).toBe('TASK_TIMEOUT');
      expect(error.message).toBe(`${backend}: a task did not finish within 0.5 s (raise --task-timeout if that is expected)`);
    } finally {
      await executor.close();
    }
  });

  it('rejects tasks after close and closes twice without error', async () => {
    const executor = await openFaulty(backend);
    await executor.close();
    await executor.close();
    const error = await rejection(executor.submit({ payload: 1, deps: [] }));
    expect(error.code).toBe('EXECUTOR_CLOSED');
  });
});

describe('process backend', () => {
  const children = () =>
    execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('process-entry'));

  it('leaves no child process behind after close, also after a crash and a hang', async () => {
    for (const payload of [1, 'exit', 'hang']) {
      const executor = await openFaulty('process', 2, 0.5);
      expect(children()).toHaveLength(2);
      await executor.submit({ payload, deps: [] }).catch(() => undefined);
      await executor.close();
      expect(children()).toHaveLength(0);
    }
  });
});
