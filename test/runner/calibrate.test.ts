import { describe, expect, it } from 'vitest';
import { calibrate, searchKnob, timePerTask } from '../../src/runner/calibrate.js';
import { sampleTasks } from '../../src/runner/task-cap.js';
import type { Clock } from '../../src/runner/clock.js';
import type { AnySuite, Knob, Task } from '../../suites/index.js';
import { fib } from '../../suites/fib.js';
import { square } from '../../suites/square.js';
import { modelMeasure } from '../helpers/cost-model.js';

/** Synthetic time in whole ticks of 2^-40 s, so sums and differences of kernel costs are exact. */
const TICK = 2 ** -40;
const ticks = (seconds: number) => Math.round(seconds / TICK);

/**
 * `suite` with a synthetic clock: each kernel call runs the real kernel, then advances the clock by
 * `cost(payload)` seconds (rounded to whole ticks). No real time is read anywhere.
 */
function onSyntheticClock<S extends AnySuite>(suite: S, cost: (payload: any) => number): { suite: S; clock: Clock; calls: () => number } {
  let now = 0;
  let calls = 0;
  const kernel = (payload: unknown, deps: unknown[], context: unknown) => {
    calls++;
    now += ticks(cost(payload));
    return suite.kernel(payload, deps, context);
  };
  // The inline form is dropped: the timer must call the wrapped kernel, which advances the clock.
  return { suite: { ...suite, kernel, inline: undefined }, clock: () => now * TICK, calls: () => calls };
}

/** square's cost: a fixed part, one part per element and one per round of work per element. */
const squareCost = (base: number, perElement: number, perRound: number) => (p: { values: Float64Array; work: number }) =>
  base + perElement * p.values.length + perRound * p.values.length * p.work;
/** fib's cost: a fixed part per call and one per round of work. */
const fibCost = (base: number, perRound: number) => ([, , work]: [number, number, number]) => base + perRound * work;

const options = { minSampleSeconds: 0.001 };

describe('calibration on a synthetic clock', () => {
  it('tunes square to a mid grain (1e-4 s) by adding work to the largest tile', () => {
    const { suite, clock } = onSyntheticClock(square, squareCost(2e-7, 1e-9, 2e-9));
    const input = square.makeInput({ n: 4, tile: 64 }, 1);
    const cal = calibrate(suite, input, undefined, 1e-4, options, clock);
    // 64 elements: 2e-7 + 64e-9 + 128e-9 · work = 1e-4 s at work = 779.2; the guess (97) then one correction.
    expect(cal).toEqual({ knob: { chunk: 64, work: 779 }, perTask: ticks(2e-7 + 64e-9 + 128e-9 * 779) * TICK, reachable: true, tunedBy: 'work' });
  });

  it('tunes square to a small grain (1e-6 s) by shrinking the tile, without work', () => {
    const { suite, clock } = onSyntheticClock(square, squareCost(5e-8, 1e-9, 2e-9));
    const input = square.makeInput({ n: 4, tile: 4096 }, 1);
    const cal = calibrate(suite, input, undefined, 1e-6, options, clock);
    // 5e-8 + 1e-9 · chunk = 1e-6 s at chunk = 950, but the time is a mean over the tiles of 4096
    // elements: 5 tiles for chunks 820 … 1023 (8.69e-7 s each), 4 for 1024 … 1365 (1.074e-6 s, nearer).
    expect(cal.knob).toEqual({ chunk: 1024, work: 0 });
    expect(cal.tunedBy).toBe('chunk');
    expect(cal.reachable).toBe(true);
    expect(cal.perTask).toBeCloseTo(1.074e-6, 12);
  });

  it('shrinks the tile when whole rounds of work step past the grain', () => {
    const { suite, clock } = onSyntheticClock(square, squareCost(2e-7, 1e-9, 1e-6));
    const input = square.makeInput({ n: 4, tile: 64 }, 1);
    const cal = calibrate(suite, input, undefined, 1e-4, options, clock);
    // One round on 64 elements is 6.4e-5 s: 2 rounds overshoot, 50 elements at 2 rounds hit 1e-4 s.
    expect(cal.knob).toEqual({ chunk: 50, work: 2 });
    expect(cal.tunedBy).toBe('work');
  });

  it('tunes fib to a mid grain (1e-5 s) with rounds of work per call', () => {
    const { suite, clock } = onSyntheticClock(fib, fibCost(1e-7, 3e-9));
    const cal = calibrate(suite, { n: 8 }, undefined, 1e-5, options, clock);
    // 1e-7 + 3e-9 · work = 1e-5 s at work = 3300: a cautious probe at 619 rounds, then one correction.
    expect(cal).toEqual({ knob: { chunk: 1, work: 3300 }, perTask: ticks(1e-7 + 3e-9 * 3300) * TICK, reachable: true, tunedBy: 'work' });
  });

  it('marks a grain below the smallest task as a floor, never pretending', () => {
    const { suite, clock } = onSyntheticClock(fib, fibCost(4e-8, 3e-9));
    const cal = calibrate(suite, { n: 8 }, undefined, 1e-12, options, clock);
    expect(cal).toEqual({ knob: { chunk: 1, work: 0 }, perTask: ticks(4e-8) * TICK, reachable: false, tunedBy: 'floor' });
  });

  it('chooses what the search chooses on the same cost model', () => {
    const model = { kind: 'affine' as const, base: 2e-7, perChunk: 1e-9, perChunkWork: 2e-9 };
    const { suite, clock } = onSyntheticClock(square, squareCost(model.base, model.perChunk, model.perChunkWork));
    const input = square.makeInput({ n: 4, tile: 64 }, 1);
    const { measure, probes } = modelMeasure(model);
    const searched = searchKnob(square.knobRange(input), 1e-4, measure);
    expect(calibrate(suite, input, undefined, 1e-4, options, clock).knob).toEqual(searched.knob);
    expect(searched.probes).toBe(probes.length);
  });
});

