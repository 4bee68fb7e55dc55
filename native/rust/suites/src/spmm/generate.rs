//! Seeded sparse matrices, identical to suites/spmm/generate.ts: round(density · size²) entries, rows
//! of near-equal length (uniform) or Zipf-distributed (power-law, ranks shuffled), distinct columns per
//! row, values uniform in [-1, 1).

use super::csr::Csr;
use crate::checksum::js_round;
use crate::rng::Mulberry32;

/// Row lengths summing to `total`, each at most `cols`, shaped by `weights` (water-filling, then
/// rounding by cumulative sums), as rowLengths.
pub fn row_lengths(weights: &[f64], cols: usize, total: f64) -> Vec<usize> {
    let rows = weights.len();
    let colsf = cols as f64;
    let mut share = vec![0.0f64; rows];
    let mut capped = vec![false; rows];
    let mut left = total;
    let mut pass = 0;
    while pass < 64 && left > 1e-9 {
        pass += 1;
        let mut weight = 0.0;
        for r in 0..rows {
            if !capped[r] {
                weight += weights[r];
            }
        }
        if weight <= 0.0 {
            break;
        }
        let mut spill = 0.0;
        for r in 0..rows {
            if capped[r] {
                continue;
            }
            share[r] += (left * weights[r]) / weight;
            if share[r] >= colsf {
                spill += share[r] - colsf;
                share[r] = colsf;
                capped[r] = true;
            }
        }
        left = spill;
    }
    let mut lengths = vec![0usize; rows];
    let mut cum = 0.0;
    let mut prev = 0.0;
    for r in 0..rows {
        cum += share[r];
        let next = js_round(cum);
        lengths[r] = colsf.min(next - prev) as usize;
        prev = next;
    }
    lengths
}

fn row_weights(rows: usize, power_law: bool, random: &mut Mulberry32) -> Vec<f64> {
    if !power_law {
        return vec![1.0; rows];
    }
    let mut rank: Vec<usize> = (0..rows).collect();
    for i in (1..rows).rev() {
        let j = (random.next() * (i + 1) as f64).floor() as usize;
        rank.swap(i, j);
    }
    rank.iter().map(|&r| 1.0 / (r + 1) as f64).collect()
}

fn pick_columns(cols: usize, count: usize, random: &mut Mulberry32, mark: &mut [bool]) -> Vec<u32> {
    let complement = count as f64 > cols as f64 / 2.0;
    let draw = if complement { cols - count } else { count };
    let mut drawn: Vec<usize> = Vec::with_capacity(draw);
    while drawn.len() < draw {
        let c = (random.next() * cols as f64).floor() as usize;
        if !mark[c] {
            mark[c] = true;
            drawn.push(c);
        }
    }
    let out: Vec<u32> = if complement {
        (0..cols).filter(|&c| !mark[c]).map(|c| c as u32).collect()
    } else {
        let mut out: Vec<u32> = drawn.iter().map(|&c| c as u32).collect();
        out.sort_unstable();
        out
    };
    for &c in &drawn {
        mark[c] = false;
    }
    out
}

/// A seeded size × size CSR matrix, as generateCsr.
pub fn generate_csr(size: usize, density: f64, power_law: bool, seed: u32) -> Csr {
    let mut random = Mulberry32::new(seed);
    let total = js_round(density * size as f64 * size as f64);
    let weights = row_weights(size, power_law, &mut random);
    let lengths = row_lengths(&weights, size, total);
    let mut row_ptr = vec![0u32; size + 1];
    for r in 0..size {
        row_ptr[r + 1] = row_ptr[r] + lengths[r] as u32;
    }
    let nnz = row_ptr[size] as usize;
    let mut col_idx = Vec::with_capacity(nnz);
    let mut values = Vec::with_capacity(nnz);
    let mut mark = vec![false; size];
    for r in 0..size {
        col_idx.extend(pick_columns(size, lengths[r], &mut random, &mut mark));
        for _ in row_ptr[r]..row_ptr[r + 1] {
            values.push(random.next() * 2.0 - 1.0);
        }
    }
    Csr { rows: size, cols: size, row_ptr, col_idx, values }
}

/// The dense operand: cols × k values in [-1, 1) from mulberry32(seed ^ 0x5bd1e995), row-major.
pub fn dense_operand(cols: usize, k: usize, seed: u32) -> Vec<f64> {
    let mut random = Mulberry32::new(seed ^ 0x5BD1_E995);
    (0..cols * k).map(|_| random.next() * 2.0 - 1.0).collect()
}
