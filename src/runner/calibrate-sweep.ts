/**
 * Calibrating the grains of one suite together, so that the rows of a run agree with each other:
 * achieved grains are monotone in the target. `searchSweep` holds the decisions and reads no clock but
 * the injected one; `calibrateSweep` wires it to the suite's timer (docs/calibration.md, "A sweep").
 */
import type { AnySuite, Knob, KnobRange } from '../../suites/index.js';
import { type CalibrateOptions, type Calibration, type MeasureKnob, searchKnob, timePerTask, TOLERANCE } from './calibrate.js';
import { type Clock, hrClock } from './clock.js';

/** One grain of a sweep: its calibration, the search's probes, and the wall time it took (seconds). */
export interface SweepOutcome {
  /** The target grain, seconds per task. */
  grain: number;
  calibration: Calibration;
  /** Calls of `measure` made for this grain (0 when the grain took a floor already found). */
  probes: number;
  /** Wall time spent calibrating this grain, seconds by the injected clock. */
  seconds: number;
}

/** One row of `calibrateSweep`: the grain, its calibration and its calibration wall time (seconds). */
export type SweepRow = Pick<SweepOutcome, 'grain' | 'calibration' | 'seconds'>;

/** Seconds per task at a knob, for a grain (the timer samples as many tasks as the grain needs). */
export type MeasureAt = (grain: number) => MeasureKnob;

/**
 * true when knob `a` costs more per task than knob `b`: exactly when one coordinate is equal or both
 * move the same way (time grows with chunk and with work); otherwise by their measured times.
 */
export function costlier(a: Calibration, b: Calibration): boolean {
  const { chunk: ca, work: wa } = a.knob;
  const { chunk: cb, work: wb } = b.knob;
  if (ca === cb && wa === wb) return false;
  if (wa >= wb && ca >= cb) return true;
  if (wa <= wb && ca <= cb) return false;
  return a.perTask > b.perTask;
}

/** The grain's calibration from a floor already found: the same knob and time; reachable when within ±15%. */
function fromFloor(floor: Calibration, grain: number): Calibration {
  const reachable = Math.abs(floor.perTask - grain) <= TOLERANCE * grain;
  return { knob: floor.knob, perTask: floor.perTask, reachable, tunedBy: reachable ? 'chunk' : 'floor' };
}

/**
 * Calibrate one grain of an ascending sweep, given the floor found so far and whether a smaller grain
 * was reachable: a grain no faster than a known floor takes that floor without measuring; once a
 * smaller grain was reachable, a floor is not declared again (the smallest task is taken, reachable).
 */
function sweepStep(range: KnobRange, grain: number, measure: MeasureKnob, floor: Calibration | undefined, reached: boolean): { calibration: Calibration; probes: number } {
  if (floor && floor.perTask >= grain) return { calibration: fromFloor(floor, grain), probes: 0 };
  const { probes, ...calibration } = searchKnob(range, grain, measure);
  if (calibration.tunedBy === 'floor' && reached) return { calibration: { ...calibration, reachable: true, tunedBy: 'chunk' }, probes };
  return { calibration, probes };
}

/**
 * From the largest grain down: a smaller grain never keeps a knob costlier than a larger grain's
 * (noise inverted them); it takes the larger grain's knob, time and verdict. Floor grains all share
 * the largest floor grain's floor (its majority is the latest). Mutates `rows`.
 */
function clampDown(rows: SweepOutcome[]): void {
  for (let i = rows.length - 2; i >= 0; i--) {
    const larger = rows[i + 1]!.calibration;
    const own = rows[i]!.calibration;
    const bothFloors = own.tunedBy === 'floor' && larger.tunedBy === 'floor';
    if (bothFloors || costlier(own, larger)) rows[i]!.calibration = { ...larger };
  }
}

/**
 * The calibration search over several grains of one suite (seconds per task, any order; searched
 * ascending), with `measureAt(grain)` giving seconds per task at a knob and `clock` (seconds) timing
 * each grain. Each grain is searched by `searchKnob`, and the results are made monotone: a grain no
 * faster than a floor already found shares that floor's knob and time (no new measurement), and every
 * floor grain shares one floor knob and time; once a
 * grain is reachable no larger grain is declared a floor; and a smaller grain never keeps a knob
 * costlier than a larger grain's (see `costlier`; it takes the larger grain's calibration). Returns
 * one outcome per grain in the order given. Deterministic for a deterministic `measureAt` and clock;
 * throws only what `measureAt` or its measures throw.
 */
export function searchSweep(range: KnobRange, grains: readonly number[], measureAt: MeasureAt, clock: Clock = () => 0): SweepOutcome[] {
  const order = grains.map((_, i) => i).sort((a, b) => grains[a]! - grains[b]! || a - b);
  const rows: SweepOutcome[] = [];
  let floor: Calibration | undefined;
  let reached = false;
  for (const i of order) {
    const grain = grains[i]!;
    const start = clock();
    const { calibration, probes } = sweepStep(range, grain, measureAt(grain), floor, reached);
    rows.push({ grain, calibration, probes, seconds: clock() - start });
    if (calibration.tunedBy === 'floor') floor ??= calibration;
    else reached = true;
  }
  clampDown(rows);
  const byGrain = new Map<number, SweepOutcome>();
  order.forEach((i, k) => byGrain.set(i, rows[k]!));
  return grains.map((_, i) => byGrain.get(i)!);
}

/**
 * Calibrate `suite` on `input` for every grain of `grains` (seconds per task) at once, so the run's
 * rows agree: `searchSweep` over the suite's knob range, each measurement by `timePerTask` with the
 * grain as its hint and `clock` (default the real clock, seconds). Returns `{ grain, calibration,
 * seconds }` per grain in the order given, `seconds` being that grain's calibration wall time (the
 * run records it as `calibrationSeconds`). Throws whatever the suite's `knobRange`, `split` or
 * `kernel` throws.
 */
export function calibrateSweep(
  suite: AnySuite,
  input: unknown,
  context: unknown,
  grains: readonly number[],
  options: CalibrateOptions,
  clock: Clock = hrClock,
): SweepRow[] {
  const measureAt: MeasureAt = (grain) => (knob: Knob) => timePerTask(suite, input, context, knob, grain, options, clock);
  return searchSweep(suite.knobRange(input), grains, measureAt, clock).map(({ grain, calibration, seconds }) => ({ grain, calibration, seconds }));
}
