#!/usr/bin/env node
// Writes test/fixtures/shared-vectors.json from the TypeScript implementations (run `npm run build`
// first). Both test suites (vitest and pytest) check their language's implementation against it.
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../dist/suites/random.js';
import { spin } from '../dist/suites/work.js';
import { fnv1a } from '../dist/suites/checksum.js';
import { squareInput } from '../dist/suites/square.js';
import { findSuite } from '../dist/suites/index.js';
import { executeInline } from '../dist/src/runner/execute.js';

const mulberry = [0, 1, 42, 123456789, 4294967295].map((seed) => {
  const next = mulberry32(seed);
  return { seed, values: Array.from({ length: 6 }, () => next()) };
});
const spins = [[0, 0], [0, 5], [1, 1], [10, 42], [1000, -7], [37, 2147483647], [5, 4294967295], [3, -2147483648]].map(
  ([rounds, seed]) => ({ rounds, seed, result: spin(rounds, seed) }),
);
const fnv = [1, 3].map((n) => ({ n, seed: 42, checksum: fnv1a(squareInput(n, 42)) }));
const cases = [
  { suite: 'fib', params: { n: 10 }, knob: { chunk: 1, work: 3 } },
  { suite: 'fib', params: { n: 15 }, knob: { chunk: 1, work: 0 } },
  { suite: 'square', params: { n: 2, tile: 64 }, knob: { chunk: 64, work: 3 } },
  { suite: 'square', params: { n: 1, tile: 256 }, knob: { chunk: 100, work: 0 } },
].map((c) => {
  const suite = findSuite(c.suite);
  const input = suite.makeInput(c.params, 42);
  const tasks = suite.split(input, c.knob);
  const result = suite.combine(input, executeInline(suite, tasks, suite.context?.(input)));
  return { ...c, seed: 42, tasks: tasks.length, checksum: suite.checksum(result) };
});
const vectors = { mulberry32: mulberry, spin: spins, fnv1aSquareInput: fnv, suiteChecksums: cases };
writeFileSync(new URL('../test/fixtures/shared-vectors.json', import.meta.url), `${JSON.stringify(vectors, null, 2)}\n`);
