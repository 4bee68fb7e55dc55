//! Calibrated work, identical to suites/work.ts: `rounds` rounds of xorshift32 (Marsaglia 2003, shifts
//! 13/17/5) from `seed` (ToInt32 of it; 0 is replaced by 0x9e3779b9), returning the final state as a
//! signed 32-bit integer.

/// `rounds` rounds of xorshift32 from `seed` (taken modulo 2^32, as `seed | 0` does); the final state
/// as an i32. The loop cannot be folded away: its result is returned and checked.
#[inline]
pub fn spin(rounds: u64, seed: i64) -> i32 {
    let mut x = seed as u32;
    if x == 0 {
        x = 0x9E37_79B9;
    }
    for _ in 0..rounds {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
    }
    x as i32
}
