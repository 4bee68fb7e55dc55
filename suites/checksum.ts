/**
 * 32-bit FNV-1a (Fowler–Noll–Vo) over the bytes of a numeric array's view, as 8 hex digits: a stable
 * fingerprint for run records. Bytes are read in the platform's byte order (little-endian on x86 and ARM).
 */
export function fnv1a(values: Float64Array | Int32Array | Uint32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Whether two numbers of a result are the same value: equal, or both NaN. Non-finite values compare by
 * identity (Infinity equals Infinity, NaN equals NaN at the same place); +0 equals −0. Every suite's
 * `verify` compares numbers through this or `closeNumber`, so an overflow that every run gives alike
 * is no mismatch.
 */
export function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Whether `actual` is `expected` within `tolerance` (relative for |expected| ≥ 1, absolute below);
 * where either is not finite, whether they are the same value (sameNumber: by identity).
 */
export function closeNumber(actual: number, expected: number, tolerance: number): boolean {
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return sameNumber(actual, expected);
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}
