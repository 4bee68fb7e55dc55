/**
 * Calibration: choose a suite's work knob so one task takes the target grain when run sequentially.
 *
 * Two halves. `searchKnob` holds every decision and never reads a clock: it asks a `measure` function
 * for seconds per task at a knob. `calibrate` wires it to `timePerTask`, which batch-times the suite's
 * kernel (one timer around many calls) with an injected clock. Tests drive the search with cost models
 * and `timePerTask` with a synthetic clock; `python/parbench_py/calibrate.py` runs the same search, and
 * `test/fixtures/calibration-vectors.json` holds both to identical choices (docs/calibration.md).
 *
 * The chunk size moves first; when the largest chunk is still too fast, rounds of work per unit are
 * added. The first amount of work is a cautious probe, because a suite's "unit" may hide many rounds
 * (one per trial division or per stored entry, not per element).
 */
import type { TunedKnob } from '../backends/index.js';
import type { AnySuite, Knob, KnobRange } from '../../suites/index.js';
import { type Clock, hrClock } from './clock.js';
import { asWorkersReceive, inlineRunner } from './execute.js';
import { capTasks } from './task-cap.js';

/** The accepted relative distance between the measured per-task time and the grain (±15%). */
export const TOLERANCE = 0.15;
/** Below this grain (seconds) the ±15% target is best-effort: a task is a handful of instructions. */
export const STRICT_FROM = 1e-6;
/** The search aims inside the tolerance band so run-to-run drift stays within it. */
const AIM = TOLERANCE / 3;
/** Rounds of the work probe, and the most the amount of work may grow in one of them. */
const WORK_STEPS = 10;
const WORK_GROWTH = 16;
/** The first work probe assumes this many seconds per round per unit, then divides by WORK_GROWTH. */
const SECONDS_PER_ROUND_GUESS = 1e-9;
/** Chunk-shrink steps after the work probe; confirmations (each may start one more search). */
const SHRINK_STEPS = 3;
const CONFIRMATIONS = 2;
/** A floor and a confirmation are decided by a majority of this many probes of the same knob. */
export const MAJORITY_PROBES = 3;

/** A calibration: the knob chosen for a grain and what was measured for it (the shape drivers return too). */
export type Calibration = TunedKnob;

/** A calibration and how many measurements (calls of `measure`) the search made to reach it. */
export interface SearchOutcome extends Calibration {
  probes: number;
}

export interface CalibrateOptions {
  /** Each measurement loops over its sample until it lasts at least this long (seconds). */
  minSampleSeconds: number;
}

/** Seconds per task at a knob: the one question the search asks. */
export type MeasureKnob = (knob: Knob) => number;

interface Candidate {
  knob: Knob;
  perTask: number;
}

/**
 * Seconds per task at `knob`: the median of three batch-timed passes (after one warm-up pass) over
 * `ceil(4 · minSampleSeconds / max(grainHint, 1e-9))` tasks (at least 1, at most all) sampled by
 * `capTasks` (the task cap's sample), run by one `inlineRunner` (into output preallocated once, where the suite has an
 * inline form). A pass runs the sample repeatedly until `clock` (seconds) has advanced at least
 * `minSampleSeconds`, and divides the elapsed time by the number of kernel calls. `grainHint` is in
 * seconds. Throws whatever the suite's `split` or `kernel` throws.
 */
