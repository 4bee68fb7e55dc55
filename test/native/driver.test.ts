// The Rust and Go drivers for real (needs `parbench setup native`): each implements the suites and
// backends the TypeScript side lists; every suite vector of test/fixtures/shared-vectors.json gives the
// recorded fingerprint in its sequential reference and on every backend, whole and capped, as
// TypeScript computes it; a bad request fails one request only; and a driver that hangs or is killed
// leaves no process behind, its point failing with one line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DriverSession } from '../../src/backends/driver.js';
import { findBackend } from '../../src/backends/index.js';
import { driverPath, LANGUAGE_NAMES, NATIVE_SUITES, nativeBackends, nativeBuildState, nativeSourcesFingerprint, type NativeLanguage } from '../../src/backends/native.js';
import type { RemoteBackend, RemoteSession } from '../../src/backends/remote.js';
import { processesInSession } from '../../src/backends/sweep.js';
import { measureRemote, remoteCache } from '../../src/runner/measure-remote.js';
import { expectedFor } from '../../src/runner/reference.js';
import { findSuite } from '../../suites/index.js';

interface SuiteVector {
  suite: string;
  params: Record<string, number | string | null>;
  knob: { chunk: number; work: number };
  seed: number;
  tasks: number;
  checksum: string;
}

const vectors = JSON.parse(readFileSync(new URL('../fixtures/shared-vectors.json', import.meta.url), 'utf8')) as { suiteChecksums: SuiteVector[] };
const ROOT = new URL('../..', import.meta.url).pathname;

const built = (language: NativeLanguage) => nativeBuildState(language)?.sources === nativeSourcesFingerprint(language);

function start(language: NativeLanguage, taskTimeoutSeconds = 120): Promise<DriverSession> {
  return DriverSession.start({ name: `${language}-test`, language: LANGUAGE_NAMES[language], command: driverPath(language), args: [], cwd: ROOT, taskTimeoutSeconds });
}

const backendsOf = (language: NativeLanguage) => nativeBackends.filter((b) => b.planKey === language).map((b) => b.name);

/** Inputs as TypeScript builds them, relative --matrix paths taken from the repository root (where the driver is told parbench started). */
function typescriptExpected(v: SuiteVector, cap: number | null = null) {
  const suite = findSuite(v.suite)!;
  const params = typeof v.params.matrix === 'string' ? { ...v.params, matrix: `${ROOT}${v.params.matrix}` } : v.params;
  const input = suite.makeInput(params, v.seed);
  return expectedFor(suite, input, suite.context?.(input), v.knob, cap);
}

