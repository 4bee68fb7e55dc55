/**
 * How many passes over a task set make one sequential sample: the rule shared by the main thread's
 * inline reference (measureSequential) and the reference isolate, so both time warm code the same way.
 */
import type { Clock } from './clock.js';

/** Seconds a task set is run before its samples are sized, at least (JIT warm-up). */
export const WARM_UP_SECONDS = 0.05;

/**
 * Warm `runPass` (one pass over the task set) up, then size a sample: passes are run for
 * max(WARM_UP_SECONDS, 5 · minSampleSeconds) seconds first — a cold first pass runs in V8's interpreter
 * and would size the samples too short — then timed for ≥ minSampleSeconds / 4; returns the passes per
 * sample so a sample lasts ≥ minSampleSeconds (1 when one pass already does; at most 1e6). Seconds by
 * `clock`. Throws whatever `runPass` throws.
 */
export function warmAndSize(runPass: () => void, minSampleSeconds: number, clock: Clock): number {
  const secondsPerPass = (seconds: number): number => {
    const start = clock();
    let passes = 0;
    do {
      runPass();
      passes++;
    } while (clock() - start < seconds);
    return (clock() - start) / passes;
  };
  secondsPerPass(Math.max(WARM_UP_SECONDS, 5 * minSampleSeconds));
  const once = secondsPerPass(minSampleSeconds / 4);
  return once >= minSampleSeconds ? 1 : Math.min(1_000_000, Math.ceil(minSampleSeconds / Math.max(once, 1e-9)));
}
