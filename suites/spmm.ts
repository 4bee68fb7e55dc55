/**
 * spmm: sparse matrix (CSR) × dense vector, or × dense matrix of `k` columns. The matrix comes from a
 * seeded generator (size, density, uniform or power-law row lengths) or a Matrix Market file. Tasks
 * are row blocks: the matrix and the dense operand reach each worker once, as the suite's context,
 * and a task carries only its row bounds. Each row and each stored entry also takes `work` rounds of
 * calibrated arithmetic, so added work keeps the sparsity's shape.
 */
import { closeNumber, fnv1a } from './checksum.js';
import { multiplyRows, multiplyRowsInto, type Csr } from './spmm/csr.js';
import { denseOperand, generateCsr, type RowLength } from './spmm/generate.js';
import { megabytes, type MatrixLimits } from './spmm/mtx.js';
import { availableBytes, loadMatrix } from './spmm/read-matrix.js';
import type { InlineForm, Knob, Suite, SuiteParams, Task } from './suite.js';
import { spin } from './work.js';

export interface SpmmContext extends Csr {
  /** Columns of the dense operand (1: matrix × vector). */
  k: number;
  /** Dense operand, cols × k, row-major. */
  x: Float64Array;
}

export interface SpmmInput {
  context: SpmmContext;
  source: string;
}

/** [first row, end row, work]. */
export type SpmmPayload = [r0: number, r1: number, work: number];

export interface SpmmOutput {
  y: Float64Array;
  spin: number;
}

export interface SpmmResult {
  y: Float64Array;
  spin: number;
  tasks: number;
}

/** Largest rows (= columns) of a generated matrix. */
export const SPMM_MAX_SIZE = 1_000_000;
/** Most stored entries a generated matrix may have. */
export const SPMM_MAX_NNZ = 20_000_000;
/** Most columns of the dense operand. */
export const SPMM_MAX_K = 256;
/** What a Matrix Market file may declare: the limits of a generated matrix (python/parbench_py/suites/spmm.py states the same). */
export const SPMM_FILE_LIMITS: MatrixLimits = { maxSize: SPMM_MAX_SIZE, maxEntries: SPMM_MAX_NNZ };

/**
 * Bytes a run of spmm holds for a rows × cols matrix of `stored` entries and a dense operand of `k`
 * columns, about: the CSR arrays (12 bytes an entry, 4 a row), the operand (8 · cols · k) and three
 * outputs (the expected result, a repetition's and the inline reference's: 8 · rows · k each).
 */
export function spmmBytes(rows: number, cols: number, stored: number, k: number): number {
  return 12 * stored + 4 * (rows + 1) + 8 * cols * k + 24 * rows * k;
}
/** The largest chunk still leaves this many row blocks; beyond it calibration adds rounds of work. */
export const SPMM_MIN_TASKS = 16;
/**
 * Tolerance of the element-wise check: relative for |expected| ≥ 1, absolute below (row blocks sum in
 * the same order, so it is exact in practice).
 */
export const SPMM_TOLERANCE = 1e-12;

/**
 * The matrix of the parameters: the Matrix Market file `matrix` when given, else a generated one
 * (size × size, density, rowlen, seed); `source` says which. Throws a plain Error (from loadMatrix)
 * naming the file when it cannot be read or parsed; the config check reports it as BAD_PARAM.
 */
export function spmmMatrix(params: SuiteParams, seed: number): { matrix: Csr; source: string } {
  if (typeof params.matrix === 'string' && params.matrix !== '') return { matrix: loadMatrix(params.matrix, SPMM_FILE_LIMITS), source: params.matrix };
  const size = Number(params.size);
  const matrix = generateCsr(size, Number(params.density), params.rowlen as RowLength, seed);
  return { matrix, source: `generated ${params.rowlen}` };
}

/** The spmm suite: independent row blocks over a CSR matrix and dense operand shared once per worker. */
/** Inline output of spmm: every sampled row block's outputs, back to back; block i starts at `starts[i]`. */
export interface SpmmInline {
  y: Float64Array;
  starts: Int32Array;
}

/**
 * spmm into preallocated output, for inline execution: one array for all row blocks, each block's
 * outputs written at its place (`multiplyRowsInto`, bit-identical); the kernel returns the work checksum.
 */
export const spmmInline: InlineForm<SpmmPayload, SpmmOutput, SpmmContext, SpmmInline> = {
  output(tasks, count, context) {
    const starts = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) {
      const [r0, r1] = tasks[i]!.payload;
      starts[i + 1] = starts[i]! + (r1 - r0) * context.k;
    }
    return { y: new Float64Array(starts[count]!), starts };
  },
  kernel([r0, r1, work], context, out, index) {
    multiplyRowsInto(context, context.x, context.k, r0, r1, out.y, out.starts[index]!);
    const units = r1 - r0 + context.rowPtr[r1]! - context.rowPtr[r0]!;
    return work > 0 ? spin(work * units, r0 + 1) : 0;
  },
  result(out, index, scalar) {
    return { y: out.y.slice(out.starts[index]!, out.starts[index + 1]!), spin: scalar };
  },
};

