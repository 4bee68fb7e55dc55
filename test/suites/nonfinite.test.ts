// Issue 14, case 7: verification compares non-finite values by identity in every suite — the same
// overflow on both sides is no mismatch, a different one is — and a Matrix Market file may not bring one in.
import { describe, expect, it } from 'vitest';
import { closeNumber, sameNumber } from '../../suites/checksum.js';
import { fib } from '../../suites/fib.js';
import { hull } from '../../suites/hull.js';
import { primes } from '../../suites/primes.js';
import { spmm, spmmBytes, SPMM_FILE_LIMITS } from '../../suites/spmm.js';
import { square } from '../../suites/square.js';
import { MatrixMarketError, parseMatrixMarket, readingBytes } from '../../suites/spmm/mtx.js';

const f = (...values: number[]) => Float64Array.from(values);

describe('sameNumber and closeNumber', () => {
  it('take NaN as NaN and an infinity as itself, and nothing else as either', () => {
    expect(sameNumber(NaN, NaN)).toBe(true);
    expect(sameNumber(Infinity, Infinity)).toBe(true);
    expect(sameNumber(-0, 0)).toBe(true);
    expect(sameNumber(Infinity, -Infinity)).toBe(false);
    expect(sameNumber(NaN, Infinity)).toBe(false);
    expect(closeNumber(-Infinity, -Infinity, 1e-12)).toBe(true);
    expect(closeNumber(1 + 1e-13, 1, 1e-12)).toBe(true);
    expect(closeNumber(Infinity, 1e308, 1e-12)).toBe(false);
  });
});

describe('every suite verifies non-finite values by identity', () => {
  it('fib', () => {
    expect(fib.verify({ value: NaN, spin: 1, tasks: 3 }, { value: NaN, spin: 1, tasks: 3 })).toBeNull();
    expect(fib.verify({ value: Infinity, spin: 1, tasks: 3 }, { value: NaN, spin: 1, tasks: 3 })).toBe('fib = Infinity, expected NaN');
  });

  it('primes', () => {
    const reference = { count: 2, sum: Infinity };
    expect(primes.verify({ count: 2, sum: Infinity, spin: 0, tasks: 1, reference }, { count: 2, sum: Infinity, spin: 0, tasks: 1, reference })).toBeNull();
    expect(primes.verify({ count: 2, sum: NaN, spin: 0, tasks: 1, reference }, { count: 2, sum: Infinity, spin: 0, tasks: 1, reference })).toBe('primes sum to NaN, the sieve\'s sum to Infinity');
  });

  it('square', () => {
    expect(square.verify({ squares: f(1, Infinity, NaN), spin: 0 }, { squares: f(1, Infinity, NaN), spin: 0 })).toBeNull();
    expect(square.verify({ squares: f(1, -Infinity), spin: 0 }, { squares: f(1, Infinity), spin: 0 })).toBe('element 1 is -Infinity, expected Infinity');
  });

  it('spmm', () => {
    expect(spmm.verify({ y: f(Infinity, -Infinity, NaN, 2), spin: 0, tasks: 2 }, { y: f(Infinity, -Infinity, NaN, 2), spin: 0, tasks: 2 })).toBeNull();
    expect(spmm.verify({ y: f(Infinity, 1e308), spin: 0, tasks: 2 }, { y: f(Infinity, Infinity), spin: 0, tasks: 2 })).toMatch(/^output 1 is 1e\+308, expected Infinity/);
  });

  it('hull', () => {
    const v = f(0, 0, Infinity, NaN);
    expect(hull.verify({ vertices: v, reference: v, spin: 0, tasks: 1 }, { vertices: v, reference: v, spin: 0, tasks: 1 })).toBeNull();
    expect(hull.verify({ vertices: f(0, 0, Infinity, 1), reference: v, spin: 0, tasks: 1 }, { vertices: v, reference: v, spin: 0, tasks: 1 })).toMatch(/^hull vertex 1 is \(Infinity, 1\)/);
  });
});

// Issue 14, cases 6 and 8: the reader's limits and bytes (the shared vectors hold the Python reader to the same).
describe('Matrix Market: limits and bytes', () => {
  const head = '%%MatrixMarket matrix coordinate real general\n';
  const error = (text: string | Uint8Array, limits = SPMM_FILE_LIMITS) => {
    try {
      parseMatrixMarket(text, limits);
    } catch (e) {
      expect(e).toBeInstanceOf(MatrixMarketError);
      return (e as Error).message;
    }
    throw new Error('expected a MatrixMarketError');
  };

  it('estimates the bytes of reading a file before allocating, and refuses more than are available', () => {
    expect(readingBytes(1000, 10_000)).toBe(48 * 10_000 + 8 * 1001);
    expect(error(`${head}1000 1000 10000\n1 1 1\n`, { ...SPMM_FILE_LIMITS, maxBytes: 100_000 })).toBe('line 2: reading it takes about 0.5 MB of memory, more than the 0.1 MB available');
  });

  it('estimates what a run holds: the matrix, the operand and three outputs', () => {
    expect(spmmBytes(10, 20, 30, 2)).toBe(12 * 30 + 4 * 11 + 8 * 20 * 2 + 24 * 10 * 2);
  });

  it('skips a byte order mark, takes CR LF line ends and any bytes in comments', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('%%MatrixMarket matrix coordinate real general\r\n% '), 0xe9, 0x93, 0xff, ...new TextEncoder().encode('\r\n1 1 1\r\n1 1 2.5\r\n')]);
    expect(Array.from(parseMatrixMarket(bytes, SPMM_FILE_LIMITS).values)).toEqual([2.5]);
  });

  it('takes only ASCII blanks between fields and shows other bytes escaped', () => {
    expect(error(new Uint8Array([...new TextEncoder().encode(`${head}2 2 1\n1`), 0xa0, ...new TextEncoder().encode('1 1\n')]))).toBe('line 3: expected 3 fields (row col value), got 2');
    expect(error(new Uint8Array([...new TextEncoder().encode(`${head}2 2 1\n1 1 `), 0xb2, 0x0a]))).toBe('line 3: value "\\xb2" is not a number');
  });
});
