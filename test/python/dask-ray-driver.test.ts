// The Dask and Ray backends through the driver, for real (needs `parbench setup python`): the driver
// lists every backend the registry expects of it, and nothing Ray or a Dask LocalCluster started survives
// a session closed mid-run (the Ctrl-C path) or a driver killed mid-run.
import { describe, expect, it } from 'vitest';
import { pythonBackends } from '../../src/backends/python/index.js';
import { PythonDriver } from '../../src/backends/python/driver.js';
import { processesInSession } from '../../src/backends/sweep.js';
import { setupState, venvPython } from '../../src/backends/python/venv.js';

const ready = setupState()?.libraries?.ray !== undefined;

/** A driver busy with a long fib run on `backend`, tasks completing (its pool is up). */
async function midRun(backend: string) {
  const driver = await PythonDriver.start({ name: backend, python: venvPython(), taskTimeoutSeconds: 120 });
  let progressed!: () => void;
  const progress = new Promise<void>((resolve) => (progressed = resolve));
  const request = { op: 'run', backend, workers: 2, suite: 'fib', params: { n: 18 }, seed: 42, knob: { chunk: 1, work: 0 }, warmup: 0, repeats: 50 };
  const done = driver.request(request, (event) => event.event === 'progress' && progressed());
  done.catch(() => undefined);
  await progress;
  expect(processesInSession(driver.pid!).length).toBeGreaterThan(1);
  return { driver, session: driver.pid!, done };
}

describe.skipIf(!ready)('Dask and Ray through the driver', () => {
  it('runs every Python backend the registry lists', async () => {
    const driver = await PythonDriver.start({ name: 'py-sequential', python: venvPython(), taskTimeoutSeconds: 60 });
    try {
      const hello = await driver.request({ op: 'hello' });
      expect(hello.backends).toEqual(expect.arrayContaining(pythonBackends.map((b) => b.name)));
      expect(Object.keys((hello.runtime as { libraries: Record<string, string> }).libraries)).toEqual(['dask', 'distributed', 'ray']);
    } finally {
      await driver.close();
    }
  });

  it('stops Ray when the session is closed mid-run (the Ctrl-C path)', async () => {
    const { driver, session, done } = await midRun('ray');
    await driver.close();
    await expect(done).rejects.toThrow(/closed/);
    expect(processesInSession(session)).toEqual([]);
  });

  it.each(['ray', 'dask-distributed'])('leaves nothing of %s when the driver itself is killed mid-run', async (backend) => {
    const { driver, session, done } = await midRun(backend);
    process.kill(driver.pid!, 'SIGKILL');
    await expect(done).rejects.toThrow(/driver exited \(signal SIGKILL\)/);
    await driver.close();
    expect(processesInSession(session)).toEqual([]);
  });
});
