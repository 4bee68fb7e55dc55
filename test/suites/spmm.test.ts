import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spmm, type SpmmContext, type SpmmInput } from '../../suites/spmm.js';
import { fromCoordinates, multiplyRows } from '../../suites/spmm/csr.js';
import { generateCsr, rowLengths } from '../../suites/spmm/generate.js';
import { MatrixMarketError, parseMatrixMarket } from '../../suites/spmm/mtx.js';
import { executeInline } from '../../src/runner/execute.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const params = { size: 50, density: 0.1, rowlen: 'uniform', k: 1, matrix: null };

function product(input: SpmmInput, chunk: number, work = 0) {
  const tasks = spmm.split(input, { chunk, work });
  return spmm.combine(input, executeInline(spmm, tasks, input.context) as never);
}

describe('spmm: known answers', () => {
  it('multiplies the tiny fixture by a vector and by a two-column matrix, by hand', () => {
    const a = parseMatrixMarket(`%%MatrixMarket matrix coordinate real general\n3 3 5\n1 1 1\n1 3 2\n2 2 3\n3 1 4\n3 3 5\n`);
    expect(Array.from(multiplyRows(a, Float64Array.of(1, 2, 3), 1, 0, 3))).toEqual([7, 6, 19]);
    // X = [1 10; 2 20; 3 30] row-major
    const context: SpmmContext = { ...a, k: 2, x: Float64Array.of(1, 10, 2, 20, 3, 30) };
    const input: SpmmInput = { context, source: 'hand' };
    for (const chunk of [1, 2, 3]) {
      const result = product(input, chunk);
      expect(Array.from(result.y)).toEqual([7, 70, 6, 60, 19, 190]);
    }
  });

  it('reads the Matrix Market fixtures (general and symmetric)', () => {
    const input = spmm.makeInput({ ...params, matrix: fixture('tiny.mtx') }, 1);
    expect(input.context.rows).toBe(3);
    expect(Array.from(input.context.rowPtr)).toEqual([0, 2, 3, 5]);
    expect(Array.from(input.context.colIdx)).toEqual([0, 2, 1, 0, 2]);
    expect(Array.from(input.context.values)).toEqual([1, 2, 3, 4, 5]);
    const sym = spmm.makeInput({ ...params, matrix: fixture('symmetric.mtx') }, 1).context;
    expect(Array.from(multiplyRows(sym, Float64Array.of(1, 1, 1), 1, 0, 3))).toEqual([3, 4, 7]);
  });

  it('sums duplicate coordinates and sorts columns within a row', () => {
    const a = fromCoordinates(2, 3, Int32Array.of(1, 0, 0, 1), Int32Array.of(0, 2, 2, 1), Float64Array.of(1, 2, 3, 4));
    expect(Array.from(a.rowPtr)).toEqual([0, 1, 3]);
    expect(Array.from(a.colIdx)).toEqual([2, 0, 1]);
    expect(Array.from(a.values)).toEqual([5, 1, 4]);
  });

  it('gives the same product for every row-block size and checks within its tolerance', () => {
    for (const rowlen of ['uniform', 'power-law']) {
      const input = spmm.makeInput({ ...params, rowlen, k: 3 }, 7);
      const whole = product(input, 50);
      // Row blocks sum each row in the same order as the whole product: bit-identical.
      for (const chunk of [1, 3, 16]) expect(Array.from(product(input, chunk, 2).y)).toEqual(Array.from(whole.y));
      expect(spmm.verify(product(input, 3, 2), product(input, 3, 2))).toBeNull();
      const off = { ...whole, y: whole.y.slice() };
      off.y[5]! += 1e-3;
      expect(spmm.verify(off, whole)).toMatch(/output 5 is .* \(tolerance 1e-12 relative\)/);
    }
  });
});

describe('spmm: generator', () => {
  it('is deterministic for a seed and honours size and density', () => {
    const a = generateCsr(100, 0.05, 'uniform', 3);
    const b = generateCsr(100, 0.05, 'uniform', 3);
    expect(a).toEqual(b);
    expect(a.rowPtr[100]).toBe(500);
    for (let r = 0; r < 100; r++) expect(a.rowPtr[r + 1]! - a.rowPtr[r]!).toBe(5);
    for (let r = 0; r < 100; r++) {
      for (let p = a.rowPtr[r]! + 1; p < a.rowPtr[r + 1]!; p++) expect(a.colIdx[p]!).toBeGreaterThan(a.colIdx[p - 1]!);
    }
  });

  it('skews row lengths under power-law, capped at the row width', () => {
    const a = generateCsr(200, 0.05, 'power-law', 3);
    const lengths = Array.from({ length: 200 }, (_, r) => a.rowPtr[r + 1]! - a.rowPtr[r]!);
    expect(a.rowPtr[200]).toBe(2000);
    expect(Math.max(...lengths)).toBe(200);
    expect(Math.min(...lengths)).toBeLessThan(5);
    expect(Array.from(rowLengths(Float64Array.of(10, 1, 1), 4, 6))).toEqual([4, 1, 1]);
  });
});

describe('spmm: bad input', () => {
  const bad = (text: string) => {
    try {
      parseMatrixMarket(text);
    } catch (error) {
      return error as MatrixMarketError;
    }
    throw new Error('parsed');
  };
  const head = '%%MatrixMarket matrix coordinate real general\n';

  it('names the line of a malformed Matrix Market file', () => {
    expect(bad(`${head}3 3 3\n1 1 1.0\n2 2\n3 3 5.0\n`).message).toBe('line 4: expected 3 fields (row col value), got 2');
    expect(bad(`${head}3 3 1\n4 1 1\n`).message).toBe('line 3: row 4 is outside 1..3');
    expect(bad(`${head}3 3 1\n1 1 x\n`).message).toBe('line 3: value "x" is not a number');
    expect(bad(`${head}% c\n3 3\n`).message).toMatch(/^line 3: size line must be "rows cols entries"/);
    expect(bad(`${head}3 3 2\n1 1 1\n`).message).toMatch(/^line \d+: file ends after 1 of the 2 entries/);
    expect(bad(`${head}3 3 1\n1 1 1\n2 2 2\n`).message).toBe('line 4: more entries than the 1 the size line declares');
    expect(bad('1 1 1\n').message).toMatch(/^line 1: not a Matrix Market file/);
    expect(bad('%%MatrixMarket matrix array real general\n').message).toMatch(/^line 1: unsupported format "array"/);
  });

  it('checkParams reports a malformed file, a missing file and a density outside (0, 1]', () => {
    expect(spmm.checkParams!({ ...params, matrix: fixture('malformed.mtx') })).toEqual({ param: 'matrix', detail: `${fixture('malformed.mtx')} line 4: expected 3 fields (row col value), got 2` });
    expect(spmm.checkParams!({ ...params, matrix: fixture('missing.mtx') })?.detail).toMatch(/cannot read .*missing\.mtx \(ENOENT\)/);
    expect(spmm.checkParams!({ ...params, density: 0 })?.detail).toMatch(/outside \(0, 1\]/);
    expect(spmm.checkParams!({ ...params, density: 1 })).toBeNull();
    expect(spmm.checkParams!({ ...params, size: 1_000_000, density: 1 })?.detail).toMatch(/at most/);
  });
});