export const spmm: Suite<SpmmInput, SpmmPayload, SpmmOutput, SpmmResult, SpmmContext> = {
  name: 'spmm',
  description: 'sparse matrix (CSR) x dense vector, or x dense matrix with --k, one row block per task',
  stresses: 'memory-bound, irregular rows over a large input shared once per worker (not copied per task)',
  knob: 'chunk = rows per task; work = rounds per row and per stored entry',
  sharing: 'context: matrix and dense operand copied once to each worker when the pool opens; tasks carry row bounds only',
  params: [
    { name: 'size', type: 'integer', description: 'rows and columns of the generated matrix', default: 2000, min: 1, max: SPMM_MAX_SIZE },
    { name: 'density', type: 'number', description: 'share of stored entries, in (0, 1]', default: 0.01, min: 0, max: 1 },
    { name: 'rowlen', type: 'choice', description: 'distribution of row lengths', default: 'uniform', choices: ['uniform', 'power-law'] },
    { name: 'k', type: 'integer', description: 'columns of the dense operand (1: matrix x vector)', default: 1, min: 1, max: SPMM_MAX_K },
    { name: 'matrix', type: 'string', description: 'Matrix Market (.mtx) file to use instead of a generated matrix', default: null },
  ],
  checkParams(params: SuiteParams) {
    const density = Number(params.density);
    const k = Number(params.k);
    if (!(density > 0 && density <= 1)) return { param: 'density', detail: `${density} is outside (0, 1] (allowed: 0 < density <= 1)` };
    let shape: { rows: number; cols: number; stored: number; what: string };
    if (typeof params.matrix === 'string' && params.matrix !== '') {
      try {
        const { rows, cols, colIdx } = loadMatrix(params.matrix, SPMM_FILE_LIMITS);
        shape = { rows, cols, stored: colIdx.length, what: `${params.matrix} (${rows} x ${cols}, ${colIdx.length} stored entries) with k ${k}` };
      } catch (error) {
        return { param: 'matrix', detail: (error as Error).message };
      }
    } else {
      const size = Number(params.size);
      const nnz = Math.round(density * size * size);
      if (nnz > SPMM_MAX_NNZ) return { param: 'density', detail: `size ${size} at density ${density} makes ${nnz} entries (allowed: at most ${SPMM_MAX_NNZ})` };
      if (nnz < 1) return { param: 'density', detail: `size ${size} at density ${density} makes no entries (allowed: at least 1, density >= ${1 / (size * size)})` };
      shape = { rows: size, cols: size, stored: nnz, what: `size ${size} at density ${density} with k ${k}` };
    }
    const bytes = spmmBytes(shape.rows, shape.cols, shape.stored, k);
    const available = availableBytes();
    if (bytes > available) return { param: 'k', detail: `${shape.what} takes about ${megabytes(bytes)} of memory, more than the ${megabytes(available)} available` };
    return null;
  },
  makeInput(params: SuiteParams, seed: number): SpmmInput {
    const { matrix, source } = spmmMatrix(params, seed);
    const k = Number(params.k);
    return { context: { ...matrix, k, x: denseOperand(matrix.cols, k, seed) }, source };
  },
  knobRange(input: SpmmInput) {
    return { chunkUnit: 'row', chunkMin: 1, chunkMax: Math.max(1, Math.floor(input.context.rows / SPMM_MIN_TASKS)), workMax: 10_000_000 };
  },
  span([r0, r1]: SpmmPayload): readonly [number, number] {
    return [r0, r1];
  },
  split(input: SpmmInput, knob: Knob): Task<SpmmPayload>[] {
    const tasks: Task<SpmmPayload>[] = [];
    for (let r0 = 0; r0 < input.context.rows; r0 += knob.chunk) {
      tasks.push({ payload: [r0, Math.min(input.context.rows, r0 + knob.chunk), knob.work], deps: [] });
    }
    return tasks;
  },
  context(input: SpmmInput): SpmmContext {
    return input.context;
  },
  kernel([r0, r1, work]: SpmmPayload, _deps: SpmmOutput[], context: SpmmContext): SpmmOutput {
    const y = multiplyRows(context, context.x, context.k, r0, r1);
    const units = r1 - r0 + context.rowPtr[r1]! - context.rowPtr[r0]!;
    return { y, spin: work > 0 ? spin(work * units, r0 + 1) : 0 };
  },
  combine(input: SpmmInput, results: SpmmOutput[]): SpmmResult {
    // The tasks' row blocks back to back: all of y for the whole set, the sampled blocks for a sample.
    const y = new Float64Array(results.reduce((n, part) => n + part.y.length, 0));
    let offset = 0;
    let acc = 0;
    for (const part of results) {
      y.set(part.y, offset);
      offset += part.y.length;
      acc ^= part.spin;
    }
    return { y, spin: acc, tasks: results.length };
  },
  verify(actual: SpmmResult, expected: SpmmResult): string | null {
    if (actual.tasks !== expected.tasks) return `${actual.tasks} tasks, expected ${expected.tasks}`;
    if (actual.y.length !== expected.y.length) return `${actual.y.length} outputs, expected ${expected.y.length}`;
    for (let i = 0; i < expected.y.length; i++) {
      const a = actual.y[i]!;
      const e = expected.y[i]!;
      if (!closeNumber(a, e, SPMM_TOLERANCE)) {
        return `output ${i} is ${a}, expected ${e} (tolerance ${SPMM_TOLERANCE} relative)`;
      }
    }
    if (actual.spin !== expected.spin) return `work checksum ${actual.spin}, expected ${expected.spin}`;
    return null;
  },
  checksum(result: SpmmResult): string {
    return `y=${fnv1a(result.y)} work=${(result.spin >>> 0).toString(16)}`;
  },
  inline: spmmInline,
};
