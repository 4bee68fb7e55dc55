/**
 * The one clock parbench reads: process.hrtime.bigint(), as seconds. Only the runner reads it, and every
 * function that times something takes a `Clock` argument defaulting to `hrClock`, so tests can drive
 * timing logic (calibration search, stopping rules) with synthetic time.
 */
const origin = process.hrtime.bigint();

/** A source of time: seconds since an arbitrary origin, never decreasing. */
export type Clock = () => number;

/** Seconds since an arbitrary origin, nanosecond resolution (process.hrtime.bigint). */
export function now(): number {
  return Number(process.hrtime.bigint() - origin) / 1e9;
}

/** The real clock: `now`. */
export const hrClock: Clock = now;
