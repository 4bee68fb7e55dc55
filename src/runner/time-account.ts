/**
 * Where a run's wall time goes: an accumulator of seconds per phase (calibration, reference, samples,
 * start-up, verification, writing, probe, …), read through an injected clock. The run record holds its
 * summary (`timeAccounting`), and the phases should explain the run's wall time within
 * ACCOUNTING_TOLERANCE.
 *
 * Nesting is allowed and never double-counts: time is exclusive. When a measurement runs inside another
 * (e.g. `verification` inside `samples`), the inner phase gets its own seconds and the outer phase gets
 * its elapsed time minus its inner measurements'. Measurements must nest like a stack; two async
 * measurements that overlap without nesting are refused.
 */
import { TIME_PHASES } from '../record/schedule-schema.js';
import { hrClock, type Clock } from './clock.js';

/** The phases a run's wall time is split into. */
export const PHASES = TIME_PHASES;

/** One phase of a run's wall time; `setup` is building suite inputs and preparing tasks. */
export type Phase = (typeof PHASES)[number];

/** The fraction of the wall time the phases must explain, whichever way (the 5%). */
export const ACCOUNTING_TOLERANCE = 0.05;

/** A run's time accounting (seconds), as the record keeps it. */
export interface TimeAccounting {
  /** The run's wall time, seconds. */
  wallSeconds: number;
  /** Exclusive seconds per phase (every phase present, 0 when unused). */
  phases: Record<Phase, number>;
  /** wallSeconds − the sum of the phases (negative when phases overlap the wall clock's ends). */
  unaccountedSeconds: number;
  /** unaccountedSeconds / wallSeconds; 0 when wallSeconds is 0. */
  unaccountedFraction: number;
}

interface Frame {
  phase: Phase;
  start: number;
  /** Seconds of measurements (and adds) inside this one, taken out of its phase. */
  inner: number;
}

/** An accumulator of exclusive seconds per phase; see the module's docstring for nesting. */
export class TimeAccount {
  private readonly seconds = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  private readonly open: Frame[] = [];
  /** Clock reading (seconds) when the account was made: the run's start unless summary is given a wall time. */
  readonly startedAt: number;

  /** `clock`: what every measurement reads (seconds); hrClock unless a test drives synthetic time. */
  constructor(private readonly clock: Clock = hrClock) {
    this.startedAt = clock();
  }

  /** Seconds since the account was made, by its clock. */
  elapsedSeconds(): number {
    return this.clock() - this.startedAt;
  }

  /**
   * Run `fn` and add its elapsed seconds, less those of measurements nested in it, to `phase`. Works for
   * synchronous functions (returns their value) and for functions returning a promise (returns a
   * promise settling with theirs; the time runs until it settles). The time counts whether `fn` returns
   * or throws, and what `fn` throws is rethrown. Throws (or rejects with) a plain Error when a
   * measurement ends while a later one is still open (overlapping async measurements); that
   * measurement's time is then not counted.
   */
  measure<T>(phase: Phase, fn: () => T): T {
    const frame: Frame = { phase, start: this.clock(), inner: 0 };
    this.open.push(frame);
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.close(frame);
      throw error;
    }
    if (result instanceof Promise) {
      return result.finally(() => this.close(frame)) as T;
    }
    this.close(frame);
    return result;
  }

  /**
   * Add `seconds` measured elsewhere (e.g. what a driver reports) to `phase`. Added while a measurement
   * is open, they are taken out of that measurement's phase (they happened inside it). Throws a
   * RangeError for seconds that are negative or not finite.
   */
  add(phase: Phase, seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`TimeAccount.add: seconds must be finite and ≥ 0, got ${seconds}`);
    this.seconds[phase] += seconds;
    const parent = this.open[this.open.length - 1];
    if (parent) parent.inner += seconds;
  }

  /** Exclusive seconds of `phase` so far (measurements still open not included). */
  get(phase: Phase): number {
    return this.seconds[phase];
  }

  /**
   * The accounting of a run lasting `wallSeconds` (default: clock now − startedAt): every phase's
   * exclusive seconds, what they leave unexplained and its fraction of the wall time. Measurements still
   * open are not included.
   */
  summary(wallSeconds: number = this.clock() - this.startedAt): TimeAccounting {
    const phases = { ...this.seconds };
    const accounted = PHASES.reduce((sum, p) => sum + phases[p], 0);
    const unaccountedSeconds = wallSeconds - accounted;
    return { wallSeconds, phases, unaccountedSeconds, unaccountedFraction: wallSeconds === 0 ? 0 : unaccountedSeconds / wallSeconds };
  }

  private close(frame: Frame): void {
    const top = this.open[this.open.length - 1];
    if (top !== frame) {
      // Drop the frame so later measurements still balance; its time is not counted.
      this.open.splice(this.open.indexOf(frame), 1);
      throw new Error(`TimeAccount: "${frame.phase}" ended while "${top?.phase ?? 'nothing'}" was open (measurements must nest)`);
    }
    this.open.pop();
    const elapsed = this.clock() - frame.start;
    this.seconds[frame.phase] += elapsed - frame.inner;
    const parent = this.open[this.open.length - 1];
    if (parent) parent.inner += elapsed;
  }
}

/** Whether an accounting explains its wall time within ACCOUNTING_TOLERANCE (|unaccountedFraction| ≤ 5%). */
export function explainsWallTime(accounting: TimeAccounting, tolerance = ACCOUNTING_TOLERANCE): boolean {
  return Math.abs(accounting.unaccountedFraction) <= tolerance;
}

/** `account.measure(phase, fn)` when there is an account, else just `fn()`: for code timed with or without one. */
export function inPhase<T>(account: TimeAccount | undefined, phase: Phase, fn: () => T): T {
  return account ? account.measure(phase, fn) : fn();
}
