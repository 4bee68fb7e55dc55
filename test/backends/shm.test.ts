import { afterEach, describe, expect, it } from 'vitest';
import { ShmExecutor, type ShmSettings } from '../../src/backends/shm/executor.js';
import { CTL } from '../../src/backends/shm/protocol.js';
import { liveBuffer, readCounters } from '../../src/backends/live-slots.js';
import { isParbenchError } from '../../src/errors.js';
import { executeInline, prepare } from '../../src/runner/execute.js';
import { capTasks } from '../../src/runner/task-cap.js';
import { fib } from '../../suites/fib.js';
import { square } from '../../suites/square.js';
import { suiteModule } from '../../suites/index.js';
import { runnableUrl } from '../../src/backends/paths.js';
import type { AnySuite, Task } from '../../suites/suite.js';
// @ts-expect-error plain JavaScript fixture (workers import it as is)
import * as fixtures from '../fixtures/dag.js';
import { independent, randomDag } from '../fixtures/graphs.js';

const fixtureUrl = new URL('../fixtures/dag.js', import.meta.url).href;
const open: ShmExecutor[] = [];

async function shm(exportName: string, workers: number, tuning: Partial<ShmSettings> = {}, suiteUrl = fixtureUrl, taskTimeoutSeconds = 30) {
  const executor = await ShmExecutor.open(
    'shm',
    { workers, suiteUrl, suiteExport: exportName, context: undefined, taskTimeoutSeconds },
    { spin: 50, idleSpin: 0, driverSpin: 0, driverTakes: true, team: false, prime: false, primeSpin: 0, warmTasks: 0, warmMs: 0, ...tuning },
  );
  open.push(executor);
  return executor;
}

async function run(executor: ShmExecutor, tasks: Task<unknown>[]): Promise<unknown[]> {
  const prepared = prepare(tasks);
  return (await executor.runTasks(prepared)).collect();
}

const reference = (suite: AnySuite, tasks: Task<unknown>[], context?: unknown) => executeInline(suite, tasks, context);

afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

describe('shm executor: results equal the sequential run', () => {
  for (const exportName of ['dag', 'dagPlain']) {
    it(`random graphs over many seeds and worker counts, with the driver in the team and beside it (${exportName})`, async () => {
      for (const [workers, team] of [[1, false], [2, false], [3, false], [2, true], [3, true]] as const) {
        const executor = await shm(exportName, workers, { team });
        for (let seed = 1; seed <= 25; seed++) {
          const tasks = randomDag(1 + ((seed * 37) % 300), seed * 7919 + workers);
          const expected = reference(fixtures[exportName], tasks);
          expect(await run(executor, tasks)).toEqual(expected);
          expect(await run(executor, tasks)).toEqual(expected); // and again on the same layout
        }
      }
    });
  }

  it('runs empty and one-task sets', async () => {
    const executor = await shm('dag', 2);
    expect(await run(executor, [])).toEqual([]);
    const one = independent(1, 5);
    expect(await run(executor, one)).toEqual(reference(fixtures.dag, one));
  });

  it('fib graphs (shared form) for every n up to 15', async () => {
    const module = suiteModule(fib);
    const executor = await shm('fib', 2, {}, runnableUrl(module.url));
    for (let n = 0; n <= 15; n++) {
      const input = fib.makeInput({ n }, 1);
      const tasks = fib.split(input, { chunk: 1, work: n % 3 });
      const results = await run(executor, tasks);
      expect(fib.verify(fib.combine(input, results as never), fib.combine(input, reference(fib, tasks) as never))).toBeNull();
    }
  });

  it('square tiles (shared form) over seeds and tile sizes', async () => {
    const module = suiteModule(square);
    const executor = await shm('square', 3, {}, runnableUrl(module.url));
    for (let seed = 1; seed <= 8; seed++) {
      const input = square.makeInput({ n: 2, tile: 256 }, seed);
      const tasks = square.split(input, { chunk: [1, 3, 64, 255, 2048][seed % 5]!, work: seed % 2 });
      const results = await run(executor, tasks);
      expect(square.verify(square.combine(input, results as never), square.combine(input, reference(square, tasks) as never))).toBeNull();
    }
  });

  it('square tiles sampled from anywhere in the array (a task cap), each equal to the sequential run\'s', async () => {
    const module = suiteModule(square);
    const executor = await shm('square', 2, {}, runnableUrl(module.url));
    const input = square.makeInput({ n: 4, tile: 256 }, 7);
    const tasks = square.split(input, { chunk: 3, work: 1 });
    for (const cap of [1, 5, 100]) {
      const sample = capTasks(tasks, cap);
      expect(await run(executor, sample)).toEqual(reference(square, sample));
    }
  });

  it('serialized results grow the shared arena past its first megabyte', async () => {
    const executor = await shm('dagBig', 2);
    const tasks = randomDag(1500, 3, 2);
    expect(await run(executor, tasks)).toEqual(reference(fixtures.dagBig, tasks));
  });
});

