// A whole run on real backends: run.json validates with both references, and Ctrl-C keeps finished groups only.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/api/run.js';
import type { ResolvedConfig } from '../../src/config/config-schema.js';
import { readRun } from '../../src/record/index.js';

const dir = mkdtempSync(join(tmpdir(), 'parbench-rounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Grains 100× apart: on a busy machine calibration noise can never give both the same knob (one measurement for both).
const config: ResolvedConfig = {
  suites: ['fib'], backends: ['sequential', 'worker'], grains: [1e-6, 1e-4], workers: [2], repeats: 2, warmup: 1, outputDir: dir,
  seed: 42, taskTimeoutSeconds: 30, startupTimeoutSeconds: 30, minSampleSeconds: 0.001, interleave: true, precision: null, maxRepeats: 2, timeBudgetSeconds: null, maxTasks: null,
  suiteParams: { fib: { n: 8 } },
};

describe('runBenchmarks', () => {
  it('writes a run.json that validates, every executor point with its isolate and inline references', async () => {
    const rounds: string[] = [];
    const { record, dir: runDir } = await run(config, { onProgress: (p) => rounds.push(`${p.point}:${p.repeat}/${p.repeats}:${(p.round ?? [p]).map((q) => q.backend).join('+')}`) });
    const read = readRun(join(runDir, 'run.json'));
    expect(read.status).toBe('completed');
    expect(read.points.map((p) => [p.grain.target, p.backend, p.interleaved, p.status])).toEqual([
      [1e-6, 'sequential', true, 'completed'],
      [1e-6, 'worker', true, 'completed'],
      [1e-4, 'sequential', true, 'completed'],
      [1e-4, 'worker', true, 'completed'],
    ]);
    for (const point of read.points) {
      expect(point.sequentialInline!.samples).toHaveLength(2);
      expect(point.sequential.samples).toHaveLength(2);
    }
    // The suite's second grain ran on the pools its first grain opened, with that opening's start-up.
    expect(read.points.map((p) => p.poolOpenedFor)).toEqual([undefined, undefined, 1e-6, 1e-6]);
    expect(read.points[3]!.startupSeconds).toBe(read.points[1]!.startupSeconds);
    expect(rounds).toEqual(['1:0/3:sequential+worker', '1:1/3:sequential+worker', '1:2/3:sequential+worker', '1:3/3:sequential+worker', '3:0/3:sequential+worker', '3:1/3:sequential+worker', '3:2/3:sequential+worker', '3:3/3:sequential+worker']);
    expect(record.points).toHaveLength(4);
  });

  it('in lockstep hands the machine over before anything is measured, after every repetition and after every group, the waits counted as handover', async () => {
    const events: string[] = [];
    let waits = 0;
    const { record } = await run(
      { ...config, outputDir: join(dir, 'lockstep') },
      {
        onProgress: () => events.push('progress'),
        handOver: () => {
          events.push('hand over');
          waits++;
        },
      },
    );
    expect(record.status).toBe('completed');
    expect(events[0]).toBe('hand over');
    // Per group: 3 rounds (1 warm-up, 2 timed) of the reference and two lanes, then the group's own: 10; and the first.
    expect(waits).toBe(1 + 2 * (3 * 3 + 1));
    expect(record.timeAccounting!.phases.handover).toBeGreaterThanOrEqual(0);
    let pointAfterPoint = 0;
    const r = await run({ ...config, interleave: false, outputDir: join(dir, 'lockstep-points') }, { handOver: () => pointAfterPoint++ });
    expect(r.record.status).toBe('completed');
    // Point after point (--no-interleave): 3 reference samples, 3 repetitions of each lane, the group: 10 per group again.
    expect(pointAfterPoint).toBe(1 + 2 * (3 + 2 * 3 + 1));
  });

  it('on abort closes what is open, keeps the groups before, drops the interrupted one', async () => {
    const controller = new AbortController();
    const { record } = await run(config, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.grain === 1e-4 && p.repeat === 1) controller.abort();
      },
    });
    expect(record.status).toBe('interrupted');
    expect(record.points.map((p) => p.grain.target)).toEqual([1e-6, 1e-6]);
  });

  it('when the run throws, writes the record failed with the error, the groups before it kept', async () => {
    const boom = new Error('the results display broke');
    const failing = run({ ...config, outputDir: join(dir, 'failing') }, {
      onPoint: (p) => {
        if (p.grain.target === 1e-4) throw boom;
      },
    });
    await expect(failing).rejects.toBe(boom);
    const [id] = readdirSync(join(dir, 'failing'));
    const read = readRun(join(dir, 'failing', id!, 'run.json'));
    expect(read.status).toBe('failed');
    expect(read.finishedAt).not.toBeNull();
    // Every point measured is kept, the one whose display failed included.
    expect(read.points.map((p) => [p.grain.target, p.backend])).toEqual([[1e-6, 'sequential'], [1e-6, 'worker'], [1e-4, 'sequential']]);
    expect(read.errors).toEqual([{ code: 'INTERNAL', message: 'internal error: the results display broke' }]);
  });
});