describe('timePerTask', () => {
  const dt = 2 ** -20;
  /** 1000 independent tasks whose kernel advances the clock by dt per call and records its payload. */
  function counting() {
    let now = 0;
    const seen: number[] = [];
    const suite = {
      ...square,
      inline: undefined,
      split: (_: unknown, knob: Knob): Task<number>[] => Array.from({ length: Math.ceil(1000 / knob.chunk) }, (_, i) => ({ payload: i, deps: [] })),
      kernel: (payload: number) => {
        seen.push(payload);
        now += dt;
        return payload;
      },
    } as AnySuite;
    return { suite, seen, clock: () => now };
  }

  it('divides the elapsed time by the kernel calls: exactly the per-call time', () => {
    const { suite, clock } = counting();
    expect(timePerTask(suite, undefined, undefined, { chunk: 1, work: 0 }, dt, { minSampleSeconds: 16 * dt }, clock)).toBe(dt);
  });

  it('times a spread sample, one warm-up and three passes, each lasting the minimum sample time', () => {
    const { suite, seen, clock } = counting();
    // 4 · 16dt / dt = 64 tasks of 1000, spread; a pass runs the 64 once (64dt ≥ 16dt); 4 passes.
    timePerTask(suite, undefined, undefined, { chunk: 1, work: 0 }, dt, { minSampleSeconds: 16 * dt }, clock);
    const sample = sampleTasks(suite.split(undefined, { chunk: 1, work: 0 }), 64).map((t) => t.payload);
    expect(seen).toEqual([...sample, ...sample, ...sample, ...sample]);
  });

  it('loops over a small sample until the pass lasts the minimum sample time', () => {
    const { suite, seen, clock } = counting();
    // 100 tasks (chunk 10) take 100dt a loop; 250dt needs 3 loops a pass.
    const perTask = timePerTask(suite, undefined, undefined, { chunk: 10, work: 0 }, dt, { minSampleSeconds: 250 * dt }, clock);
    expect(perTask).toBe(dt);
    expect(seen).toHaveLength(4 * 3 * 100);
  });

  it('takes the median of the three passes', () => {
    let now = 0;
    let call = 0;
    const extra = [0, 5, 1, 3]; // warm-up, then passes of 6, 2 and 4 ticks for one call each
    const suite = { ...square, inline: undefined, split: () => [{ payload: 0, deps: [] }], kernel: () => (now += 1 + extra[call++]!) } as unknown as AnySuite;
    expect(timePerTask(suite, undefined, undefined, { chunk: 1, work: 0 }, 1, { minSampleSeconds: 1 }, () => now)).toBe(4);
  });
});

describe('calibration on this machine', () => {
  it('returns a knob in range whose tuning matches it (no timing asserted)', () => {
    const input = square.makeInput({ n: 1, tile: 256 }, 1);
    const cal = calibrate(square, input, undefined, 1e-5, { minSampleSeconds: 0.001 });
    const range = square.knobRange(input);
    expect(cal.knob.chunk).toBeGreaterThanOrEqual(range.chunkMin);
    expect(cal.knob.chunk).toBeLessThanOrEqual(range.chunkMax);
    expect(cal.knob.work).toBeGreaterThanOrEqual(0);
    expect(cal.knob.work).toBeLessThanOrEqual(range.workMax);
    expect(cal.tunedBy).toBe(cal.reachable ? (cal.knob.work > 0 ? 'work' : 'chunk') : 'floor');
    expect(cal.perTask).toBeGreaterThan(0);
    expect(Number.isFinite(cal.perTask)).toBe(true);
  });
});
