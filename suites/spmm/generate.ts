/**
 * Seeded sparse matrices: `size` × `size` with about density · size² entries, rows of near-equal length
 * (uniform) or of Zipf-distributed length (power-law: the row of rank r gets ∝ 1/r of the entries, ranks
 * shuffled so heavy rows are spread over the matrix, as in real graphs and meshes).
 */
import { mulberry32 } from '../random.js';
import type { Csr } from './csr.js';

export type RowLength = 'uniform' | 'power-law';

/** Row lengths summing to `total` (≤ rows·cols), each at most `cols`, shaped by `weights`. */
export function rowLengths(weights: Float64Array, cols: number, total: number): Int32Array {
  const rows = weights.length;
  const share = new Float64Array(rows);
  const capped = new Uint8Array(rows);
  // Water-filling: rows that would exceed `cols` are capped and their excess spread over the rest.
  let left = total;
  for (let pass = 0; pass < 64 && left > 1e-9; pass++) {
    let weight = 0;
    for (let r = 0; r < rows; r++) if (!capped[r]) weight += weights[r]!;
    if (weight <= 0) break;
    let spill = 0;
    for (let r = 0; r < rows; r++) {
      if (capped[r]) continue;
      share[r]! += (left * weights[r]!) / weight;
      if (share[r]! >= cols) {
        spill += share[r]! - cols;
        share[r] = cols;
        capped[r] = 1;
      }
    }
    left = spill;
  }
  // Round by cumulative sums so the lengths add up exactly.
  const lengths = new Int32Array(rows);
  let cum = 0;
  let prev = 0;
  for (let r = 0; r < rows; r++) {
    cum += share[r]!;
    const next = Math.round(cum);
    lengths[r] = Math.min(cols, next - prev);
    prev = next;
  }
  return lengths;
}

function rowWeights(rows: number, kind: RowLength, random: () => number): Float64Array {
  const weights = new Float64Array(rows).fill(1);
  if (kind === 'uniform') return weights;
  const rank = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rank[i], rank[j]] = [rank[j]!, rank[i]!];
  }
  for (let r = 0; r < rows; r++) weights[r] = 1 / (rank[r]! + 1);
  return weights;
}

/** `count` distinct columns of [0, cols), increasing. */
function pickColumns(cols: number, count: number, random: () => number, mark: Uint8Array): Int32Array {
  const complement = count > cols / 2;
  const draw = complement ? cols - count : count;
  const drawn: number[] = [];
  while (drawn.length < draw) {
    const c = Math.floor(random() * cols);
    if (!mark[c]) {
      mark[c] = 1;
      drawn.push(c);
    }
  }
  const out = new Int32Array(count);
  if (complement) {
    let i = 0;
    for (let c = 0; c < cols; c++) if (!mark[c]) out[i++] = c;
  } else {
    out.set(drawn);
    out.sort();
  }
  for (const c of drawn) mark[c] = 0;
  return out;
}

/**
 * A seeded size × size CSR matrix with round(density · size²) entries (fewer only when a row is capped
 * at `size`), row lengths uniform or power-law, distinct columns per row, values uniform in [-1, 1).
 */
export function generateCsr(size: number, density: number, kind: RowLength, seed: number): Csr {
  const random = mulberry32(seed);
  const total = Math.round(density * size * size);
  const lengths = rowLengths(rowWeights(size, kind, random), size, total);
  const rowPtr = new Int32Array(size + 1);
  for (let r = 0; r < size; r++) rowPtr[r + 1] = rowPtr[r]! + lengths[r]!;
  const nnz = rowPtr[size]!;
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const mark = new Uint8Array(size);
  for (let r = 0; r < size; r++) {
    colIdx.set(pickColumns(size, lengths[r]!, random, mark), rowPtr[r]!);
    for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) values[p] = random() * 2 - 1;
  }
  return { rows: size, cols: size, rowPtr, colIdx, values };
}

/** The dense operand: `cols` × `k` values in [-1, 1), row-major, from its own seeded stream. */
export function denseOperand(cols: number, k: number, seed: number): Float64Array {
  const random = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  const x = new Float64Array(cols * k);
  for (let i = 0; i < x.length; i++) x[i] = random() * 2 - 1;
  return x;
}
