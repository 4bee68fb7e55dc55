// Tracing a point on every Node backend: results unwrapped and verified, one span per task per timed
// repetition, each naming the thread or process that ran it; untraced pools run the plain kernel.
import { describe, expect, it } from 'vitest';
import { findExecutorBackend } from '../../src/backends/index.js';
import { runnableUrl } from '../../src/backends/paths.js';
import { hostInit } from '../../src/backends/task-host.js';
import { executeInline, prepare } from '../../src/runner/execute.js';
import { combinedVerify } from '../../src/runner/task-cap.js';
import { tracePass } from '../../src/runner/trace-point.js';
import { findSuite, suiteModule } from '../../suites/index.js';

const fib = findSuite('fib')!;
const input = fib.makeInput({ n: 6 }, 42);
const prepared = prepare(fib.split(input, { chunk: 1, work: 0 }));
const N = prepared.tasks.length;
const module = suiteModule(fib);
const open = { workers: 2, suiteUrl: runnableUrl(module.url), suiteExport: module.exportName, context: undefined, taskTimeoutSeconds: 30 };
const expected = fib.combine(input, executeInline(fib, prepared.tasks, undefined));
const work = { suite: fib, input, prepared, verify: combinedVerify(fib, input, expected) };
let tick = 0;
const clock = () => ++tick;

const WORKER_NAMES: Record<string, RegExp> = {
  sequential: new RegExp(`^pid ${process.pid}$`),
  worker: /^thread \d+$/,
  process: /^pid \d+$/,
  piscina: /^thread \d+$/,
  'piscina-c16': /^thread \d+$/,
  tinypool: /^thread \d+$/,
  workerpool: /^thread \d+$/,
  shm: /^thread \d+$/,
};

describe('tracePass', () => {
  for (const [name, worker] of Object.entries(WORKER_NAMES)) {
    it(`${name}: verified repetitions, one span per task per timed repetition, named after its worker`, async () => {
      const pass = await tracePass(findExecutorBackend(name)!, open, work, { warmup: 1, repeats: 2, minSampleSeconds: 0 }, {}, clock);
      expect(pass.timing.error).toBeUndefined();
      expect(pass.timing).toMatchObject({ verified: true, warmupSamples: [1], samples: [1, 1] });
      expect(pass.spans).toHaveLength(2 * N);
      for (const repetition of [0, 1]) {
        const spans = pass.spans.filter((s) => s.repetition === repetition);
        expect(spans.map((s) => s.task)).toEqual(Array.from({ length: N }, (_, i) => i));
      }
      for (const s of pass.spans) {
        expect(s.worker).toMatch(worker);
        // The same thread reads both ends of these: causality, not timing.
        expect(s.finished).toBeGreaterThanOrEqual(s.started);
        expect(s.received).toBeGreaterThanOrEqual(s.submitted);
      }
    }, 60_000);
  }
});

describe('hostInit', () => {
  it('asks workers for traced results only when the pool is opened with trace', () => {
    expect(hostInit(open)).toEqual({ suiteUrl: open.suiteUrl, suiteExport: open.suiteExport, context: undefined });
    expect(hostInit({ ...open, trace: true })).toMatchObject({ trace: true });
  });
});
