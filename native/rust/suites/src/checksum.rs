//! FNV-1a over the little-endian bytes of f64 values, identical to suites/checksum.ts, and the hex form
//! of a work checksum (`(x >>> 0).toString(16)`).

/// 32-bit FNV-1a over the little-endian bytes of `values`, as 8 lowercase hex digits.
pub fn fnv1a_f64(values: &[f64]) -> String {
    let mut h: u32 = 0x811C_9DC5;
    for v in values {
        for byte in v.to_le_bytes() {
            h ^= u32::from(byte);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    format!("{h:08x}")
}

/// A 32-bit value as JavaScript's `(value >>> 0).toString(16)`: lowercase hex, no padding.
pub fn hex32(value: i32) -> String {
    format!("{:x}", value as u32)
}

/// JavaScript's `Math.round`: the nearest integer, halves towards +infinity.
pub fn js_round(x: f64) -> f64 {
    let floor = x.floor();
    if x - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    }
}
