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
