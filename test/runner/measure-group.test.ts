// A suite × grain group measured with fake executor backends and the real reference isolate: the order of
// calls (rounds or point after point), pools opened once and all closed (or kept across a suite's grains),
// failures, the isolate's check.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/index.js';
import { runnableUrl } from '../../src/backends/paths.js';
import type { ResolvedConfig } from '../../src/config/config-schema.js';
import { pointRecordSchema } from '../../src/record/record-schema.js';
import { hrClock } from '../../src/runner/clock.js';
import { executeInline, prepare } from '../../src/runner/execute.js';
import { measureGroup } from '../../src/runner/measure-group.js';
import { calibrateInIsolate, openReferenceIsolate } from '../../src/runner/reference-isolate.js';
import { OpenSet } from '../../src/runner/rounds.js';
import { RunContext } from '../../src/runner/run-context.js';
import { SuitePools } from '../../src/runner/suite-pools.js';
import { findSuite, suiteModule } from '../../suites/index.js';
import { rejection } from '../backends/helpers.js';
import { loggingBackend } from '../helpers/logging-backend.js';
import { combinedVerify } from '../../src/runner/task-cap.js';

const fib = findSuite('fib')!;
const OFF_URL = pathToFileURL(new URL('../fixtures/off-suite.mjs', import.meta.url).pathname).href;

const config = (interleave: boolean, maxTasks: number | null = null): ResolvedConfig => ({
  suites: ['fib'], backends: ['A', 'B'], grains: [1e-6], workers: [1], repeats: 2, warmup: 1, outputDir: 'unused',
  seed: 42, taskTimeoutSeconds: 10, startupTimeoutSeconds: 30, minSampleSeconds: 0.0005, interleave, precision: null, maxRepeats: 2, timeBudgetSeconds: null,
  maxTasks, suiteParams: { fib: { n: 6 } },
});

const fake = (name: string, log: string[], failAt?: number) => loggingBackend(name, log, failAt === undefined ? {} : { failAt });

const group = { suite: 'fib', grain: 1e-6, points: [{ suite: 'fib', grain: 1e-6, backend: 'A', workers: 1 }, { suite: 'fib', grain: 1e-6, backend: 'B', workers: 1 }] };

/** The real clock: nothing here asserts on time, but calibration needs a clock that measures work. */
async function measure(backends: Backend[], interleave = true, aborted = () => false) {
  const run = new RunContext(config(interleave), 2, hrClock, (name) => backends.find((b) => b.name === name));
  const opened = new OpenSet();
  const progress: [string, number, number][] = [];
  const records = await measureGroup(group, run, { aborted, opened, onProgress: (points, d, t) => progress.push([points.map((p) => p.backend).join('+'), d, t]) });
  return { records, progress, run };
}

