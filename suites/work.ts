/**
 * Calibrated work: `rounds` rounds of xorshift32 (Marsaglia 2003, shifts 13/17/5) from `seed` (0 is
 * replaced by 0x9e3779b9), returning the final state as a signed 32-bit integer. A dependent chain of
 * integer operations the JIT cannot fold away because the result is returned and checked. This is how
 * a task takes a chosen time — never sleep.
 */
export function spin(rounds: number, seed: number): number {
  let x = seed | 0 || 0x9e3779b9;
  for (let i = 0; i < rounds; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x | 0;
}