describe('shm executor under stress', () => {
  it('thousands of tiny independent tasks, repeated, parking on every wait', async () => {
    const tasks = independent(5000, 11);
    const expected = reference(fixtures.dag, tasks);
    for (const [workers, team] of [[2, false], [4, false], [2, true], [4, true]] as const) {
      const executor = await shm('dag', workers, { spin: 0, team });
      for (let r = 0; r < 25; r++) expect(await run(executor, tasks)).toEqual(expected);
    }
  });

  it('thousands of tiny graph tasks, repeated, with and without spinning', async () => {
    const tasks = randomDag(3000, 99, 3);
    const expected = reference(fixtures.dag, tasks);
    for (const [spin, team] of [[0, false], [100_000, false], [0, true], [100_000, true]] as const) {
      const executor = await shm('dag', 3, { spin, idleSpin: spin, driverSpin: spin, team });
      for (let r = 0; r < 15; r++) expect(await run(executor, tasks)).toEqual(expected);
    }
  });
});

describe('shm executor primed before each run (prime)', () => {
  it('gives the sequential results run after run, primed after gaps in which the workers parked', async () => {
    const graph = randomDag(400, 7, 3);
    const flat = independent(700, 3);
    for (const workers of [1, 2, 3]) {
      const executor = await shm('dag', workers, { prime: true, primeSpin: 200_000 });
      for (let r = 0; r < 12; r++) {
        const tasks = r % 2 === 0 ? graph : flat;
        if (r % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 5)); // long enough to park
        await executor.prime();
        expect(await run(executor, tasks)).toEqual(reference(fixtures.dag, tasks));
      }
      expect(executor.settings()).toMatchObject({ prime: true, primeSpin: 200_000 });
    }
  });

  it('wakes parked workers: after a gap they are parked, after prime every one is awake and spinning', async () => {
    const executor = await shm('dag', 2, { prime: true, primeSpin: 50_000_000 });
    const ctl = (executor as unknown as { ctl: Int32Array }).ctl;
    await run(executor, independent(50, 2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Atomics.load(ctl, CTL.PARKED)).toBe(2);
    await executor.prime();
    // prime spins up to 20 ms for the wake-ups; on a loaded machine they may land just after it.
    for (let waited = 0; Atomics.load(ctl, CTL.PARKED) !== 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(Atomics.load(ctl, CTL.PARKED)).toBe(0);
    expect(Atomics.load(ctl, CTL.IDLE)).toBe(2);
    expect(await run(executor, independent(50, 2))).toEqual(reference(fixtures.dag, independent(50, 2)));
  });

  it('primed workers that time out of their spin park again, and the run still completes', async () => {
    const tasks = independent(300, 5);
    const executor = await shm('dag', 2, { prime: true, primeSpin: 1 });
    for (let r = 0; r < 5; r++) {
      await executor.prime();
      await new Promise((resolve) => setTimeout(resolve, 2));
      expect(await run(executor, tasks)).toEqual(reference(fixtures.dag, tasks));
    }
  });

  it('does nothing when priming is off, or after the executor closed', async () => {
    const off = await shm('dag', 2, { prime: false });
    await off.prime();
    expect(await run(off, independent(10, 1))).toEqual(reference(fixtures.dag, independent(10, 1)));
    const closed = await shm('dag', 2, { prime: true, primeSpin: 1000 });
    await closed.close();
    await expect(closed.prime()).resolves.toBeUndefined();
  });
});

describe('shm executor warmed at load (warmTasks, warmMs)', () => {
  it('runs each loaded set untimed until warmTasks of its tasks ran, before the timed run', async () => {
    const executor = await shm('dag', 2, { warmTasks: 1000, warmMs: 60_000 });
    const tasks = independent(100, 4);
    const prepared = prepare(tasks);
    expect((await executor.runTasks(prepared)).collect()).toEqual(reference(fixtures.dag, tasks));
    // Ten warming runs of 100 reach 1000; the timed run is the eleventh.
    expect(executor.tasksRun).toBe(1100);
    expect((await executor.runTasks(prepared)).collect()).toEqual(reference(fixtures.dag, tasks)); // loaded already: no warming
    expect(executor.tasksRun).toBe(1200);
    const graph = randomDag(300, 5, 3);
    expect(await run(executor, graph)).toEqual(reference(fixtures.dag, graph));
    expect(executor.tasksRun).toBe(1200 + 4 * 300 + 300); // a new set is warmed again: four runs pass 1000
    expect(executor.settings()).toMatchObject({ warmTasks: 1000, warmMs: 60_000 });
  });

  it('stops after the run that passes warmTasks or warmMs, and warms nothing with warmTasks 0 or an empty set', async () => {
    const executor = await shm('dag', 2, { warmTasks: 250, warmMs: 60_000 });
    await run(executor, independent(100, 2));
    expect(executor.tasksRun).toBe(400); // three warming runs (300 ≥ 250), then the timed one
    const brief = await shm('dag', 2, { warmTasks: 1_000_000_000, warmMs: 0 });
    await run(brief, independent(100, 2));
    expect(brief.tasksRun).toBe(100); // no time to warm
    const off = await shm('dag', 2, { warmTasks: 0, warmMs: 60_000 });
    await run(off, independent(100, 2));
    expect(off.tasksRun).toBe(100);
    expect(off.settings()).toMatchObject({ warmTasks: 0, warmMs: null });
    const empty = await shm('dag', 2, { warmTasks: 100, warmMs: 60_000 });
    expect(await run(empty, [])).toEqual([]);
    expect(empty.tasksRun).toBe(0);
  });

  it('a task that throws while warming fails the load with the task\'s error', async () => {
    const executor = await shm('dag', 2, { warmTasks: 5000, warmMs: 60_000 });
    const tasks = independent(2000, 1, 777);
    const error = await run(executor, tasks).then(() => undefined, (e: unknown) => e);
    expect((error as { code: string }).code).toBe('TASK_FAILED');
    expect((error as Error).message).toMatch(/fixture task 777 throws/);
  });
});

describe('shm executor with the driver in the team (team)', () => {
  it('starts W − 1 threads, runs every task once across the driver and them, and records it', async () => {
    const executor = await shm('dag', 3, { team: true });
    expect(executor.settings()).toMatchObject({ team: true, threads: 2 });
    expect((executor as unknown as { threads: unknown[] }).threads).toHaveLength(2);
    const solo = await shm('dag', 1, { team: true });
    expect(solo.settings()).toMatchObject({ team: false, threads: 1 });
    const off = await shm('dag', 3, { team: false });
    expect(off.settings()).toMatchObject({ team: false, threads: 3 });
  });

  it('under --live the driver counts its tasks in a slot of its own: the slots add up to every task', async () => {
    const live = liveBuffer(2);
    const executor = await ShmExecutor.open(
      'shm',
      { workers: 2, suiteUrl: fixtureUrl, suiteExport: 'dag', context: undefined, taskTimeoutSeconds: 30, live },
      { spin: 50, idleSpin: 0, driverSpin: 0, driverTakes: true, team: true, prime: false, primeSpin: 0, warmTasks: 0, warmMs: 0 },
    );
    open.push(executor);
    const tasks = independent(4000, 3);
    for (let r = 0; r < 3; r++) expect(await run(executor, tasks)).toEqual(reference(fixtures.dag, tasks));
    const counters = readCounters(live);
    expect(counters).toHaveLength(2);
    expect(counters.reduce((sum, c) => sum + c.done, 0)).toBe(3 * 4000);
    expect(counters.map((c) => c.busy)).toEqual([false, false]);
  });
});

describe('shm executor failures', () => {
  async function expectFailure(promise: Promise<unknown>, pattern: RegExp, code = 'TASK_FAILED') {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isParbenchError(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    expect((error as Error).message).toMatch(pattern);
  }

  it('a throwing task fails the run cleanly (independent and graph tasks, typed and serialized)', async () => {
    for (const exportName of ['dag', 'dagPlain']) {
      for (const tasks of [independent(2000, 1, 777), randomDag(2000, 2, 3, 777)]) {
        for (const team of [false, true]) {
          const executor = await shm(exportName, 2, { team });
          await expectFailure(run(executor, tasks), /shm: a task failed: fixture task 777 throws/);
          await expectFailure(run(executor, tasks), /fixture task 777 throws/); // stays failed
          await executor.close();
        }
      }
    }
  });

  it('a worker that exits fails the run with WORKER_EXITED', async () => {
    process.env.PARBENCH_SHM_FAULT = 'exit:5';
    try {
      const executor = await shm('dag', 2);
      await expectFailure(run(executor, randomDag(500, 4)), /shm: a worker exited unexpectedly \(exit code 3\)/, 'WORKER_EXITED');
    } finally {
      delete process.env.PARBENCH_SHM_FAULT;
    }
  });

  it('a task that never finishes fails the run with TASK_TIMEOUT, and close ends its thread', async () => {
    const executor = await shm('dagHang', 2, { team: false }, fixtureUrl, 1);
    const tasks = randomDag(200, 8, 2, 50);
    // Outside a team the driver takes only tasks ready at the start: one with dependencies always hangs
    // in a worker. (In a team the driver may take it, and a task that never returns on the driver's
    // thread cannot be stopped: docs/shm.md, `team`.)
    expect(tasks[50]!.deps.length).toBeGreaterThan(0);
    await expectFailure(run(executor, tasks), /shm: a task did not finish within 1 s/, 'TASK_TIMEOUT');
    await executor.close();
  });

  it('a suite module without the export fails at open', async () => {
    await expectFailure(shm('nope', 2), /has no suite export "nope"/);
  });

  it('close is idempotent and later runs are refused', async () => {
    const executor = await shm('dag', 2);
    await executor.close();
    await executor.close();
    await expectFailure(run(executor, independent(3, 1)), /executor is closed/, 'EXECUTOR_CLOSED');
  });
});
