//! spmm, identical to suites/spmm.ts: a sparse CSR matrix (seeded, or read from a Matrix Market file)
//! times a dense operand of k columns, one row block per task; each row and each stored entry also
//! takes `work` rounds.

pub mod csr;
pub mod generate;
pub mod mtx;

use crate::checksum::{fnv1a_f64, hex32};
use crate::suite::{concat_parts, Knob, KnobRange, Suite, Task};
use crate::work::spin;
use crate::Params;
pub use csr::Csr;

/// The largest chunk still leaves this many row blocks.
pub const SPMM_MIN_TASKS: u64 = 16;
/// Largest rows (= columns) of a generated matrix.
pub const SPMM_MAX_SIZE: u64 = 1_000_000;
/// Most columns of the dense operand.
pub const SPMM_MAX_K: u64 = 256;

/// The spmm suite: the matrix, the dense operand (cols × k, row-major) and k.
pub struct Spmm {
    pub matrix: Csr,
    pub x: Vec<f64>,
    pub k: usize,
}

/// A row block [r0, r1) and rounds per row and per stored entry.
#[derive(Clone, Copy, Debug)]
pub struct SpmmPayload {
    pub r0: usize,
    pub r1: usize,
    pub work: u64,
}

/// A row block's outputs ((r1 − r0) · k values) and work checksum.
#[derive(Clone, Debug, PartialEq)]
pub struct SpmmOutput {
    pub y: Vec<f64>,
    pub spin: i32,
}

impl Spmm {
    /// The input of parameters {size, density, rowlen, k, matrix} and `seed`: the Matrix Market file
    /// `matrix` (relative to $PARBENCH_CWD) when given, else a generated matrix. An error names the file
    /// or the parameter.
    pub fn new(params: &Params, seed: u32) -> Result<Self, String> {
        let matrix = match params.text("matrix") {
            Some(path) => mtx::load_matrix(&path)?,
            None => {
                let size = params.whole("size", 1)?;
                if size > SPMM_MAX_SIZE {
                    return Err(format!("parameter \"size\" is {size}, at most {SPMM_MAX_SIZE}"));
                }
                let density = params.number("density")?;
                if !(density > 0.0 && density <= 1.0) {
                    return Err(format!("parameter \"density\" is {density}, outside (0, 1]"));
                }
                let rowlen = params.choice("rowlen", &["uniform", "power-law"])?;
                generate::generate_csr(size as usize, density, rowlen == "power-law", seed)
            }
        };
        let k = params.whole("k", 1)?;
        if k > SPMM_MAX_K {
            return Err(format!("parameter \"k\" is {k}, at most {SPMM_MAX_K}"));
        }
        let x = generate::dense_operand(matrix.cols, k as usize, seed);
        Ok(Spmm { matrix, x, k: k as usize })
    }

    #[inline]
    fn run_into(&self, p: &SpmmPayload, out: &mut [f64]) -> i32 {
        let a = &self.matrix;
        a.multiply_rows_into(&self.x, self.k, p.r0, p.r1, out);
        let units = (p.r1 - p.r0) as u64 + u64::from(a.row_ptr[p.r1] - a.row_ptr[p.r0]);
        if p.work > 0 {
            spin(p.work * units, p.r0 as i64 + 1)
        } else {
            0
        }
    }
}

impl Suite for Spmm {
    type Payload = SpmmPayload;
    type Output = SpmmOutput;

    fn knob_range(&self) -> KnobRange {
        KnobRange { chunk_min: 1, chunk_max: (self.matrix.rows as u64 / SPMM_MIN_TASKS).max(1), work_max: 10_000_000 }
    }

    fn split(&self, knob: Knob) -> Vec<Task<SpmmPayload>> {
        let rows = self.matrix.rows;
        let chunk = knob.chunk.max(1) as usize;
        (0..rows).step_by(chunk).map(|r0| Task { payload: SpmmPayload { r0, r1: rows.min(r0 + chunk), work: knob.work }, deps: vec![] }).collect()
    }

    #[inline]
    fn kernel(&self, p: &SpmmPayload, _deps: &[&SpmmOutput]) -> SpmmOutput {
        let mut y = vec![0.0; (p.r1 - p.r0) * self.k];
        let spin = self.run_into(p, &mut y);
        SpmmOutput { y, spin }
    }

    fn fingerprint(&self, results: &[SpmmOutput]) -> String {
        let (y, acc) = concat_parts(results, |r| (&r.y, r.spin));
        format!("y={} work={}", fnv1a_f64(&y), hex32(acc))
    }

    fn inline_len(&self, p: &SpmmPayload) -> Option<usize> {
        Some((p.r1 - p.r0) * self.k)
    }

    #[inline]
    fn kernel_into(&self, p: &SpmmPayload, out: &mut [f64]) -> i32 {
        self.run_into(p, out)
    }

    fn inline_result(&self, _p: &SpmmPayload, out: &[f64], scalar: i32) -> SpmmOutput {
        SpmmOutput { y: out.to_vec(), spin: scalar }
    }
}
