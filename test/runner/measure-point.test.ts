// Measuring one point: a remote backend scripted here gives one exact PointRecord, with no clock read.
import { describe, expect, it } from 'vitest';
import type { RemoteBackend, RemotePlan, RemoteSession } from '../../src/backends/index.js';
import type { ResolvedConfig } from '../../src/config/config-schema.js';
import { measurePoint, type PointHooks } from '../../src/runner/measure-point.js';
import { expectedFor } from '../../src/runner/reference.js';
import { RunContext } from '../../src/runner/run-context.js';
import { findSuite } from '../../suites/index.js';

const fib = findSuite('fib')!;
const params = { n: 6 };
const knob = { chunk: 1, work: 2 };
const good = expectedFor(fib, fib.makeInput(params, 42), undefined, knob);
const runtime = { implementation: 'CPython', python: '3.11.7', parsl: null };

const config: ResolvedConfig = {
  suites: ['fib'], backends: ['drv'], grains: [1e-6], workers: [2], repeats: 3, warmup: 1, outputDir: 'unused',
  seed: 42, taskTimeoutSeconds: 10, startupTimeoutSeconds: 30, minSampleSeconds: 0.001, interleave: false, precision: null, maxRepeats: 3, timeBudgetSeconds: null, maxTasks: null,
  suiteParams: { fib: params },
};

function scripted(log: string[]): RemoteBackend {
  const session: RemoteSession = {
    runtime,
    plan: async () => {
      log.push('plan');
      return { knob, perTask: 1.1e-6, reachable: true, tunedBy: 'work', tasks: good.tasks, sequential: { samples: [4e-3, 2e-3, 3e-3], warmupSamples: [5e-3], loops: 2, checksum: good.checksum, tasks: good.tasks } } satisfies RemotePlan;
    },
    run: async (_request, onRepeat) => {
      log.push('run');
      onRepeat?.(4, 4);
      return { startupSeconds: 0.5, samples: [1e-3, 1e-3, 1e-3], warmupSamples: [2e-3], checksums: Array(4).fill(good.checksum), tasks: Array(4).fill(good.tasks) };
    },
    close: async () => void log.push('close'),
  };
  return { kind: 'remote', name: 'drv', description: 'scripted', parallel: true, availability: () => ({ available: true }), planKey: 'k', suites: ['fib'], start: async () => session };
}

function context(backend: RemoteBackend): RunContext {
  return new RunContext(config, 2, () => {
    throw new Error('a remote point reads no clock here');
  }, (name) => (name === backend.name ? backend : undefined));
}

const hooks = (progress: [number, number][] = [], aborted = false): PointHooks => ({ onRepeat: (d, t) => progress.push([d, t]), aborted: () => aborted, onOpen: () => undefined });

describe('measurePoint', () => {
  it('turns a verified remote point into its record, the grain derived from the reference', async () => {
    const log: string[] = [];
    const progress: [number, number][] = [];
    const point = await measurePoint({ suite: 'fib', grain: 1e-6, backend: 'drv', workers: 2 }, context(scripted(log)), hooks(progress));
    expect(log).toEqual(['plan', 'run', 'close']);
    expect(progress).toEqual([[0, 4], [4, 4]]);
    expect(point).toMatchObject({
      suite: 'fib',
      params,
      backend: 'drv',
      workers: 2,
      tasks: good.tasks,
      grain: { target: 1e-6, achieved: 3e-3 / good.tasks, calibrated: 1.1e-6, chunk: 1, work: 2, chunkUnit: fib.knobRange(fib.makeInput(params, 42)).chunkUnit, reachable: true, tunedBy: 'work' },
      status: 'completed',
      startupSeconds: 0.5,
      sequential: { samples: [4e-3, 2e-3, 3e-3], warmupSamples: [5e-3], loops: 2 },
      parallel: { samples: [1e-3, 1e-3, 1e-3], warmupSamples: [2e-3] },
      verified: true,
      checksum: good.checksum,
      runtime,
    });
    expect(point!.sequential.summary.median).toBe(3e-3);
    expect(point!.metrics).toMatchObject({ speedup: 3 });
    expect(point!.error).toBeUndefined();
    expect(point!.imbalance).toBeUndefined();
  });

  it('plans once per planKey, suite and grain across the points of a run', async () => {
    const log: string[] = [];
    const run = context(scripted(log));
    await measurePoint({ suite: 'fib', grain: 1e-6, backend: 'drv', workers: 1 }, run, hooks());
    await measurePoint({ suite: 'fib', grain: 1e-6, backend: 'drv', workers: 2 }, run, hooks());
    expect(log.filter((l) => l === 'plan')).toHaveLength(1);
  });

  it('drops an interrupted point (null) instead of recording it', async () => {
    const point = await measurePoint({ suite: 'fib', grain: 1e-6, backend: 'drv', workers: 2 }, context(scripted([])), hooks([], true));
    expect(point).toBeNull();
  });
});
