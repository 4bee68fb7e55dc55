// The runner's remote-timed path with a scripted session: results are verified, mismatches fail.
import { describe, expect, it } from 'vitest';
import type { RemoteBackend, RemotePlan, RemoteSession, RemoteTiming } from '../../src/backends/index.js';
import { expectedFor } from '../../src/runner/reference.js';
import { measureRemote, remoteCache } from '../../src/runner/measure-remote.js';
import { findSuite } from '../../suites/index.js';

const suite = findSuite('fib')!;
const params = { n: 6 };
const input = suite.makeInput(params, 42);
const knob = { chunk: 1, work: 2 };
const good = expectedFor(suite, input, undefined, knob);

function scripted(checksums: string[], sequential = good.checksum) {
  const log: string[] = [];
  const session: RemoteSession = {
    plan: async () => {
      log.push('plan');
      return { knob, perTask: 1e-6, reachable: true, tunedBy: 'work', tasks: good.tasks, sequential: { samples: [1e-3], warmupSamples: [], loops: 1, checksum: sequential, tasks: good.tasks } } satisfies RemotePlan;
    },
    run: async (_request, onRepeat) => {
      log.push('run');
      onRepeat?.(1, 1);
      return { startupSeconds: 0.5, samples: [2e-3], warmupSamples: [3e-3], checksums, tasks: checksums.map(() => good.tasks) } satisfies RemoteTiming;
    },
    close: async () => void log.push('close'),
  };
  const backend: RemoteBackend = {
    kind: 'remote',
    name: 'py-scripted',
    description: 'scripted',
    parallel: true,
    availability: () => ({ available: true }),
    planKey: 'scripted',
    suites: ['fib'],
    start: async () => session,
  };
  return { backend, log, session };
}

const request = { suite, input, context: undefined, params, seed: 42, grain: 1e-6, grains: [1e-6], workers: 2, reps: { warmup: 1, repeats: 1, minSampleSeconds: 0.01 }, taskTimeoutSeconds: 10 };

describe('measureRemote', () => {
  it('keeps the samples of a verified run and its own reference', async () => {
    const { backend, log } = scripted([good.checksum, good.checksum]);
    const { reference, timing } = await measureRemote(backend, request, remoteCache());
    expect(timing).toMatchObject({ verified: true, startupSeconds: 0.5, samples: [2e-3], warmupSamples: [3e-3] });
    expect(reference).toMatchObject({ knob, tasks: good.tasks, checksum: good.checksum });
    expect(log).toEqual(['plan', 'run', 'close']);
  });

  it('fails the point when a repetition differs from the TypeScript result', async () => {
    const { backend, log } = scripted([good.checksum, 'fib=8 work=0']);
    const { timing } = await measureRemote(backend, request, remoteCache());
    expect(timing.verified).toBe(false);
    expect(timing.error?.code).toBe('VERIFY_FAILED');
    expect(timing.error?.message).toContain('repetition 2: fib=8 work=0');
    expect(log.at(-1)).toBe('close');
  });

  it('fails the point when the interpreter\'s sequential result differs', async () => {
    const { backend } = scripted([good.checksum], 'fib=1 work=1');
    const { timing } = await measureRemote(backend, request, remoteCache());
    expect(timing.error?.code).toBe('VERIFY_FAILED');
    expect(timing.error?.message).toContain('sequential fib=1 work=1');
  });

  it('plans once per interpreter, suite and grain within a run', async () => {
    const { backend, log } = scripted([good.checksum, good.checksum]);
    const cache = remoteCache();
    await measureRemote(backend, request, cache);
    await measureRemote(backend, { ...request, workers: 1 }, cache);
    expect(log.filter((l) => l === 'plan')).toHaveLength(1);
  });

  it('calibrates every grain of the run in one sweep when the driver has one, and plans each grain at its swept knob', async () => {
    const { backend, log, session } = scripted([good.checksum, good.checksum]);
    const planned: unknown[] = [];
    const plan = session.plan.bind(session);
    session.sweep = async (sweep) => {
      log.push(`sweep ${sweep.grains.join(',')}`);
      return sweep.grains.map((grain) => ({ grain, knob, perTask: grain, reachable: grain >= 1e-6, tunedBy: grain >= 1e-6 ? ('work' as const) : ('floor' as const), seconds: 0.1 }));
    };
    session.plan = async (request) => (planned.push(request.knob), plan(request));
    const cache = remoteCache();
    const grains = [1e-7, 1e-6];
    const first = await measureRemote(backend, { ...request, grain: 1e-7, grains }, cache);
    const second = await measureRemote(backend, { ...request, grain: 1e-6, grains }, cache);
    expect(log.filter((l) => l.startsWith('sweep'))).toEqual(['sweep 1e-7,0.000001']);
    expect(planned).toEqual([knob, knob]);
    expect(first.reference).toMatchObject({ knob, perTask: 1e-7, reachable: false, tunedBy: 'floor' });
    expect(second.reference).toMatchObject({ knob, perTask: 1e-6, reachable: true, tunedBy: 'work' });
  });
});
