//! primes, identical to suites/primes.ts and suites/primes/math.ts: count and sum the primes in
//! [0, limit) by trial division, one sub-range per task, of equal width or of equal estimated cost
//! (balanced); each trial division also takes `work` rounds.

use crate::checksum::{hex32, js_round};
use crate::suite::{Knob, KnobRange, Suite, Task};
use crate::work::spin;
use crate::Params;

/// Largest limit accepted.
pub const PRIMES_MAX_LIMIT: u64 = 100_000_000;
/// The largest chunk still leaves this many tasks.
pub const PRIMES_MIN_TASKS: u64 = 16;
const GRID: u64 = 4096;

/// The primes suite over [0, limit).
pub struct Primes {
    pub limit: u64,
    pub balanced: bool,
}

/// A sub-range [lo, hi) and rounds per trial division.
#[derive(Clone, Copy, Debug)]
pub struct PrimesPayload {
    pub lo: u64,
    pub hi: u64,
    pub work: u64,
}

/// Primes found, their sum and the work checksum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrimesOutput {
    pub count: u64,
    pub sum: u64,
    pub spin: i32,
}

/// Trial division over [lo, hi): (count, sum, trial divisions), as countRange.
pub fn count_range(lo: u64, hi: u64) -> (u64, u64, u64) {
    let (mut count, mut sum, mut divisions) = (0u64, 0u64, 0u64);
    for x in lo..hi {
        divisions += 1;
        if x < 2 {
            continue;
        }
        if x < 4 {
            count += 1;
            sum += x;
            continue;
        }
        if x & 1 == 0 {
            continue;
        }
        let mut prime = true;
        let mut d = 3u64;
        while d * d <= x {
            divisions += 1;
            if x % d == 0 {
                prime = false;
                break;
            }
            d += 2;
        }
        if prime {
            count += 1;
            sum += x;
        }
    }
    (count, sum, divisions)
}

fn cost_density(x: f64) -> f64 {
    if x < 3.0 {
        1.0
    } else {
        1.0 + x.sqrt() / (2.0 * crate::fdlibm::log(x))
    }
}

/// Boundaries of `tasks` ranges of [0, n) of equal estimated cost, as balancedBounds.
pub fn balanced_bounds(n: u64, tasks: u64) -> Vec<u64> {
    let steps = GRID.min(n) as usize;
    let nf = n as f64;
    let xs: Vec<f64> = (0..=steps).map(|i| (nf * i as f64) / steps as f64).collect();
    let mut cum = vec![0.0f64; steps + 1];
    for i in 1..=steps {
        cum[i] = cum[i - 1] + ((cost_density(xs[i - 1]) + cost_density(xs[i])) / 2.0) * (xs[i] - xs[i - 1]);
    }
    let total = cum[steps];
    let mut bounds = vec![0u64];
    let mut g = 1usize;
    for k in 1..tasks {
        let target = (total * k as f64) / tasks as f64;
        while g < steps && cum[g] < target {
            g += 1;
        }
        let span = cum[g] - cum[g - 1];
        let x = xs[g - 1] + if span > 0.0 { ((target - cum[g - 1]) / span) * (xs[g] - xs[g - 1]) } else { 0.0 };
        let low = (bounds[(k - 1) as usize] + 1) as f64;
        let b = ((n - (tasks - k)) as f64).min(low.max(js_round(x)));
        bounds.push(b as u64);
    }
    bounds.push(n);
    bounds
}

/// Boundaries of ranges of `chunk` numbers (the last may be shorter).
pub fn width_bounds(n: u64, chunk: u64) -> Vec<u64> {
    let mut bounds: Vec<u64> = (0..n).step_by(chunk.max(1) as usize).collect();
    bounds.push(n);
    bounds
}

impl Primes {
    /// The input of parameters {limit, split}.
    pub fn new(params: &Params) -> Result<Self, String> {
        let limit = params.whole("limit", 1)?;
        if limit > PRIMES_MAX_LIMIT {
            return Err(format!("parameter \"limit\" is {limit}, at most {PRIMES_MAX_LIMIT}"));
        }
        let split = params.choice("split", &["width", "balanced"])?;
        Ok(Primes { limit, balanced: split == "balanced" })
    }

    /// The range boundaries at `chunk`, as primesBounds.
    pub fn bounds(&self, chunk: u64) -> Vec<u64> {
        let width = width_bounds(self.limit, chunk);
        if self.balanced {
            balanced_bounds(self.limit, width.len() as u64 - 1)
        } else {
            width
        }
    }
}

impl Suite for Primes {
    type Payload = PrimesPayload;
    type Output = PrimesOutput;

    fn knob_range(&self) -> KnobRange {
        KnobRange { chunk_min: 1, chunk_max: (self.limit / PRIMES_MIN_TASKS).max(1), work_max: 10_000_000 }
    }

    fn split(&self, knob: Knob) -> Vec<Task<PrimesPayload>> {
        let b = self.bounds(knob.chunk);
        b.windows(2).map(|w| Task { payload: PrimesPayload { lo: w[0], hi: w[1], work: knob.work }, deps: vec![] }).collect()
    }

    #[inline]
    fn kernel(&self, p: &PrimesPayload, _deps: &[&PrimesOutput]) -> PrimesOutput {
        let (count, sum, divisions) = count_range(p.lo, p.hi);
        PrimesOutput { count, sum, spin: if p.work > 0 { spin(p.work * divisions, p.lo as i64 + 1) } else { 0 } }
    }

    fn fingerprint(&self, results: &[PrimesOutput]) -> String {
        let (mut count, mut sum, mut acc) = (0u64, 0u64, 0i32);
        for r in results {
            count += r.count;
            sum += r.sum;
            acc ^= r.spin;
        }
        format!("primes={count} sum={sum} work={}", hex32(acc))
    }
}
