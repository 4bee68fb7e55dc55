// The TypeScript implementations against the vectors the Python suite checks too (python/tests).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../suites/checksum.js';
import { findSuite } from '../../suites/index.js';
import { monotoneChainHull, sortPoints } from '../../suites/hull/geometry.js';
import { generatePoints, type Shape } from '../../suites/hull/points.js';
import { mulberry32 } from '../../suites/random.js';
import { orient2d } from 'robust-predicates';
import { balancedBounds } from '../../suites/primes/math.js';
import { squareInput } from '../../suites/square.js';
import { spin } from '../../suites/work.js';
import { expectedFor } from '../../src/runner/reference.js';
import { SPMM_FILE_LIMITS } from '../../suites/spmm.js';
import { parseMatrixMarket } from '../../suites/spmm/mtx.js';

const vectors = JSON.parse(readFileSync(new URL('../fixtures/shared-vectors.json', import.meta.url), 'utf8'));

describe('shared vectors', () => {
  it('mulberry32 gives the recorded floats', () => {
    for (const c of vectors.mulberry32) {
      const next = mulberry32(c.seed);
      expect(c.values.map(() => next())).toEqual(c.values);
    }
  });

  it('spin gives the recorded 32-bit results', () => {
    for (const c of vectors.spin) expect(spin(c.rounds, c.seed)).toBe(c.result);
  });

  it('square inputs hash to the recorded bytes', () => {
    for (const c of vectors.fnv1aSquareInput) expect(fnv1a(squareInput(c.n, c.seed))).toBe(c.checksum);
  });

  it('suite results have the recorded fingerprints', () => {
    // Vectors of suites this build does not have yet (written from a newer build) are the Python side's.
    for (const c of vectors.suiteChecksums.filter((v: { suite: string }) => findSuite(v.suite))) {
      const suite = findSuite(c.suite)!;
      const input = suite.makeInput(c.params, c.seed);
      expect(expectedFor(suite, input, suite.context?.(input), c.knob)).toEqual({ checksum: c.checksum, tasks: c.tasks });
    }
  });

  it('Matrix Market files are refused with the recorded messages (the Python reader gives the same)', () => {
    expect(vectors.matrixMarketErrors.length).toBeGreaterThan(10);
    for (const c of vectors.matrixMarketErrors) expect(() => parseMatrixMarket(readFileSync(new URL(`../../${c.file}`, import.meta.url)), SPMM_FILE_LIMITS), c.file).toThrow(c.error);
  });

  // hull's building blocks: a Node whose Math.sin/Math.cos no longer round like fdlibm fails here first.
  it('Math.cos and Math.sin give the recorded floats', () => {
    for (const c of vectors.trig) expect([Math.cos(c.x), Math.sin(c.x)]).toEqual([c.cos, c.sin]);
  });

  // primes' balanced split: a Node whose Math.log no longer rounds like fdlibm fails here first.
  it('Math.log and the balanced split give the recorded values', () => {
    for (const c of vectors.log) expect(Math.log(c.x)).toBe(c.log);
    for (const c of vectors.balancedBounds) expect(fnv1a(Float64Array.from(balancedBounds(c.limit, c.tasks)))).toBe(c.checksum);
  });

  it('hull point sets, orientation signs and hulls are the recorded ones', () => {
    for (const c of vectors.hullPoints) expect(fnv1a(generatePoints(c.n, c.shape as Shape, c.seed))).toBe(c.checksum);
    for (const c of vectors.orient2d) expect(Math.sign(orient2d(...(c.args as [number, number, number, number, number, number]))) || 0).toBe(c.sign);
    for (const c of vectors.hullOfPoints) expect(Array.from(monotoneChainHull(sortPoints(Float64Array.from(c.points))))).toEqual(c.vertices);
  });
});
