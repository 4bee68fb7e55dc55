// Interleaved rounds with fake lanes and a fake reference: the exact order of calls, warm-up first, and a failing lane dropping out.
import { describe, expect, it } from 'vitest';
import type { ExecutorBackend } from '../../src/backends/index.js';
import type { Clock } from '../../src/runner/clock.js';
import { executeInline, prepare } from '../../src/runner/execute.js';
import { newLane, openLane, OpenSet, runRounds, type ReferenceSeries } from '../../src/runner/rounds.js';
import { findSuite } from '../../suites/index.js';
import { loggingBackend } from '../helpers/logging-backend.js';
import { combinedVerify } from '../../src/runner/task-cap.js';

const fib = findSuite('fib')!;
const input = fib.makeInput({ n: 5 }, 1);
const prepared = prepare(fib.split(input, { chunk: 1, work: 0 }));
const expected = fib.combine(input, executeInline(fib, prepared.tasks, undefined));
const work = { suite: fib, input, prepared, verify: combinedVerify(fib, input, expected) };
const reps = { warmup: 1, repeats: 2, minSampleSeconds: 0 };
const open = { workers: 1, suiteUrl: 'unused', suiteExport: 'unused', context: undefined, taskTimeoutSeconds: 0 };
const TICK = 2 ** -10;

function steppingClock(): Clock {
  let reads = 0;
  return () => reads++ * TICK;
}

const fake = loggingBackend;

function reference(log: string[]): ReferenceSeries {
  let n = 0;
  return { samples: [], warmupSamples: [], sample: async () => (log.push('reference'), ++n) };
}

async function rounds(backends: ExecutorBackend[], log: string[], series: ReferenceSeries | null, aborted = () => false, handOver?: () => void) {
  const opened = new OpenSet();
  const clock = steppingClock();
  const lanes = backends.map((b) => newLane({ suite: 'fib', grain: 1e-6, backend: b.name, workers: 1 }, b));
  for (const lane of lanes) await openLane(lane, open, work, opened, clock);
  const progress: [number, number, string[]][] = [];
  const hooks = { aborted, onRound: (d: number, t: number, points: { backend: string }[]) => progress.push([d, t, points.map((p) => p.backend)]), ...(handOver ? { handOver } : {}) };
  const done = await runRounds(lanes, series, work, reps, opened, hooks, clock);
  await opened.closeAll();
  return { lanes, done, progress };
}

describe('runRounds', () => {
  it('takes reference, A, B, then again, warm-up round first, each point timed apart', async () => {
    const log: string[] = [];
    const series = reference(log);
    const { lanes, done, progress } = await rounds([fake('A', log), fake('B', log)], log, series);
    expect(done).toBe(true);
    expect(log).toEqual(['open A', 'open B', 'reference', 'A', 'B', 'reference', 'A', 'B', 'reference', 'A', 'B', 'close A', 'close B']);
    expect(series).toMatchObject({ warmupSamples: [1], samples: [2, 3] });
    expect(progress).toEqual([[1, 3, ['A', 'B']], [2, 3, ['A', 'B']], [3, 3, ['A', 'B']]]);
    for (const lane of lanes) {
      expect(lane.timing).toEqual({ startupSeconds: TICK, samples: [TICK, TICK], warmupSamples: [TICK], verified: true });
    }
  });

  it('hands the machine over (lockstep) after every reference sample and every repetition, warm-up included', async () => {
    const log: string[] = [];
    const { done } = await rounds([fake('A', log), fake('B', log, { failAt: 2 })], log, reference(log), () => false, () => log.push('hand over'));
    expect(done).toBe(true);
    const step = (name: string) => [name, 'hand over'];
    // B fails in round 2 (closed before its hand-over) and takes no repetitions after it.
    expect(log).toEqual([
      'open A', 'open B',
      ...step('reference'), ...step('A'), ...step('B'),
      ...step('reference'), ...step('A'), 'B', 'close B', 'hand over',
      ...step('reference'), ...step('A'),
      'close A',
    ]);
  });

  it('drops a point whose backend fails and goes on with the others', async () => {
    const log: string[] = [];
    const { lanes, done } = await rounds([fake('A', log), fake('B', log, { failAt: 2 })], log, reference(log));
    expect(done).toBe(true);
    expect(log).toEqual(['open A', 'open B', 'reference', 'A', 'B', 'reference', 'A', 'B', 'close B', 'reference', 'A', 'close A']);
    expect(lanes[0]!.timing).toMatchObject({ verified: true, samples: [expect.any(Number), expect.any(Number)] });
    expect(lanes[1]!.timing).toMatchObject({ verified: false, warmupSamples: [expect.any(Number)], samples: [], error: { code: 'TASK_FAILED' } });
    expect(lanes[1]!.timing.error!.message).toContain('B broke');
  });

  it('fails a point whose result does not verify (VERIFY_FAILED), after its clock stopped', async () => {
    const log: string[] = [];
    const { lanes } = await rounds([fake('A', log, { wrong: true })], log, null);
    expect(log).toEqual(['open A', 'A', 'close A']);
    expect(lanes[0]!.timing).toMatchObject({ verified: false, warmupSamples: [], error: { code: 'VERIFY_FAILED' } });
  });

  it('stops when aborted and leaves nothing open', async () => {
    const log: string[] = [];
    let steps = 0;
    const { done } = await rounds([fake('A', log), fake('B', log)], log, reference(log), () => ++steps > 3);
    expect(done).toBe(false);
    expect(log).toEqual(['open A', 'open B', 'reference', 'A', 'B', 'close A', 'close B']);
  });
});

