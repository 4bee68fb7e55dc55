/**
 * Calibration: choose a suite's work knob so one task takes the target grain when run sequentially.
 * Per-task time is measured by batch timing (one timer around many kernel calls). The chunk size moves
 * first; when the largest chunk is still too fast, rounds of work per unit are added.
 * Independent tasks are sampled across the whole task set (not a prefix), since their costs may vary
 * with position (primes: later ranges cost more). The first amount of work is a cautious probe, because
 * a suite's "unit" may hide many rounds (one per trial division or per stored entry, not per element).
 */
import type { AnySuite, Knob, Task } from '../../suites/index.js';
import { now } from './clock.js';
import { executeInline } from './execute.js';

export const TOLERANCE = 0.15;
/** Below this grain the ±15% target is best-effort: a task is a handful of instructions. */
export const STRICT_FROM = 1e-6;

export interface Calibration {
  knob: Knob;
  /** Measured sequential seconds per task at `knob`. */
  perTask: number;
  /** false when even the smallest task is slower than the target. */
  reachable: boolean;
  tunedBy: 'chunk' | 'work' | 'floor';
}

export interface CalibrateOptions {
  /** Each measurement loops over its sample until it lasts at least this long. */
  minSampleSeconds: number;
}

/**
 * `count` tasks to time: evenly spread over the set when the tasks are independent; otherwise a prefix,
 * which is closed under dependencies (they always point backwards).
 */
export function sampleTasks(tasks: Task<unknown>[], count: number): Task<unknown>[] {
  if (count >= tasks.length || tasks.some((t) => t.deps.length > 0)) return tasks;
  return Array.from({ length: count }, (_, i) => tasks[Math.floor(((i + 0.5) * tasks.length) / count)]!);
}

/** Median seconds per task over three batch-timed passes on a sample of the task set (see sampleTasks). */
export function timePerTask(suite: AnySuite, input: unknown, context: unknown, knob: Knob, grainHint: number, options: CalibrateOptions): number {
  const all = suite.split(input, knob);
  const count = Math.max(1, Math.min(all.length, Math.ceil((4 * options.minSampleSeconds) / Math.max(grainHint, 1e-9))));
  const tasks = sampleTasks(all, count);
  const pass = (): number => {
    let loops = 0;
    const start = now();
    let elapsed = 0;
    do {
      executeInline(suite, tasks, context, count);
      loops++;
      elapsed = now() - start;
    } while (elapsed < options.minSampleSeconds);
    return elapsed / (loops * count);
  };
  pass(); // warm-up: let the JIT settle on this task shape before measuring
  const passes = [pass(), pass(), pass()];
  passes.sort((a, b) => a - b);
  return passes[1]!;
}

function within(measured: number, target: number, tolerance: number): boolean {
  return Math.abs(measured - target) <= tolerance * target;
}

function search(suite: AnySuite, input: unknown, context: unknown, grain: number, options: CalibrateOptions): Calibration {
  const range = suite.knobRange(input);
  const measure = (knob: Knob) => timePerTask(suite, input, context, knob, grain, options);
  // Aim inside the tolerance band so run-to-run drift stays within it.
  const aim = TOLERANCE / 3;

  let knob: Knob = { chunk: range.chunkMax, work: 0 };
  let perTask = measure(knob);
  if (within(perTask, grain, aim)) return { knob, perTask, reachable: true, tunedBy: 'chunk' };

  if (perTask > grain) {
    // Too slow at the largest chunk: search the chunk size (log scale; time grows with chunk).
    let lo = range.chunkMin;
    let hi = range.chunkMax;
    let best = { knob, perTask };
    const atMin = measure({ chunk: lo, work: 0 });
    if (atMin >= grain) {
      const reachable = within(atMin, grain, TOLERANCE);
      return { knob: { chunk: lo, work: 0 }, perTask: atMin, reachable, tunedBy: reachable ? 'chunk' : 'floor' };
    }
    if (Math.abs(atMin - grain) < Math.abs(best.perTask - grain)) best = { knob: { chunk: lo, work: 0 }, perTask: atMin };
    while (hi - lo > 1) {
      const mid = Math.round(Math.sqrt(lo * hi));
      const chunk = mid <= lo ? lo + 1 : mid >= hi ? hi - 1 : mid;
      const t = measure({ chunk, work: 0 });
      if (Math.abs(t - grain) < Math.abs(best.perTask - grain)) best = { knob: { chunk, work: 0 }, perTask: t };
      if (within(t, grain, aim)) break;
      if (t < grain) lo = chunk;
      else hi = chunk;
    }
    return { ...best, reachable: true, tunedBy: 'chunk' };
  }

  // Too fast at the largest chunk: add rounds of work per unit (time is close to linear in rounds).
  const base = perTask;
  // Probe at a sixteenth of the guess that assumes ~1 ns per round per unit, then correct from what
  // one round measured; never grow more than 16-fold per step, so a bad guess cannot cost much.
  let work = Math.max(1, Math.round((grain - base) / (range.chunkMax * 1e-9) / 16));
  let best = { knob, perTask };
  for (let iteration = 0; iteration < 10; iteration++) {
    work = Math.min(range.workMax, Math.max(1, work));
    const t = measure({ chunk: range.chunkMax, work });
    if (Math.abs(t - grain) < Math.abs(best.perTask - grain)) best = { knob: { chunk: range.chunkMax, work }, perTask: t };
    if (within(t, grain, aim) || work === range.workMax) break;
    const perRound = (t - base) / work;
    const next = perRound > 0 ? Math.min(work * 16, Math.round((grain - base) / perRound)) : work * 16;
    if (next === work) break;
    work = next;
  }
  // Whole rounds can step past the target when a task holds many units (one round each): at the
  // chosen work, shrink the chunk in proportion (time is close to linear in chunk).
  for (let iteration = 0; iteration < 3 && !within(best.perTask, grain, aim); iteration++) {
    const chunk = Math.min(range.chunkMax, Math.max(range.chunkMin, Math.round((best.knob.chunk * grain) / best.perTask)));
    if (chunk === best.knob.chunk) break;
    const t = measure({ chunk, work: best.knob.work });
    if (Math.abs(t - grain) >= Math.abs(best.perTask - grain)) break;
    best = { knob: { chunk, work: best.knob.work }, perTask: t };
  }
  return { ...best, reachable: true, tunedBy: best.knob.work > 0 ? 'work' : 'chunk' };
}

/**
 * Search the knob, then confirm the choice with a fresh measurement: the search measured its early
 * candidates while the JIT was still settling on the kernel, so a choice can drift once code is hot.
 * When the confirmation misses the ±15% band, search again from the warmer state.
 */
export function calibrate(suite: AnySuite, input: unknown, context: unknown, grain: number, options: CalibrateOptions): Calibration {
  let result = search(suite, input, context, grain, options);
  for (let attempt = 0; attempt < 2 && result.tunedBy !== 'floor'; attempt++) {
    const confirmed = timePerTask(suite, input, context, result.knob, grain, options);
    if (within(confirmed, grain, TOLERANCE)) return { ...result, perTask: confirmed };
    result = search(suite, input, context, grain, options);
  }
  return result;
}
