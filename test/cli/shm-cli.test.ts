import { describe, expect, it } from 'vitest';
import { onlyRun, parbench as run, tempDir } from './cli.js';

function parbench(args: string[], env: Record<string, string> = {}) {
  const out = tempDir();
  const result = run([...args, '-o', out], undefined, env);
  return { ...result, record: onlyRun(out).record as any };
}

describe('parbench run with shm and the library backends', () => {
  it('verifies every backend and records the shm settings', () => {
    const backends = ['shm', 'piscina-c16', 'piscina-atomics-async', 'piscina-no-atomics', 'tinypool', 'workerpool'];
    const { status, stderr, record } = parbench(['run', 'fib,square', '--n', '2', '--grains', '1e-6', '--backends', backends.join(','), '--repeats', '1', '--warmup', '1', '--workers', '2']);
    expect(stderr).not.toMatch(/a task failed|Warning/);
    expect(status).toBe(0);
    expect(record.schema).toBe('parbench.run/2');
    expect(record.points.map((p: { backend: string }) => p.backend)).toEqual([...backends, ...backends]);
    for (const point of record.points) expect(point.verified).toBe(true);
    const shm = record.points.find((p: { backend: string }) => p.backend === 'shm');
    expect(shm.executor).toMatchObject({ executor: 'shm', results: 'shared', spin: 2000, idleSpin: 0, driverSpin: 5000, driverTakes: true, prime: true, primeSpin: 200000, warmTasks: 100000, warmMs: 150 });
  });

  it('a throwing shm task: one line on stderr, exit 1, the failed point recorded, no hang', () => {
    const { status, stderr, record } = parbench(['run', 'fib', '--n', '6', '--grains', '1e-7', '--backends', 'shm', '--repeats', '1'], {
      PARBENCH_SHM_FAULT: 'throw:3',
    });
    expect(status).toBe(1);
    expect(stderr).toContain('parbench: shm: a task failed: injected fault at task 3');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(record.status).toBe('failed');
    expect(record.points[0]).toMatchObject({ backend: 'shm', status: 'failed', verified: false, error: { code: 'TASK_FAILED' } });
  });

  it('the spin settings come from the environment and are recorded', () => {
    const { status, record } = parbench(['run', 'fib', '--n', '3', '--grains', '1e-7', '--backends', 'shm', '--repeats', '1'], {
      PARBENCH_SHM_SPIN: '0',
      PARBENCH_SHM_IDLE_SPIN: '7',
      PARBENCH_SHM_DRIVER_SPIN: '0',
      PARBENCH_SHM_DRIVER_TAKES: '0',
      PARBENCH_SHM_PRIME: '0',
      PARBENCH_SHM_PRIME_SPIN: '9',
      PARBENCH_SHM_WARM_TASKS: '0',
      PARBENCH_SHM_WARM_MS: '3',
    });
    expect(status).toBe(0);
    expect(record.points[0].executor).toMatchObject({ spin: 0, idleSpin: 7, driverSpin: 0, driverTakes: false, prime: false, primeSpin: null, warmTasks: 0, warmMs: null });
  });
});
