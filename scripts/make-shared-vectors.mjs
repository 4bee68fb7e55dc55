#!/usr/bin/env node
// Writes test/fixtures/shared-vectors.json from the TypeScript implementations (run `npm run build`
// first; an optional argument names another build directory). Both test suites (vitest and pytest)
// check their language's implementation against it. Suites missing from the build are left out.
import { existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dist = pathToFileURL(`${process.argv[2] ?? new URL('../dist', import.meta.url).pathname}/`);
const load = (path) => import(new URL(path, dist).href);
const { mulberry32 } = await load('suites/random.js');
const { spin } = await load('suites/work.js');
const { fnv1a } = await load('suites/checksum.js');
const { squareInput } = await load('suites/square.js');
const { executeInline } = await load('src/runner/execute.js');
const findSuite = async (name) => {
  const file = new URL(`suites/${name}.js`, dist);
  return existsSync(file) ? (await import(file.href))[name] : undefined;
};

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
  { suite: 'primes', params: { limit: 5000, split: 'width' }, knob: { chunk: 300, work: 2 } },
  { suite: 'primes', params: { limit: 20000, split: 'balanced' }, knob: { chunk: 1000, work: 0 } },
  { suite: 'primes', params: { limit: 3, split: 'balanced' }, knob: { chunk: 1, work: 1 } },
  { suite: 'spmm', params: { size: 300, density: 0.02, rowlen: 'uniform', k: 1, matrix: null }, knob: { chunk: 16, work: 2 } },
  { suite: 'spmm', params: { size: 200, density: 0.05, rowlen: 'power-law', k: 3, matrix: null }, knob: { chunk: 7, work: 0 } },
  { suite: 'spmm', params: { size: 40, density: 0.9, rowlen: 'power-law', k: 2, matrix: null }, knob: { chunk: 5, work: 1 } },
];
const built = [];
for (const c of cases) {
  const suite = await findSuite(c.suite);
  if (!suite) {
    process.stderr.write(`make-shared-vectors: ${c.suite} is not in this build; left out\n`);
    continue;
  }
  const input = suite.makeInput(c.params, 42);
  const tasks = suite.split(input, c.knob);
  const result = suite.combine(input, executeInline(suite, tasks, suite.context?.(input)));
  built.push({ ...c, seed: 42, tasks: tasks.length, checksum: suite.checksum(result) });
}
const vectors = { mulberry32: mulberry, spin: spins, fnv1aSquareInput: fnv, suiteChecksums: built };
writeFileSync(new URL('../test/fixtures/shared-vectors.json', import.meta.url), `${JSON.stringify(vectors, null, 2)}\n`);
