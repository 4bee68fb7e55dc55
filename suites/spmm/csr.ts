/** Compressed sparse row matrices, built from coordinates, and the row-block product the kernel runs. */

export interface Csr {
  rows: number;
  cols: number;
  /** rowPtr[r]..rowPtr[r+1] index the entries of row r. */
  rowPtr: Int32Array;
  /** Column of each entry, increasing within a row. */
  colIdx: Int32Array;
  /** Value of each entry. */
  values: Float64Array;
}

/** CSR from 0-based coordinates (any order); duplicates are summed, columns sorted within a row. */
export function fromCoordinates(rows: number, cols: number, ri: Int32Array, ci: Int32Array, vs: Float64Array): Csr {
  const n = ri.length;
  const counts = new Int32Array(rows + 1);
  for (let e = 0; e < n; e++) counts[ri[e]! + 1]!++;
  for (let r = 0; r < rows; r++) counts[r + 1]! += counts[r]!;
  const order = new Int32Array(n);
  const fill = counts.slice(0, rows);
  for (let e = 0; e < n; e++) order[fill[ri[e]!]!++] = e;
  const rowPtr = new Int32Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const entries = Array.from(order.subarray(counts[r]!, counts[r + 1]!)).sort((a, b) => ci[a]! - ci[b]! || a - b);
    for (const e of entries) {
      const last = colIdx.length - 1;
      if (colIdx.length > rowPtr[r]! && colIdx[last] === ci[e]) values[last]! += vs[e]!;
      else {
        colIdx.push(ci[e]!);
        values.push(vs[e]!);
      }
    }
    rowPtr[r + 1] = colIdx.length;
  }
  return { rows, cols, rowPtr, colIdx: Int32Array.from(colIdx), values: Float64Array.from(values) };
}

/**
 * y = A[r0:r1] · X for a dense X of `cols` × `k` (row-major). Each output sums its row's entries in
 * column order, so a row block gives bit-identical values to the whole product.
 */
export function multiplyRows(a: Csr, x: Float64Array, k: number, r0: number, r1: number): Float64Array {
  const y = new Float64Array((r1 - r0) * k);
  multiplyRowsInto(a, x, k, r0, r1, y, 0);
  return y;
}

/**
 * `multiplyRows` into `y` from index `at`: the (r1 − r0) · k outputs are zeroed, then summed in the
 * same order, so they are bit-identical to `multiplyRows`'s. Throws nothing; writes past `y`'s end
 * are dropped, as typed arrays do.
 */
export function multiplyRowsInto(a: Csr, x: Float64Array, k: number, r0: number, r1: number, y: Float64Array, at: number): void {
  y.fill(0, at, at + (r1 - r0) * k);
  const { rowPtr, colIdx, values } = a;
  for (let r = r0; r < r1; r++) {
    const out = at + (r - r0) * k;
    for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) {
      const v = values[p]!;
      const base = colIdx[p]! * k;
      for (let j = 0; j < k; j++) y[out + j]! += v * x[base + j]!;
    }
  }
}