describe('measureGroup', () => {
  it('opens every pool once, takes interleaved rounds, closes them all, and records both references', async () => {
    const log: string[] = [];
    const { records, progress } = await measure([fake('A', log), fake('B', log)]);
    expect(log).toEqual(['open A', 'open B', 'A', 'B', 'A', 'B', 'A', 'B', 'close A', 'close B']);
    expect(progress).toEqual([['A+B', 0, 3], ['A+B', 1, 3], ['A+B', 2, 3], ['A+B', 3, 3]]);
    expect(records).toHaveLength(2);
    for (const record of records!) {
      expect(pointRecordSchema.parse(record)).toEqual(record);
      expect(record).toMatchObject({ status: 'completed', verified: true, interleaved: true });
      expect(record.sequential.samples).toHaveLength(2);
      expect(record.sequential.warmupSamples).toHaveLength(1);
      expect(record.sequentialInline!.samples).toHaveLength(2);
      expect(record.grain.achieved).toBe(record.sequential.summary.median / record.tasks);
    }
    expect(records![0]!.sequential).toEqual(records![1]!.sequential);
  });

  it('with interleave off, measures A\'s repetitions, then B\'s', async () => {
    const log: string[] = [];
    const { records } = await measure([fake('A', log), fake('B', log)], false);
    expect(log).toEqual(['open A', 'A', 'A', 'A', 'close A', 'open B', 'B', 'B', 'B', 'close B']);
    expect(records!.map((r) => r.interleaved)).toEqual([false, false]);
    expect(records![0]!.sequential.samples).toHaveLength(2);
  });

  it('records a failing backend\'s error while the other point completes', async () => {
    const log: string[] = [];
    const { records } = await measure([fake('A', log, 2), fake('B', log)]);
    expect(log).toEqual(['open A', 'open B', 'A', 'B', 'A', 'close A', 'B', 'B', 'close B']);
    expect(records![0]).toMatchObject({ backend: 'A', status: 'failed', verified: false, metrics: null, error: { code: 'TASK_FAILED' } });
    expect(records![1]).toMatchObject({ backend: 'B', status: 'completed', verified: true });
  });

  it('drops the group and closes every pool when aborted', async () => {
    const log: string[] = [];
    let polls = 0;
    const { records } = await measure([fake('A', log), fake('B', log)], true, () => log.includes('B') && ++polls > 1);
    expect(records).toBeNull();
    expect(log.filter((l) => l.startsWith('open'))).toEqual(['open A', 'open B']);
    expect(log.filter((l) => l.startsWith('close'))).toEqual(['close A', 'close B']);
  });

  it('under a task cap, runs the same prefix of the task graph on every backend and the reference, and records the cap', async () => {
    const sizes: number[] = [];
    const sized = (name: string): Backend => {
      const inner = fake(name, []);
      return { ...inner, open: async (o) => {
        const executor = await inner.open(o);
        return { ...executor, runTasks: (graph) => (sizes.push(graph.tasks.length), executor.runTasks!(graph)) };
      } };
    };
    const backends = [sized('A'), sized('B')];
    const run = new RunContext(config(true, 10), 2, hrClock, (name) => backends.find((b) => b.name === name));
    const records = await measureGroup(group, run, { aborted: () => false, opened: new OpenSet(), onProgress: () => undefined });
    expect(new Set(sizes)).toEqual(new Set([10]));
    for (const record of records!) {
      expect(pointRecordSchema.parse(record)).toEqual(record);
      expect(record).toMatchObject({ status: 'completed', verified: true, tasks: 10, repetitions: { taskCap: 10 } });
      expect(record.repetitions!.tasksInSet).toBeGreaterThan(10);
      expect(record.grain.achieved).toBe(record.sequential.summary.median / 10);
    }
  });

  it('reuses the isolate timing of a suite × knob already measured', async () => {
    const log: string[] = [];
    const { records, run } = await measure([fake('A', log), fake('B', log)]);
    const again = await measureGroup(group, run, { aborted: () => false, opened: new OpenSet(), onProgress: () => undefined });
    expect(again![0]!.sequential).toEqual(records![0]!.sequential);
  });

  it('fails every point of the group (VERIFY_FAILED) when the isolate\'s result differs', async () => {
    const log: string[] = [];
    const backends = [fake('A', log), fake('B', log)];
    class Off extends RunContext {
      override suiteSetup(name: string) {
        return { ...super.suiteSetup(name), suiteUrl: OFF_URL, suiteExport: 'off' };
      }
    }
    const run = new Off(config(true), 2, hrClock, (name) => backends.find((b) => b.name === name));
    const records = await measureGroup(group, run, { aborted: () => false, opened: new OpenSet(), onProgress: () => undefined });
    expect(log).toEqual([]);
    for (const record of records!) {
      expect(record).toMatchObject({ status: 'failed', verified: false, parallel: null, metrics: null, error: { code: 'VERIFY_FAILED' } });
      expect(record.error!.message).toContain('fib reference isolate');
      expect(record.sequentialInline).toEqual(record.sequential);
    }
  });
});

describe('openReferenceIsolate', () => {
  const input = fib.makeInput({ n: 6 }, 42);
  const prepared = prepare(fib.split(input, { chunk: 1, work: 3 }));
  const expected = fib.combine(input, executeInline(fib, prepared.tasks, undefined));
  const module = suiteModule(fib);

  it('runs the suite\'s kernel in its own thread and gives samples in seconds per pass', async () => {
    const isolate = await openReferenceIsolate({ suite: fib, context: undefined, suiteUrl: runnableUrl(module.url), suiteExport: module.exportName, prepared, verify: combinedVerify(fib, input, expected) }, 0.0005);
    try {
      expect(isolate.loops).toBeGreaterThanOrEqual(1);
      expect(await isolate.sample()).toBeGreaterThan(0);
    } finally {
      await isolate.close();
    }
  });

  it('rejects with VERIFY_FAILED when the isolate\'s result is not the main thread\'s', async () => {
    const error = await rejection(openReferenceIsolate({ suite: fib, context: undefined, suiteUrl: OFF_URL, suiteExport: 'off', prepared, verify: combinedVerify(fib, input, expected) }, 0.0005));
    expect(error.code).toBe('VERIFY_FAILED');
  });

  it('rejects with TASK_FAILED when the module has no such suite export', async () => {
    const error = await rejection(openReferenceIsolate({ suite: fib, context: undefined, suiteUrl: OFF_URL, suiteExport: 'missing', prepared, verify: combinedVerify(fib, input, expected) }, 0.0005));
    expect(error.code).toBe('TASK_FAILED');
  });
});

