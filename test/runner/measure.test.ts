// The timing loops driven by synthetic time: the samples they keep are exactly what the clock says.
import { describe, expect, it } from 'vitest';
import { findExecutorBackend } from '../../src/backends/index.js';
import { runnableUrl } from '../../src/backends/paths.js';
import type { Clock } from '../../src/runner/clock.js';
import { executeInline, prepare } from '../../src/runner/execute.js';
import { measureBackend, measureSequential, type Repetitions } from '../../src/runner/measure.js';
import { findSuite, suiteModule, type AnySuite } from '../../suites/index.js';
import { combinedVerify } from '../../src/runner/task-cap.js';
import { seriesDone } from '../../src/runner/stopping.js';

const fib = findSuite('fib')!;
const input = fib.makeInput({ n: 6 }, 42);
const prepared = prepare(fib.split(input, { chunk: 1, work: 0 }));
const N = prepared.tasks.length;
const TICK = 2 ** -10; // exact in binary, so the expected samples are exact

/** A suite whose kernel advances a clock by TICK seconds per call: time is work done. */
function workClock(): { suite: AnySuite; clock: Clock } {
  let calls = 0;
  const suite: AnySuite = { ...fib, kernel: (payload, deps, context) => (calls++, fib.kernel(payload, deps, context)) };
  return { suite, clock: () => calls * TICK };
}

/** A clock that moves TICK seconds each time it is read. */
function steppingClock(): Clock {
  let reads = 0;
  return () => reads++ * TICK;
}

describe('measureSequential with a synthetic clock', () => {
  it('loops short task sets up to minSampleSeconds and divides each sample by its loops', async () => {
    const { suite, clock } = workClock();
    const timing = await measureSequential(suite, input, undefined, prepared, { warmup: 1, repeats: 3, minSampleSeconds: 3.5 * N * TICK }, clock);
    expect(timing.loops).toBe(4);
    expect(timing.warmupSamples).toEqual([N * TICK]);
    expect(timing.samples).toEqual([N * TICK, N * TICK, N * TICK]);
    expect(timing.expected).toEqual(fib.combine(input, executeInline(fib, prepared.tasks, undefined)));
  });

  it('times one pass per sample when a pass already lasts minSampleSeconds', async () => {
    const { suite, clock } = workClock();
    const timing = await measureSequential(suite, input, undefined, prepared, { warmup: 0, repeats: 2, minSampleSeconds: N * TICK }, clock);
    expect(timing).toMatchObject({ loops: 1, warmupSamples: [], samples: [N * TICK, N * TICK] });
  });

  // Issue 14, case 3: the run's abort check is awaited before every sample, so a stop is seen within one.
  it('awaits `between` before every sample and stops with what it throws', async () => {
    const { suite, clock } = workClock();
    let calls = 0;
    const between = async () => {
      if (++calls === 3) throw new Error('stopped');
    };
    await expect(measureSequential(suite, input, undefined, prepared, { warmup: 1, repeats: 5, minSampleSeconds: N * TICK }, clock, between)).rejects.toThrow('stopped');
    expect(calls).toBe(3);
    calls = -100;
    await measureSequential(suite, input, undefined, prepared, { warmup: 1, repeats: 5, minSampleSeconds: N * TICK }, clock, between);
    expect(calls).toBe(-94);
  });
});

/** fib's tasks on the sequential backend with `reps`, on a stepping clock: the timing and the progress calls. */
async function sequentialBackend(reps: Repetitions) {
  const module = suiteModule(fib);
  const open = { workers: 1, suiteUrl: runnableUrl(module.url), suiteExport: module.exportName, context: undefined, taskTimeoutSeconds: 30 };
  const expected = fib.combine(input, executeInline(fib, prepared.tasks, undefined));
  const progress: [number, number][] = [];
  const work = { suite: fib, input, prepared, verify: combinedVerify(fib, input, expected) };
  const timing = await measureBackend(findExecutorBackend('sequential')!, open, work, reps, { onRepeat: (done, total) => progress.push([done, total]) }, steppingClock());
  return { timing, progress };
}

describe('measureBackend with a synthetic clock', () => {
  it('times start-up and each repetition apart, and reports progress', async () => {
    const { timing, progress } = await sequentialBackend({ warmup: 1, repeats: 2, minSampleSeconds: 0.01 });
    expect(timing).toEqual({ startupSeconds: TICK, samples: [TICK, TICK], warmupSamples: [TICK], verified: true });
    expect(progress).toEqual([[1, 3], [2, 3], [3, 3]]);
  });
});

describe('measureBackend with --precision (point after point, --no-interleave)', () => {
  it('takes timed repetitions until the median interval is within ±precision: steady samples stop at 6', async () => {
    const { timing, progress } = await sequentialBackend({ warmup: 1, repeats: 5, minSampleSeconds: 0.01, precision: 0.05, maxRepeats: 15, precisionSeconds: 1e9 });
    expect(timing.samples).toEqual(Array(6).fill(TICK));
    expect(progress.map(([, total]) => total)).toEqual(Array(7).fill(16));
  });
});

describe('seriesDone', () => {
  const reps = { warmup: 0, repeats: 5, minSampleSeconds: 0, precision: 0.05, maxRepeats: 8, precisionSeconds: 2 };
  const spread = [1, 3, 1, 3, 1, 3, 1, 3, 1, 3];
  it('stops a steady series at max(repeats, 6) samples', () => {
    expect(seriesDone(Array(5).fill(1), reps, 0)).toBe(false);
    expect(seriesDone(Array(6).fill(1), reps, 0)).toBe(true);
  });
  it('runs a noisy series to maxRepeats, not beyond', () => {
    expect(seriesDone(spread.slice(0, 7), reps, 0)).toBe(false);
    expect(seriesDone(spread.slice(0, 8), reps, 0)).toBe(true);
  });
  it('stops at repeats once the timed repetitions have lasted precisionSeconds', () => {
    expect(seriesDone(spread.slice(0, 4), reps, 5)).toBe(false);
    expect(seriesDone(spread.slice(0, 5), reps, 1.9)).toBe(false);
    expect(seriesDone(spread.slice(0, 5), reps, 2)).toBe(true);
  });
  it('takes exactly repeats with precision off', () => {
    const fixed = { ...reps, precision: null };
    expect(seriesDone(spread.slice(0, 4), fixed, 0)).toBe(false);
    expect(seriesDone(spread.slice(0, 5), fixed, 0)).toBe(true);
  });
});
