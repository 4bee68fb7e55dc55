//! mulberry32, identical to suites/random.ts: the same seed gives the same f64 sequence.

/// A mulberry32 generator; `next` returns a float in [0, 1) with 32 random bits.
pub struct Mulberry32 {
    state: u32,
}

impl Mulberry32 {
    /// A generator from `seed` taken as an unsigned 32-bit integer (`seed >>> 0` in JavaScript).
    pub fn new(seed: u32) -> Self {
        Mulberry32 { state: seed }
    }

    /// The next float in [0, 1).
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x6D2B_79F5);
        let mut t = self.state;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}