export function timePerTask(
  suite: AnySuite,
  input: unknown,
  context: unknown,
  knob: Knob,
  grainHint: number,
  options: CalibrateOptions,
  clock: Clock = hrClock,
): number {
  const all = suite.split(input, knob);
  const count = Math.max(1, Math.min(all.length, Math.ceil((4 * options.minSampleSeconds) / Math.max(grainHint, 1e-9))));
  // Only the tasks timed are run here, so only they are copied as a worker receives them.
  const runner = inlineRunner(suite, asWorkersReceive(capTasks(all, count)), context, count);
  const pass = (): number => {
    let loops = 0;
    const start = clock();
    let elapsed = 0;
    do {
      runner.run();
      loops++;
      elapsed = clock() - start;
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

/**
 * The median of `values` (seconds): the middle one, or the mean of the two middle ones for an even
 * count. Sorts a copy. Throws nothing; NaN for an empty list.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Probe until a majority of MAJORITY_PROBES agree on `test`, starting from the probes already `taken`
 * (seconds per task); stops as soon as the majority is decided (two agreeing of three). Returns whether
 * the majority passed and the median of every probe taken. Throws only what `probe` throws.
 */
function byMajority(probe: () => number, test: (perTask: number) => boolean, taken: number[] = []): { passed: boolean; perTask: number } {
  const need = Math.floor(MAJORITY_PROBES / 2) + 1;
  let yes = taken.filter(test).length;
  let no = taken.length - yes;
  while (yes < need && no < need) {
    const t = probe();
    taken.push(t);
    if (test(t)) yes++;
    else no++;
  }
  return { passed: yes >= need, perTask: median(taken) };
}

/** The candidate nearer the grain; the incumbent on a tie. */
function nearer(best: Candidate, knob: Knob, perTask: number, grain: number): Candidate {
  return Math.abs(perTask - grain) < Math.abs(best.perTask - grain) ? { knob, perTask } : best;
}

/**
 * The largest chunk was too slow: take the smallest chunk when even it is not faster than the grain
 * (a floor unless it is within ±15%), else bisect the chunk on a log scale (time grows with chunk).
 */
function searchChunk(range: KnobRange, grain: number, measure: MeasureKnob, first: Candidate): Calibration {
  let lo = range.chunkMin;
  let hi = range.chunkMax;
  let atMin = measure({ chunk: lo, work: 0 });
  if (atMin >= grain) {
    const slower = byMajority(() => measure({ chunk: lo, work: 0 }), (t) => t >= grain, [atMin]);
    if (slower.passed) {
      const reachable = within(slower.perTask, grain, TOLERANCE);
      return { knob: { chunk: lo, work: 0 }, perTask: slower.perTask, reachable, tunedBy: reachable ? 'chunk' : 'floor' };
    }
    atMin = slower.perTask;
  }
  let best = nearer(first, { chunk: lo, work: 0 }, atMin, grain);
  while (hi - lo > 1) {
    const mid = Math.round(Math.sqrt(lo * hi));
    const chunk = mid <= lo ? lo + 1 : mid >= hi ? hi - 1 : mid;
    const t = measure({ chunk, work: 0 });
    best = nearer(best, { chunk, work: 0 }, t, grain);
    if (within(t, grain, AIM)) break;
    if (t < grain) lo = chunk;
    else hi = chunk;
  }
  return { ...best, reachable: true, tunedBy: 'chunk' };
}

/**
 * The largest chunk was too fast: add rounds of work per unit (time is close to linear in rounds).
 * Probe at a sixteenth of the guess that assumes ~1 ns per round per unit, then correct from what one
 * round measured; never grow more than 16-fold per step, so a bad guess cannot cost much.
 */
function probeWork(range: KnobRange, grain: number, measure: MeasureKnob, first: Candidate): Candidate {
  const base = first.perTask;
  let work = Math.max(1, Math.round((grain - base) / (range.chunkMax * SECONDS_PER_ROUND_GUESS) / WORK_GROWTH));
  let best = first;
  for (let step = 0; step < WORK_STEPS; step++) {
    work = Math.min(range.workMax, Math.max(1, work));
    const t = measure({ chunk: range.chunkMax, work });
    best = nearer(best, { chunk: range.chunkMax, work }, t, grain);
    if (within(t, grain, AIM) || work === range.workMax) break;
    const perRound = (t - base) / work;
    const next = perRound > 0 ? Math.min(work * WORK_GROWTH, Math.round((grain - base) / perRound)) : work * WORK_GROWTH;
    if (next === work) break;
    work = next;
  }
  return best;
}

/**
 * Whole rounds can step past the target when a task holds many units (one round each): at the chosen
 * work, shrink the chunk in proportion (time is close to linear in chunk) while that gets nearer.
 */
function shrinkChunk(range: KnobRange, grain: number, measure: MeasureKnob, start: Candidate): Candidate {
  let best = start;
  for (let step = 0; step < SHRINK_STEPS && !within(best.perTask, grain, AIM); step++) {
    const chunk = Math.min(range.chunkMax, Math.max(range.chunkMin, Math.round((best.knob.chunk * grain) / best.perTask)));
    if (chunk === best.knob.chunk) break;
    const t = measure({ chunk, work: best.knob.work });
    if (Math.abs(t - grain) >= Math.abs(best.perTask - grain)) break;
    best = { knob: { chunk, work: best.knob.work }, perTask: t };
  }
  return best;
}

/** One search from the largest chunk without work: keep it, search the chunk, or add work. */
function searchOnce(range: KnobRange, grain: number, measure: MeasureKnob): Calibration {
  const knob: Knob = { chunk: range.chunkMax, work: 0 };
  const first = { knob, perTask: measure(knob) };
  if (within(first.perTask, grain, AIM)) return { ...first, reachable: true, tunedBy: 'chunk' };
  if (first.perTask > grain) return searchChunk(range, grain, measure, first);
  const best = shrinkChunk(range, grain, measure, probeWork(range, grain, measure, first));
  return { ...best, reachable: true, tunedBy: best.knob.work > 0 ? 'work' : 'chunk' };
}

/**
 * The calibration search, without a clock: the knob in `range` whose per-task time is nearest `grain`
 * (seconds), asking `measure(knob)` for seconds per task. A search tries the largest chunk without
 * work, then searches the chunk (too slow) or adds work and shrinks the chunk (too fast). A choice that
 * is not a floor is confirmed by measuring it again: within ±15% it is returned with the confirming
 * times' median as `perTask`; otherwise the search runs again (the first measurements may have run while the
 * JIT was settling), at most twice, and the last search's choice is returned unconfirmed.
 * Both the floor and the confirmation rest on a majority of MAJORITY_PROBES probes of the same knob
 * (probing stops once the majority is decided): the smallest chunk is a floor only when a majority of
 * its probes are not faster than the grain, and a choice is confirmed only when a majority of its
 * probes are within ±15%; `perTask` is then the median of those probes. One noisy probe decides
 * neither.
 * Deterministic for a deterministic `measure`; throws only what `measure` throws.
 */
export function searchKnob(range: KnobRange, grain: number, measure: MeasureKnob): SearchOutcome {
  let probes = 0;
  const counted: MeasureKnob = (knob) => {
    probes++;
    return measure(knob);
  };
  let result = searchOnce(range, grain, counted);
  for (let attempt = 0; attempt < CONFIRMATIONS && result.tunedBy !== 'floor'; attempt++) {
    const knob = result.knob;
    const confirmed = byMajority(() => counted(knob), (t) => within(t, grain, TOLERANCE));
    if (confirmed.passed) return { ...result, perTask: confirmed.perTask, probes };
    result = searchOnce(range, grain, counted);
  }
  return { ...result, probes };
}

/**
 * Calibrate `suite` on `input` for `grain` (seconds per task): `searchKnob` over the suite's knob
 * range, each measurement by `timePerTask` with `clock` (default the real clock). Returns the knob,
 * the measured seconds per task and whether the grain was reachable. Throws whatever the suite's
 * `knobRange`, `split` or `kernel` throws.
 */
export function calibrate(
  suite: AnySuite,
  input: unknown,
  context: unknown,
  grain: number,
  options: CalibrateOptions,
  clock: Clock = hrClock,
): Calibration {
  const measure: MeasureKnob = (knob) => timePerTask(suite, input, context, knob, grain, options, clock);
  const { knob, perTask, reachable, tunedBy } = searchKnob(suite.knobRange(input), grain, measure);
  return { knob, perTask, reachable, tunedBy };
}