describe.each(['rust', 'go'] as const)('the %s driver', (language) => {
  describe.skipIf(!built(language))('built by `parbench setup native`', () => {
    it('says it speaks protocol 1 and implements the suites and backends parbench lists for it', async () => {
      const driver = await start(language);
      try {
        expect(driver.hello).toMatchObject({ protocol: 1, suites: [...NATIVE_SUITES], backends: backendsOf(language) });
        expect(driver.runtime?.implementation).toBe(LANGUAGE_NAMES[language]);
        expect(driver.runtime?.version).toMatch(/\d+\.\d+/);
      } finally {
        await driver.close();
      }
    });

    it('gives every suite vector its recorded fingerprint: the sequential reference and every backend, whole and capped', async () => {
      const driver = await start(language);
      try {
        for (const v of vectors.suiteChecksums) {
          const request = { suite: v.suite, params: v.params, seed: v.seed, warmup: 0, repeats: 1 };
          const plan = await driver.plan({ ...request, grain: 1e-6, minSampleSeconds: 0.001, knob: v.knob } as never);
          expect({ suite: v.suite, checksum: plan.sequential.checksum, tasks: plan.tasks }).toEqual({ suite: v.suite, checksum: v.checksum, tasks: v.tasks });
          const cap = Math.max(1, Math.floor(v.tasks / 3));
          const capped = typescriptExpected(v, cap);
          for (const backend of backendsOf(language)) {
            const whole = await driver.run({ ...request, repeats: 2, backend, workers: 2, knob: v.knob });
            expect({ backend, checksums: whole.checksums, tasks: whole.tasks }).toEqual({ backend, checksums: [v.checksum, v.checksum], tasks: [v.tasks, v.tasks] });
            const sample = await driver.run({ ...request, backend, workers: 2, knob: v.knob, maxTasks: cap });
            expect({ backend, v, checksums: sample.checksums, tasks: sample.tasks }).toEqual({ backend, v, checksums: [capped.checksum], tasks: [capped.tasks] });
          }
        }
      } finally {
        await driver.close();
      }
    }, 120_000);

    it('calibrates on its own runtime, and its result for the chosen knob is TypeScript\'s; a capped plan says how many tasks the set has', async () => {
      const driver = await start(language);
      try {
        const v: SuiteVector = { suite: 'primes', params: { limit: 20_000, split: 'balanced' }, knob: { chunk: 1, work: 0 }, seed: 42, tasks: 0, checksum: '' };
        const plan = await driver.plan({ suite: v.suite, params: v.params, seed: 42, grain: 1e-5, minSampleSeconds: 0.002, warmup: 0, repeats: 1, maxTasks: 8 });
        const expected = typescriptExpected({ ...v, knob: plan.knob }, 8);
        expect({ checksum: plan.sequential.checksum, tasks: plan.tasks, tasksInSet: plan.tasksInSet }).toEqual({ checksum: expected.checksum, tasks: expected.tasks, tasksInSet: expected.tasksInSet });
        expect(['chunk', 'work', 'floor']).toContain(plan.tunedBy);
      } finally {
        await driver.close();
      }
    });

    it('answers a bad request with a failed task, one line, and keeps serving', async () => {
      const driver = await start(language);
      try {
        await expect(driver.run({ suite: 'nosuch', params: {}, seed: 42, warmup: 0, repeats: 1, backend: backendsOf(language)[1]!, workers: 2, knob: { chunk: 1, work: 0 } })).rejects.toThrow(/a task failed: unknown suite "nosuch"/);
        await expect(driver.run({ suite: 'fib', params: { n: 3 }, seed: 42, warmup: 0, repeats: 1, backend: `${language}-nosuch`, workers: 2, knob: { chunk: 1, work: 0 } })).rejects.toThrow(`unknown backend "${language}-nosuch" (allowed: ${backendsOf(language).join(', ')})`);
        await expect(driver.request({ op: 'frobnicate' })).rejects.toThrow(/unknown op/);
        await expect(driver.request({ op: 'hello' })).resolves.toMatchObject({ ok: true, protocol: 1 });
      } finally {
        await driver.close();
      }
    });

    it('fails a point whose task makes no progress within the task timeout, and leaves no process', async () => {
      const driver = await start(language, 1);
      const pid = driver.pid!;
      // One fib leaf of 2^34 rounds: several seconds without a completed task, so silence for 1 s.
      const run = driver.run({ suite: 'fib', params: { n: 1 }, seed: 42, warmup: 0, repeats: 1, backend: backendsOf(language)[1]!, workers: 2, knob: { chunk: 1, work: 2 ** 34 } });
      await expect(run).rejects.toThrow(/did not finish within 1 s/);
      await driver.close();
      expect(processesInSession(pid)).toEqual([]);
    });

    it('leaves nothing behind when the driver is killed mid-run, and the request fails with one line', async () => {
      const driver = await start(language);
      const pid = driver.pid!;
      let progressed!: () => void;
      const progress = new Promise<void>((resolve) => (progressed = resolve));
      const request = { op: 'run', suite: 'fib', params: { n: 18 }, seed: 42, warmup: 0, repeats: 1000, backend: backendsOf(language)[1]!, workers: 2, knob: { chunk: 1, work: 20_000 } };
      const done = driver.request(request, (event) => (event.event === 'repeat' || event.event === 'progress') && progressed());
      done.catch(() => undefined);
      await progress;
      process.kill(pid, 'SIGKILL');
      await expect(done).rejects.toThrow(`${language}-test: the ${LANGUAGE_NAMES[language]} driver exited (signal SIGKILL)`);
      await driver.close();
      expect(processesInSession(pid)).toEqual([]);
      expect(() => process.kill(pid, 0)).toThrow();
    });

    it('fails the point cleanly when the driver dies under the runner: a DRIVER_FAILED record, the session closed', async () => {
      const backend = findBackend(backendsOf(language)[1]!) as RemoteBackend;
      const suite = findSuite('fib')!;
      const input = suite.makeInput({ n: 10 }, 42);
      let pid: number | undefined;
      const onSession = (session: RemoteSession | undefined) => {
        if (session && pid === undefined) {
          pid = (session as DriverSession).pid!;
          process.kill(pid, 'SIGKILL');
        }
      };
      const request = { suite, input, context: undefined, params: { n: 10 }, seed: 42, grain: 1e-6, grains: [1e-6], workers: 2, reps: { warmup: 0, repeats: 1, minSampleSeconds: 0.001 }, taskTimeoutSeconds: 60 };
      const { reference, timing } = await measureRemote(backend, request, remoteCache(), { onSession });
      expect(reference).toBeNull();
      expect(timing).toMatchObject({ verified: false, samples: [], error: { code: 'DRIVER_FAILED' } });
      expect(timing.error!.message).toMatch(new RegExp(`^${backend.name}: the ${LANGUAGE_NAMES[language]} driver exited \\(signal SIGKILL\\)`));
      expect(processesInSession(pid!)).toEqual([]);
    });
  });
});
