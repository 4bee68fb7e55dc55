// The Python driver for real (needs `parbench setup python`): exact results, and no process that the
// driver started (process pools, Parsl's interchange and workers) outlives a session, whether it ends
// normally, is closed mid-run (Ctrl-C) or the driver itself is killed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PythonDriver } from '../../src/backends/python/driver.js';
import { PYTHON_SUITES } from '../../src/backends/python/index.js';
import { processesInSession } from '../../src/backends/sweep.js';
import { setupState, venvPython } from '../../src/backends/python/venv.js';
import { expectedFor } from '../../src/runner/reference.js';
import { findSuite } from '../../suites/index.js';
import { runRequest } from './run-request.js';

const ready = setupState() !== null;

function start(name: string): Promise<PythonDriver> {
  return PythonDriver.start({ name, python: venvPython(), taskTimeoutSeconds: 120 });
}

const point = runRequest;

/** Resolves once the driver reports that tasks are completing. */
function runUntilProgress(driver: PythonDriver, request: ReturnType<typeof point>) {
  let progressed!: () => void;
  const progress = new Promise<void>((resolve) => (progressed = resolve));
  const done = driver.request({ op: 'run', ...request }, (event) => event.event === 'progress' && progressed());
  done.catch(() => undefined);
  return { progress, done };
}

/** A driver whose HTEX is busy with a long fib run, its interchange and workers up. */
async function htexMidRun() {
  const driver = await start('parsl-htex');
  const session = driver.pid!;
  const { progress, done } = runUntilProgress(driver, point('parsl-htex', 'fib', { n: 16 }, { chunk: 1, work: 0 }, 50));
  await progress;
  expect(processesInSession(session).length).toBeGreaterThan(1);
  return { driver, session, done };
}

