/** The one clock parbench reads: process.hrtime.bigint(), as seconds. Only the runner imports this. */
const origin = process.hrtime.bigint();

/** Seconds since an arbitrary origin, nanosecond resolution. */
export function now(): number {
  return Number(process.hrtime.bigint() - origin) / 1e9;
}
