// py-shm through the Python driver (needs `parbench setup python`): exact results with its settings
// recorded, a task that raises as one line, and nothing left — no process, no /dev/shm segment — when
// the driver is killed mid-run.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PythonDriver } from '../../src/backends/python/driver.js';
import { processesInSession } from '../../src/backends/sweep.js';
import { setupState, venvPython } from '../../src/backends/python/venv.js';
import { expectedFor } from '../../src/runner/reference.js';
import { findSuite } from '../../suites/index.js';
import { runRequest } from './run-request.js';

const ready = setupState() !== null;

const point = (suite: string, params: Record<string, number | string>, knob: { chunk: number; work: number }, repeats = 2) => runRequest('py-shm', suite, params, knob, repeats);

const segments = (pid: number) => readdirSync('/dev/shm').filter((name) => name.startsWith(`parbench-${pid}-`));

describe.skipIf(!ready)('py-shm through the driver', () => {
  it('matches TypeScript exactly and reports where its results lived', async () => {
    const driver = await PythonDriver.start({ name: 'py-shm', python: venvPython(), taskTimeoutSeconds: 60 });
    try {
      for (const [name, params, form] of [['fib', { n: 9 }, 'typed'], ['square', { n: 1, tile: 64 }, 'typed'], ['hull', { points: 1000, shape: 'disc' }, 'arena']] as const) {
        const suite = findSuite(name)!;
        const knob = { chunk: name === 'fib' ? 1 : 16, work: 2 };
        const expected = expectedFor(suite, suite.makeInput(params, 42), suite.context?.(suite.makeInput(params, 42)), knob);
        const run = await driver.run(point(name, params, knob));
        expect(run.checksums).toEqual([expected.checksum, expected.checksum]);
        expect(run.executor).toMatchObject({ executor: 'py-shm', results: form });
      }
      expect(segments(driver.pid!)).toEqual([]);
    } finally {
      await driver.close();
    }
  });

  it('a task that raises fails the point with one line naming it', async () => {
    process.env.PARBENCH_PYSHM_FAULT = 'raise:4';
    try {
      const driver = await PythonDriver.start({ name: 'py-shm', python: venvPython(), taskTimeoutSeconds: 60 });
      const session = driver.pid!;
      await expect(driver.run(point('fib', { n: 6 }, { chunk: 1, work: 0 }))).rejects.toThrow(/^py-shm: a task failed: ValueError: injected fault at task 4$/);
      await driver.close();
      expect(processesInSession(session)).toEqual([]);
      expect(segments(session)).toEqual([]);
    } finally {
      delete process.env.PARBENCH_PYSHM_FAULT;
    }
  });

  it('leaves no process and no shared-memory segment when the driver is killed mid-run', async () => {
    const driver = await PythonDriver.start({ name: 'py-shm', python: venvPython(), taskTimeoutSeconds: 60 });
    const session = driver.pid!;
    let progressed!: () => void;
    const progress = new Promise<void>((resolve) => (progressed = resolve));
    const done = driver.request({ op: 'run', ...point('fib', { n: 18 }, { chunk: 1, work: 20 }, 200) }, (event) => event.event === 'progress' && progressed());
    done.catch(() => undefined);
    await progress;
    expect(processesInSession(session).length).toBeGreaterThan(1);
    expect(segments(session).length).toBeGreaterThan(0);
    process.kill(session, 'SIGKILL');
    await expect(done).rejects.toThrow(/driver exited \(signal SIGKILL\)/);
    await driver.close();
    expect(processesInSession(session)).toEqual([]);
    expect(segments(session)).toEqual([]);
  });
});