describe('runRounds with --precision', () => {
  /** A reference whose samples are `values` in turn (seconds). */
  const scripted = (values: number[]): ReferenceSeries => {
    let i = 0;
    return { samples: [], warmupSamples: [], sample: async () => values[Math.min(i++, values.length - 1)]! };
  };
  const lanesOf = (log: string[]) => [newLane({ suite: 'fib', grain: 1e-6, backend: 'a', workers: 1 }, fake('a', log))];

  it('takes rounds until the median interval is within ±precision: steady samples stop at 6 timed rounds', async () => {
    const log: string[] = [];
    const opened = new OpenSet();
    const lanes = lanesOf(log);
    const clock = steppingClock();
    for (const lane of lanes) await openLane(lane, open, work, opened, clock);
    const series = scripted([1]);
    const done = await runRounds(lanes, series, work, { warmup: 0, repeats: 2, minSampleSeconds: 0, precision: 0.05, maxRepeats: 15 }, opened, { aborted: () => false, onRound: () => undefined }, clock);
    await opened.closeAll();
    expect(done).toBe(true);
    // Every repetition reads the stepping clock twice (one tick apart) and the reference is always 1 s: both
    // series are steady, so they stop as soon as a 95% interval of the median exists (n = 6).
    expect(series.samples).toHaveLength(6);
    expect(lanes[0]!.timing.samples).toHaveLength(6);
  });

  it('never goes past maxRepeats when precision is out of reach', async () => {
    const log: string[] = [];
    const opened = new OpenSet();
    const lanes = lanesOf(log);
    for (const lane of lanes) await openLane(lane, open, work, opened, () => 0);
    const series = scripted([1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]);
    await runRounds(lanes, series, work, { warmup: 0, repeats: 2, minSampleSeconds: 0, precision: 0.05, maxRepeats: 9 }, opened, { aborted: () => false, onRound: () => undefined }, () => 0);
    await opened.closeAll();
    expect(series.samples).toHaveLength(9);
  });

  it('stops at repeats once the timed rounds have lasted PRECISION_SECONDS', async () => {
    const log: string[] = [];
    const opened = new OpenSet();
    const lanes = lanesOf(log);
    let t = 0;
    const slow: Clock = () => (t += 0.5); // every reading half a second later: rounds are long
    for (const lane of lanes) await openLane(lane, open, work, opened, slow);
    const series = scripted([1, 3, 1, 3, 1, 3, 1, 3, 1, 3]);
    await runRounds(lanes, series, work, { warmup: 0, repeats: 3, minSampleSeconds: 0, precision: 0.05, maxRepeats: 15 }, opened, { aborted: () => false, onRound: () => undefined }, slow);
    await opened.closeAll();
    expect(series.samples).toHaveLength(3);
  });
});