describe('calibrateInIsolate', () => {
  const module = suiteModule(fib);
  const work = { suite: fib, input: fib.makeInput({ n: 6 }, 42), context: undefined, suiteUrl: runnableUrl(module.url), suiteExport: module.exportName };

  it('sweeps the suite\'s grains in a fresh isolate: one row per grain, in the order given, knobs monotone in the grain', async () => {
    const rows = await calibrateInIsolate(work, [1e-5, 1e-8, 1e-6], 0.0005);
    expect(rows.map((r) => r.grain)).toEqual([1e-5, 1e-8, 1e-6]);
    const [coarse, floor, middle] = rows.map((r) => r.calibration);
    expect(floor!.knob).toEqual({ chunk: 1, work: 0 });
    expect(middle!.knob.work).toBeLessThanOrEqual(coarse!.knob.work);
    for (const row of rows) expect(row.seconds).toBeGreaterThan(0);
  });

  // Issue 14, case 3: the run's stop ends a calibration at once, not after its sweep.
  it('rejects with INTERRUPTED as soon as the signal aborts, the isolate stopped', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    // One-second samples over three grains: the sweep alone would take half a minute or more.
    const error = await rejection(calibrateInIsolate(work, [1e-5, 1e-4, 1e-3], 1, controller.signal));
    expect(error.code).toBe('INTERRUPTED');
  });

  it('rejects with TASK_FAILED naming the calibration isolate when the module has no such suite export', async () => {
    const error = await rejection(calibrateInIsolate({ ...work, suiteUrl: OFF_URL, suiteExport: 'missing' }, [1e-6], 0.0005));
    expect(error.code).toBe('TASK_FAILED');
    expect(error.message).toContain('fib calibration isolate');
  });
});

describe('measureGroup with pools kept across a suite\'s grains (SuitePools)', () => {
  const grains = [1e-6, 1e-5];
  const groupAt = (grain: number) => ({ suite: 'fib', grain, points: group.points.map((p) => ({ ...p, grain })) });

  async function twoGrains(backends: Backend[]) {
    const run = new RunContext({ ...config(true), grains }, 2, hrClock, (name) => backends.find((b) => b.name === name));
    const opened = new OpenSet();
    run.pools = new SuitePools(opened);
    const hooks = { aborted: () => false, opened, onProgress: () => undefined };
    const first = await measureGroup(groupAt(grains[0]!), run, hooks);
    const second = await measureGroup(groupAt(grains[1]!), run, hooks);
    return { first: first!, second: second!, run };
  }

  it('opens each pool once for the suite, loads every grain\'s tasks into it, and closes it when the suite ends', async () => {
    const log: string[] = [];
    const { first, second, run } = await twoGrains([fake('A', log), fake('B', log)]);
    expect(log).toEqual(['open A', 'open B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B']);
    await run.pools!.closeAll();
    expect(log.slice(-2)).toEqual(['close A', 'close B']);
    expect(first.map((r) => r.poolOpenedFor)).toEqual([undefined, undefined]);
    expect(second.map((r) => r.poolOpenedFor)).toEqual([1e-6, 1e-6]);
    expect(second.map((r) => r.startupSeconds)).toEqual(first.map((r) => r.startupSeconds));
    for (const record of second) {
      expect(pointRecordSchema.parse(record)).toEqual(record);
      expect(record).toMatchObject({ status: 'completed', verified: true, grain: { target: 1e-5 } });
      expect(record.grain.work).toBeGreaterThan(first[0]!.grain.work);
    }
  });

  it('keeps no pool whose point failed: the next grain opens a new one', async () => {
    const log: string[] = [];
    const { first, second, run } = await twoGrains([fake('A', log, 2), fake('B', log)]);
    expect(first[0]).toMatchObject({ status: 'failed', error: { code: 'TASK_FAILED' } });
    // The new pool of A fails at its second run too (the fake counts runs per pool), so it is not kept either.
    expect(log.filter((l) => l.startsWith('open') || l.startsWith('close'))).toEqual(['open A', 'open B', 'close A', 'open A', 'close A']);
    expect(second.map((r) => r.poolOpenedFor)).toEqual([undefined, 1e-6]);
    await run.pools!.closeAll();
    expect(log.at(-1)).toBe('close B');
  });
});
