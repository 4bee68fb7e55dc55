import { describe, expect, it } from 'vitest';
import { hull, hullGraph, type HullInput } from '../../suites/hull.js';
import { monotoneChainHull, sortPoints } from '../../suites/hull/geometry.js';
import { executeInline, prepare } from '../../src/runner/execute.js';

function inputOf(points: number[]): HullInput {
  const sorted = sortPoints(Float64Array.from(points));
  return { points: sorted, reference: monotoneChainHull(sorted) };
}

function divideAndConquer(input: HullInput, chunk: number, work = 0) {
  const tasks = hull.split(input, { chunk, work });
  return hull.combine(input, executeInline(hull, tasks, input.points) as never);
}

// Issue 14, smaller item: what the docs say of the circle holds (seed 42).
describe('hull: points on a circle', () => {
  it.each([
    [10_000, 10_000],
    [100_000, 99_994],
  ])('of %i points, %i are hull vertices', (n, vertices) => {
    const input = hull.makeInput({ points: n, shape: 'circle' }, 42);
    expect(monotoneChainHull(input.points).length / 2).toBe(vertices);
  });
});

describe('hull: known point sets', () => {
  const cases: [string, number[], number[]][] = [
    ['square with interior and edge points', [1, 1, 0, 0, 2, 2, 0, 2, 2, 0, 1, 0, 0, 1, 1.5, 0.5], [0, 0, 2, 0, 2, 2, 0, 2]],
    ['triangle', [0, 0, 4, 0, 2, 3, 2, 1, 1, 0.5], [0, 0, 4, 0, 2, 3]],
    ['collinear points', [0, 0, 1, 1, 2, 2, 3, 3], [0, 0, 3, 3]],
    ['a single point', [5, 5], [5, 5]],
    ['a repeated point', [1, 2, 1, 2, 1, 2], [1, 2]],
    ['two points', [3, 0, 0, 0], [0, 0, 3, 0]],
  ];
  for (const [name, points, expected] of cases) {
    it(`${name}: counter-clockwise from the lowest-leftmost vertex, at every slice size`, () => {
      const input = inputOf(points);
      expect(Array.from(input.reference)).toEqual(expected);
      for (const chunk of [1, 2, 3, 100]) {
        const result = divideAndConquer(input, chunk, 3);
        expect(Array.from(result.vertices)).toEqual(expected);
        expect(hull.verify(result, result)).toBeNull();
      }
    });
  }

  it('matches the sequential monotone chain on every shape, circle included', () => {
    for (const shape of ['square', 'disc', 'circle']) {
      const input = hull.makeInput({ points: 3000, shape }, 11);
      for (const chunk of [1, 5, 64]) {
        const result = divideAndConquer(input, chunk);
        expect(hull.verify(result, result)).toBeNull(); // checks the reference: same vertices, same order
        expect(Array.from(result.vertices)).toEqual(Array.from(input.reference));
      }
      if (shape === 'circle') expect(input.reference.length / 2).toBe(3000);
    }
  });

  it('reports a vertex that differs from the reference', () => {
    const input = hull.makeInput({ points: 100, shape: 'disc' }, 1);
    const result = divideAndConquer(input, 10);
    const wrong = { ...result, vertices: result.vertices.slice() };
    wrong.vertices[2] = 9;
    expect(hull.verify(wrong, result)).toMatch(/^hull vertex 1 is \(9, .*\), the sequential monotone chain has/);
  });
});

describe('hull: task graph', () => {
  it('has leaves of chunk points and merges that depend on earlier tasks', () => {
    const tasks = hullGraph(10, 3, 0);
    expect(tasks.filter((t) => t.payload[0] === 0).map((t) => [t.payload[1], t.payload[2]])).toEqual([[0, 3], [3, 6], [6, 9], [9, 10]]);
    expect(tasks).toHaveLength(7);
    expect(tasks.at(-1)!.payload).toEqual([1, 0, 10, 0]);
    expect(() => prepare(tasks)).not.toThrow();
    for (const [i, t] of tasks.entries()) for (const d of t.deps) expect(d).toBeLessThan(i);
  });
});
