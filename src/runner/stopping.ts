/**
 * When a series of repetitions stops, in rounds and point after point alike: the stopping rule's
 * options from a point's Repetitions (stats/precision.ts holds the rule), and the time stop that keeps
 * costly series from chasing precision.
 */
import { precisionStop, type StopOptions } from '../stats/precision.js';
import type { Repetitions } from './measure.js';

/**
 * Seconds of timed repetitions a group (or, point after point, a series) may spend beyond its
 * `repeats` chasing `precision`: precision is pursued where repetitions are cheap; a series whose
 * repetitions are long (thousands of tasks at a floor grain) stops at its `repeats`, and its points say
 * so (`stoppedBy: budget`).
 */
export const PRECISION_SECONDS = 1;

/** The stopping rule's options of a point's repetitions (see precisionStop). */
export function stopOptions(reps: Repetitions): StopOptions {
  const precision = reps.precision ?? null;
  return { precision, repeats: reps.repeats, maxRepeats: precision === null ? reps.repeats : Math.max(reps.maxRepeats ?? reps.repeats, reps.repeats) };
}

/**
 * Whether a series measured on its own (point after point) takes no further timed repetition: its
 * `samples` so far (seconds) stop by the rule (precisionStop under stopOptions(reps)), or it has
 * `reps.repeats` of them and its timed repetitions have lasted `timedSeconds` ≥ reps.precisionSeconds
 * (default PRECISION_SECONDS). Throws what precisionStop throws.
 */
export function seriesDone(samples: readonly number[], reps: Repetitions, timedSeconds: number): boolean {
  if (precisionStop(samples, stopOptions(reps)).stop) return true;
  return samples.length >= reps.repeats && timedSeconds >= (reps.precisionSeconds ?? PRECISION_SECONDS);
}
