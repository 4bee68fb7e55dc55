//! Compressed sparse row matrices, identical to suites/spmm/csr.ts: built from coordinates, and the
//! row-block product the kernel runs.

/// A CSR matrix: row_ptr[r]..row_ptr[r+1] index the entries of row r (columns increasing).
#[derive(Clone, Debug, PartialEq)]
pub struct Csr {
    pub rows: usize,
    pub cols: usize,
    pub row_ptr: Vec<u32>,
    pub col_idx: Vec<u32>,
    pub values: Vec<f64>,
}

impl Csr {
    /// CSR from 0-based coordinates (any order): columns sorted within a row (equal columns in entry
    /// order), duplicates summed in that order, as fromCoordinates.
    pub fn from_coordinates(rows: usize, cols: usize, ri: &[u32], ci: &[u32], vs: &[f64]) -> Csr {
        let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); rows];
        for (e, &r) in ri.iter().enumerate() {
            by_row[r as usize].push(e);
        }
        let mut row_ptr = vec![0u32; rows + 1];
        let mut col_idx: Vec<u32> = Vec::new();
        let mut values: Vec<f64> = Vec::new();
        for r in 0..rows {
            let entries = &mut by_row[r];
            entries.sort_by_key(|&e| (ci[e], e));
            let start = col_idx.len();
            for &e in entries.iter() {
                if col_idx.len() > start && *col_idx.last().unwrap() == ci[e] {
                    *values.last_mut().unwrap() += vs[e];
                } else {
                    col_idx.push(ci[e]);
                    values.push(vs[e]);
                }
            }
            row_ptr[r + 1] = col_idx.len() as u32;
        }
        Csr { rows, cols, row_ptr, col_idx, values }
    }

    /// y = A[r0:r1] · X into `y` ((r1 − r0) · k values, zeroed first), X dense cols × k row-major; each
    /// output sums its row's entries in column order, as multiplyRowsInto.
    #[inline]
    pub fn multiply_rows_into(&self, x: &[f64], k: usize, r0: usize, r1: usize, y: &mut [f64]) {
        y.fill(0.0);
        for r in r0..r1 {
            let out = (r - r0) * k;
            for p in self.row_ptr[r] as usize..self.row_ptr[r + 1] as usize {
                let v = self.values[p];
                let base = self.col_idx[p] as usize * k;
                for j in 0..k {
                    y[out + j] += v * x[base + j];
                }
            }
        }
    }
}
