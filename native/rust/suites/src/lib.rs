//! parbench's five suites in Rust: fib, square, primes, spmm and hull, bit-compatible with the
//! TypeScript suites (`suites/*.ts`): the same mulberry32 inputs, the same tasks for a knob, the same
//! xorshift32 work rounds and the same result fingerprints (`checksum` strings), so the TypeScript
//! runner verifies a Rust run against its own sequential result. Pure: no clock, no threads; reading a
//! Matrix Market file (`spmm --matrix`) is the one piece of I/O, done when the input is built.

pub mod checksum;
pub mod fdlibm;
pub mod fib;
pub mod hull;
pub mod params;
pub mod primes;
pub mod rng;
pub mod spmm;
pub mod square;
pub mod suite;
pub mod work;

pub use params::Params;
pub use suite::{Knob, KnobRange, Suite, Task};

/// A built suite of any of the five kinds, so a caller can dispatch on a suite name once and then run
/// generic code (`with_suite!`).
pub enum AnySuite {
    Fib(fib::Fib),
    Square(square::Square),
    Primes(primes::Primes),
    Spmm(spmm::Spmm),
    Hull(hull::Hull),
}

/// The suites this crate implements, in the TypeScript registry's order.
pub const SUITES: [&str; 5] = ["fib", "square", "primes", "spmm", "hull"];

impl AnySuite {
    /// Build suite `name` from `params` and `seed`; an error naming an unknown suite or a bad parameter.
    pub fn build(name: &str, params: &Params, seed: u32) -> Result<AnySuite, String> {
        Ok(match name {
            "fib" => AnySuite::Fib(fib::Fib::new(params)?),
            "square" => AnySuite::Square(square::Square::new(params, seed)?),
            "primes" => AnySuite::Primes(primes::Primes::new(params)?),
            "spmm" => AnySuite::Spmm(spmm::Spmm::new(params, seed)?),
            "hull" => AnySuite::Hull(hull::Hull::new(params, seed)?),
            _ => return Err(format!("unknown suite \"{name}\" (allowed: {})", SUITES.join(", "))),
        })
    }
}

/// `with_suite!(any, s => expr)`: evaluate `expr` with `s` bound to the concrete suite inside `any`.
#[macro_export]
macro_rules! with_suite {
    ($any:expr, $s:ident => $body:expr) => {
        match $any {
            $crate::AnySuite::Fib($s) => $body,
            $crate::AnySuite::Square($s) => $body,
            $crate::AnySuite::Primes($s) => $body,
            $crate::AnySuite::Spmm($s) => $body,
            $crate::AnySuite::Hull($s) => $body,
        }
    };
}
