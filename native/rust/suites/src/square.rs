//! square, identical to suites/square.ts: square every element of n × 1024 f64 values from
//! mulberry32(seed), in tiles of `chunk` elements, each element also taking `work` rounds.

use crate::checksum::{fnv1a_f64, hex32};
use crate::rng::Mulberry32;
use crate::suite::{concat_parts, Knob, KnobRange, Suite, Task};
use crate::work::spin;
use crate::Params;

/// Largest n (units of 1024 elements).
pub const SQUARE_MAX_N: u64 = 16_384;

/// The square suite over its array.
pub struct Square {
    pub values: Vec<f64>,
    /// Largest tile calibration may use (at most the array's length).
    pub tile: u64,
}

/// A tile: elements [offset, end) of the array and rounds of work per element.
#[derive(Clone, Copy, Debug)]
pub struct SquarePayload {
    pub offset: usize,
    pub end: usize,
    pub work: u64,
}

/// A tile's squares and work checksum.
#[derive(Clone, Debug, PartialEq)]
pub struct SquareOutput {
    pub squares: Vec<f64>,
    pub spin: i32,
}

/// n × 1024 values uniform in [-1, 1) from mulberry32(seed).
pub fn square_input(n: u64, seed: u32) -> Vec<f64> {
    let mut random = Mulberry32::new(seed);
    (0..n * 1024).map(|_| random.next() * 2.0 - 1.0).collect()
}

impl Square {
    /// The input of parameters {n, tile} and `seed`.
    pub fn new(params: &Params, seed: u32) -> Result<Self, String> {
        let n = params.whole("n", 1)?;
        if n > SQUARE_MAX_N {
            return Err(format!("parameter \"n\" is {n}, at most {SQUARE_MAX_N}"));
        }
        let tile = params.whole("tile", 1)?;
        let values = square_input(n, seed);
        let tile = tile.min(values.len() as u64);
        Ok(Square { values, tile })
    }

    #[inline]
    fn run_into(&self, p: &SquarePayload, out: &mut [f64]) -> i32 {
        let values = &self.values[p.offset..p.end];
        let mut acc = 0i32;
        for (i, (&x, slot)) in values.iter().zip(out.iter_mut()).enumerate() {
            *slot = x * x;
            if p.work > 0 {
                acc ^= spin(p.work, (p.offset + i + 1) as i64);
            }
        }
        acc
    }
}

impl Suite for Square {
    type Payload = SquarePayload;
    type Output = SquareOutput;

    fn knob_range(&self) -> KnobRange {
        KnobRange { chunk_min: 1, chunk_max: self.tile, work_max: 10_000_000 }
    }

    fn split(&self, knob: Knob) -> Vec<Task<SquarePayload>> {
        let n = self.values.len();
        let chunk = knob.chunk.max(1) as usize;
        (0..n).step_by(chunk).map(|offset| Task { payload: SquarePayload { offset, end: (offset + chunk).min(n), work: knob.work }, deps: vec![] }).collect()
    }

    #[inline]
    fn kernel(&self, p: &SquarePayload, _deps: &[&SquareOutput]) -> SquareOutput {
        let mut squares = vec![0.0; p.end - p.offset];
        let spin = self.run_into(p, &mut squares);
        SquareOutput { squares, spin }
    }

    fn fingerprint(&self, results: &[SquareOutput]) -> String {
        let (squares, acc) = concat_parts(results, |r| (&r.squares, r.spin));
        format!("squares={} work={}", fnv1a_f64(&squares), hex32(acc))
    }

    fn inline_len(&self, p: &SquarePayload) -> Option<usize> {
        Some(p.end - p.offset)
    }

    #[inline]
    fn kernel_into(&self, p: &SquarePayload, out: &mut [f64]) -> i32 {
        self.run_into(p, out)
    }

    fn inline_result(&self, _p: &SquarePayload, out: &[f64], scalar: i32) -> SquareOutput {
        SquareOutput { squares: out.to_vec(), spin: scalar }
    }
}
