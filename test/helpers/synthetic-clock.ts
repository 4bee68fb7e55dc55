/** A suite on synthetic time: its kernel advances a clock by a cost model, so timing code is tested without reading real time. */
import type { Clock } from '../../src/runner/clock.js';
import type { AnySuite } from '../../suites/index.js';

/** Synthetic time in whole ticks of 2^-40 s, so sums and differences of kernel costs are exact. */
export const TICK = 2 ** -40;
export const ticks = (seconds: number) => Math.round(seconds / TICK);

/**
 * `suite` with a synthetic clock: each kernel call runs the real kernel, then advances the clock by
 * `cost(payload)` seconds (rounded to whole ticks). No real time is read anywhere.
 */
export function onSyntheticClock<S extends AnySuite>(suite: S, cost: (payload: any) => number): { suite: S; clock: Clock; calls: () => number } {
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

