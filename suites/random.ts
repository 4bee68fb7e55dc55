/**
 * Seeded pseudo-random numbers (mulberry32, Tommy Ettinger's 32-bit generator). Small enough to
 * implement identically in other languages, so every driver builds the same input from the same seed.
 * The seed is taken as an unsigned 32-bit integer; each call returns a float in [0, 1) with 32 random bits.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