describe.skipIf(!ready)('Python driver', () => {
  it('plans a point on its own interpreter and matches TypeScript exactly', async () => {
    const driver = await start('py-threads');
    try {
      const plan = await driver.plan({ suite: 'square', params: { n: 1, tile: 64 }, seed: 42, grain: 1e-5, minSampleSeconds: 0.002, warmup: 0, repeats: 1 });
      const suite = findSuite('square')!;
      const expected = expectedFor(suite, suite.makeInput({ n: 1, tile: 64 }, 42), undefined, plan.knob);
      expect(plan.sequential.checksum).toBe(expected.checksum);
      const run = await driver.run(point('py-threads', 'square', { n: 1, tile: 64 }, plan.knob, 2));
      expect(run.checksums).toEqual([expected.checksum, expected.checksum]);
      expect(run.samples).toHaveLength(2);
    } finally {
      await driver.close();
    }
  });

  it('measures the same sample of a capped task set as TypeScript: evenly spread tasks, and a prefix of a graph on Parsl', async () => {
    const cases: { backend: string; suite: string; params: Record<string, number | string | null>; knob: { chunk: number; work: number }; cap: number }[] = [
      { backend: 'py-threads', suite: 'primes', params: { limit: 20_000, split: 'width' }, knob: { chunk: 1, work: 0 }, cap: 300 },
      { backend: 'py-sequential', suite: 'square', params: { n: 2, tile: 64 }, knob: { chunk: 4, work: 1 }, cap: 37 },
      { backend: 'py-sequential', suite: 'spmm', params: { size: 300, density: 0.01, rowlen: 'uniform', k: 1, matrix: null }, knob: { chunk: 2, work: 0 }, cap: 20 },
      { backend: 'py-threads', suite: 'hull', params: { points: 2000, shape: 'square' }, knob: { chunk: 8, work: 0 }, cap: 60 },
      { backend: 'parsl-threads', suite: 'fib', params: { n: 10 }, knob: { chunk: 1, work: 1 }, cap: 50 },
    ];
    for (const c of cases) {
      const driver = await start(c.backend);
      try {
        const suite = findSuite(c.suite)!;
        const input = suite.makeInput(c.params, 42);
        const expected = expectedFor(suite, input, suite.context?.(input), c.knob, c.cap);
        const plan = await driver.plan({ suite: c.suite, params: c.params, seed: 42, grain: 1e-6, minSampleSeconds: 0.002, warmup: 0, repeats: 1, knob: c.knob, maxTasks: c.cap } as never);
        expect({ tasks: plan.tasks, tasksInSet: plan.tasksInSet, checksum: plan.sequential.checksum }).toEqual({ tasks: c.cap, tasksInSet: expected.tasksInSet, checksum: expected.checksum });
        const run = await driver.run({ ...point(c.backend, c.suite, c.params, c.knob, 2), maxTasks: c.cap });
        expect({ checksums: run.checksums, tasks: run.tasks }).toEqual({ checksums: [expected.checksum, expected.checksum], tasks: [c.cap, c.cap] });
      } finally {
        await driver.close();
      }
    }
  });

  it('calibrates a suite\'s grains in one sweep: rows in the order asked, a floor below the smallest task, knobs monotone in the grain', async () => {
    const driver = await start('py-sequential');
    try {
      const grains = [1e-5, 1e-8, 1e-6, 1e-4];
      const rows = await driver.sweep!({ suite: 'primes', params: { limit: 20_000, split: 'width' }, seed: 42, grains, minSampleSeconds: 0.002 });
      expect(rows.map((r) => r.grain)).toEqual(grains);
      const [g5, g8, g6, g4] = rows;
      expect(g8).toMatchObject({ knob: { chunk: 1, work: 0 }, reachable: false, tunedBy: 'floor' });
      const cost = (r: typeof g5) => [r!.knob.chunk, r!.knob.work];
      for (const [smaller, larger] of [[g8, g6], [g6, g5], [g5, g4]]) {
        const [cs, ws] = cost(smaller);
        const [cl, wl] = cost(larger);
        expect(cs! <= cl! || ws! <= wl!).toBe(true);
      }
      for (const row of rows) expect(row.seconds).toBeGreaterThanOrEqual(0);
    } finally {
      await driver.close();
    }
  });

  it('implements the suites the TypeScript side expects of it', async () => {
    const driver = await start('py-sequential');
    try {
      expect((await driver.request({ op: 'hello' })).suites).toEqual(PYTHON_SUITES);
    } finally {
      await driver.close();
    }
  });

  it('reports a bad request as a failed task, not a crash', async () => {
    const driver = await start('py-threads');
    try {
      await expect(driver.run(point('py-threads', 'nosuch', { n: 1 }, { chunk: 1, work: 0 }))).rejects.toThrow(/unknown suite "nosuch"/);
      await expect(driver.request({ op: 'hello' })).resolves.toMatchObject({ ok: true });
    } finally {
      await driver.close();
    }
  });

  it('fails a point whose task makes no progress within the task timeout, and cleans up', async () => {
    const driver = await PythonDriver.start({ name: 'py-processes', python: venvPython(), taskTimeoutSeconds: 1 });
    const session = driver.pid!;
    // One fib leaf with 5e7 rounds of work: seconds of CPython, no completion for longer than 1 s.
    await expect(driver.run(point('py-processes', 'fib', { n: 1 }, { chunk: 1, work: 50_000_000 }))).rejects.toThrow(/did not finish within 1 s/);
    await driver.close();
    expect(processesInSession(session)).toEqual([]);
  });

  it('leaves no HTEX process after a normal run', async () => {
    const driver = await start('parsl-htex');
    const session = driver.pid!;
    const suite = findSuite('fib')!;
    const knob = { chunk: 1, work: 1 };
    const run = await driver.run(point('parsl-htex', 'fib', { n: 6 }, knob));
    expect(run.checksums).toEqual([expectedFor(suite, suite.makeInput({ n: 6 }, 42), undefined, knob).checksum]);
    await driver.close();
    expect(processesInSession(session)).toEqual([]);
  });

  it('stops HTEX when closed mid-run (the Ctrl-C path)', async () => {
    const { driver, session, done } = await htexMidRun();
    await driver.close();
    await expect(done).rejects.toThrow(/closed/);
    expect(processesInSession(session)).toEqual([]);
  });

  it('leaves nothing behind when the driver itself is killed mid-run', async () => {
    const { driver, session, done } = await htexMidRun();
    process.kill(driver.pid!, 'SIGKILL');
    await expect(done).rejects.toThrow(/driver exited \(signal SIGKILL\)/);
    await driver.close();
    expect(processesInSession(session)).toEqual([]);
  });

  // Issue 14, smaller item: a killed driver cannot remove its working directory (logs, HTEX certificates); parbench does.
  it('removes the driver\'s temporary directory when the driver is killed mid-run', async () => {
    const { driver, done } = await htexMidRun();
    const environ = readFileSync(`/proc/${driver.pid}/environ`, 'utf8').split('\0');
    const dir = environ.find((v) => v.startsWith('PARBENCH_RUN_DIR='))!.slice('PARBENCH_RUN_DIR='.length);
    expect(dir).toMatch(/\/parbench-py-[^/]+$/);
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    process.kill(driver.pid!, 'SIGKILL');
    await expect(done).rejects.toThrow(/driver exited/);
    await driver.close();
    expect(existsSync(dir)).toBe(false);
  });
});
