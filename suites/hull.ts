/**
 * hull: 2-D convex hull of n seeded points by divide and conquer, as a task graph. The points, sorted
 * by x, reach each worker once as the suite's context; a leaf task takes a slice of `chunk` points and
 * returns its hull's chains, and a merge task depends on the two hulls it joins (a balanced tree, in
 * post-order so dependencies always come earlier). Each point of a slice and each chain vertex of a
 * merge also takes `work` rounds of calibrated arithmetic. Verified against a sequential monotone
 * chain over all points: same vertices, same order.
 */
import { fnv1a, sameNumber } from './checksum.js';
import { chains, hullVertices, mergeChains, monotoneChainHull, sortPoints, type Chains } from './hull/geometry.js';
import { generatePoints, type Shape } from './hull/points.js';
import type { Knob, Suite, SuiteParams, Task } from './suite.js';
import { spin } from './work.js';

export interface HullInput {
  /** Points sorted by (x, y), flat [x0, y0, x1, y1, …]. */
  points: Float64Array;
  /** Counter-clockwise hull from the sequential monotone chain, computed during setup. */
  reference: Float64Array;
}

/** [op, start, end, work]: op 0 is the hull of points [start, end), op 1 merges its two dependencies. */
export type HullPayload = [op: 0 | 1, start: number, end: number, work: number];

export interface HullOutput extends Chains {
  spin: number;
}

export interface HullResult {
  vertices: Float64Array;
  reference: Float64Array;
  spin: number;
  tasks: number;
}

/** Largest point count the hull suite accepts. */
export const HULL_MAX_POINTS = 1_000_000;
/** The largest chunk still leaves this many leaf slices; beyond it calibration adds rounds of work. */
export const HULL_MIN_LEAVES = 16;

/**
 * Leaves of `chunk` points joined by a balanced tree of merges, in post-order (a merge after both its
 * inputs): ceil(points / chunk) leaves and one fewer merges. Payload bounds are point indices.
 */
export function hullGraph(points: number, chunk: number, work: number): Task<HullPayload>[] {
  const tasks: Task<HullPayload>[] = [];
  const leaves = Math.max(1, Math.ceil(points / chunk));
  const visit = (first: number, last: number): number => {
    const start = first * chunk;
    const end = Math.min(points, (last + 1) * chunk);
    if (first === last) {
      tasks.push({ payload: [0, start, end, work], deps: [] });
    } else {
      const middle = (first + last) >> 1;
      const left = visit(first, middle);
      const right = visit(middle + 1, last);
      tasks.push({ payload: [1, start, end, work], deps: [left, right] });
    }
    return tasks.length - 1;
  };
  visit(0, leaves - 1);
  return tasks;
}

function units(c: Chains): number {
  return (c.lower.length + c.upper.length) / 2;
}

/** The hull suite: leaf slices and merges over the sorted points shared once per worker as context. */
export const hull: Suite<HullInput, HullPayload, HullOutput, HullResult, Float64Array> = {
  name: 'hull',
  description: '2-D convex hull by divide and conquer: slice hulls, then merge tasks that wait on their inputs',
  stresses: 'a task graph with a merge step: results flow back through dependencies, merges serialise the end',
  knob: 'chunk = points per leaf slice; work = rounds per point of a slice and per chain vertex of a merge',
  sharing: 'context: sorted points copied once to each worker when the pool opens; tasks carry slice bounds, merges take their inputs\' chains',
  params: [
    { name: 'points', type: 'integer', description: 'number of points', default: 10_000, min: 1, max: HULL_MAX_POINTS },
    { name: 'shape', type: 'choice', description: 'uniform in a square, uniform in a disc, or on a circle (nearly all points on the hull: all up to 10,000 points, 99.97% of 10^6)', default: 'square', choices: ['square', 'disc', 'circle'] },
  ],
  makeInput(params: SuiteParams, seed: number): HullInput {
    const points = sortPoints(generatePoints(Number(params.points), params.shape as Shape, seed));
    return { points, reference: monotoneChainHull(points) };
  },
  knobRange(input: HullInput) {
    return { chunkUnit: 'point', chunkMin: 1, chunkMax: Math.max(1, Math.floor(input.points.length / 2 / HULL_MIN_LEAVES)), workMax: 10_000_000 };
  },
  split(input: HullInput, knob: Knob): Task<HullPayload>[] {
    return hullGraph(input.points.length / 2, knob.chunk, knob.work);
  },
  context(input: HullInput): Float64Array {
    return input.points;
  },
  kernel([op, start, end, work]: HullPayload, deps: HullOutput[], points: Float64Array): HullOutput {
    if (op === 0) {
      const { lower, upper } = chains(points, start, end - start);
      return { lower, upper, spin: work > 0 ? spin(work * (end - start), start + 1) : 0 };
    }
    const [left, right] = deps as [HullOutput, HullOutput];
    const { lower, upper } = mergeChains(left, right);
    return { lower, upper, spin: work > 0 ? spin(work * (units(left) + units(right)), left.spin ^ right.spin ^ end) : left.spin ^ right.spin };
  },
  combine(input: HullInput, results: HullOutput[]): HullResult {
    const root = results[results.length - 1]!;
    return { vertices: hullVertices(root), reference: input.reference, spin: root.spin, tasks: results.length };
  },
  verify(actual: HullResult, expected: HullResult): string | null {
    if (actual.tasks !== expected.tasks) return `${actual.tasks} tasks, expected ${expected.tasks}`;
    const sameAs = (a: Float64Array, b: Float64Array, what: string): string | null => {
      if (a.length !== b.length) return `${a.length / 2} hull vertices, ${what} has ${b.length / 2}`;
      for (let i = 0; i < b.length; i += 2) {
        if (!sameNumber(a[i]!, b[i]!) || !sameNumber(a[i + 1]!, b[i + 1]!)) return `hull vertex ${i / 2} is (${a[i]}, ${a[i + 1]}), ${what} has (${b[i]}, ${b[i + 1]})`;
      }
      return null;
    };
    const problem = sameAs(actual.vertices, actual.reference, 'the sequential monotone chain') ?? sameAs(actual.vertices, expected.vertices, 'the sequential run');
    if (problem) return problem;
    if (actual.spin !== expected.spin) return `work checksum ${actual.spin}, expected ${expected.spin}`;
    return null;
  },
  checksum(result: HullResult): string {
    return `hull=${result.vertices.length / 2} vertices ${fnv1a(result.vertices)} work=${(result.spin >>> 0).toString(16)}`;
  },
};
