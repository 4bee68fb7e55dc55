import { describe, expect, it } from 'vitest';
import { square, squareInput } from '../../suites/square.js';
import { mulberry32 } from '../../suites/random.js';
import { executeInline } from '../../src/runner/execute.js';

describe('square suite', () => {
  it('builds n x 1024 seeded values in [-1, 1), the same for the same seed', () => {
    const a = squareInput(2, 7);
    expect(a).toHaveLength(2048);
    expect(squareInput(2, 7)).toEqual(a);
    expect(squareInput(2, 8)).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThan(1);
  });

  it('mulberry32 gives the reference sequence', () => {
    const random = mulberry32(42);
    const first = [random(), random(), random()].map((x) => Math.round(x * 4294967296));
    expect(first).toEqual([2581720956, 1925393290, 3661312704]);
  });

  it('splits into tiles of `chunk` elements and squares every element exactly', () => {
    const input = square.makeInput({ n: 1, tile: 100 }, 3);
    const tasks = square.split(input, { chunk: 100, work: 2 });
    expect(tasks).toHaveLength(11); // 1024 = 10 × 100 + 24
    expect(tasks[10]!.payload.values).toHaveLength(24);
    const result = square.combine(input, executeInline(square, tasks, undefined) as never);
    for (let i = 0; i < input.values.length; i++) expect(result.squares[i]).toBe(input.values[i]! * input.values[i]!);
  });

  it('gives the same result whatever the tile size, and verify names the first mismatch', () => {
    const input = square.makeInput({ n: 1, tile: 1024 }, 3);
    const run = (chunk: number) => square.combine(input, executeInline(square, square.split(input, { chunk, work: 1 }), undefined) as never);
    const a = run(1);
    const b = run(1024);
    expect(square.verify(a, b)).toBeNull();
    expect(square.checksum(a)).toBe(square.checksum(b));
    const bad = { squares: a.squares.slice(), spin: a.spin };
    bad.squares[5] = 0.5;
    expect(square.verify(bad, b)).toBe(`element 5 is 0.5, expected ${b.squares[5]}`);
  });
});
