#!/usr/bin/env node
// Writes test/fixtures/shared-vectors.json from the TypeScript implementations (run `npm run build`
// first; an optional argument names another build directory). Both test suites (vitest and pytest)
// check their language's implementation against it. Suites missing from the build are left out.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dist = pathToFileURL(`${process.argv[2] ?? new URL('../dist', import.meta.url).pathname}/`);
process.chdir(new URL('..', import.meta.url).pathname); // --matrix paths in the cases are relative to the repository root
const load = (path) => import(new URL(path, dist).href);
const { mulberry32 } = await load('suites/random.js');
const { spin } = await load('suites/work.js');
const { fnv1a } = await load('suites/checksum.js');
const { squareInput } = await load('suites/square.js');
const { executeInline } = await load('src/runner/execute.js');
const hullModules = existsSync(new URL('suites/hull/points.js', dist));
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
  { suite: 'spmm', params: { size: 2000, density: 0.01, rowlen: 'uniform', k: 2, matrix: 'test/fixtures/skew-repeated.mtx' }, knob: { chunk: 3, work: 1 } },
  { suite: 'spmm', params: { size: 2000, density: 0.01, rowlen: 'uniform', k: 1, matrix: 'test/fixtures/symmetric.mtx' }, knob: { chunk: 1, work: 0 } },
  // The bytes both readers take alike: a byte order mark; Latin-1 and windows-1252 bytes in comments, CR LF line ends.
  { suite: 'spmm', params: { size: 2000, density: 0.01, rowlen: 'uniform', k: 2, matrix: 'test/fixtures/bom.mtx' }, knob: { chunk: 1, work: 1 } },
  { suite: 'spmm', params: { size: 2000, density: 0.01, rowlen: 'uniform', k: 1, matrix: 'test/fixtures/latin1-comment.mtx' }, knob: { chunk: 2, work: 0 } },
  { suite: 'hull', params: { points: 1000, shape: 'circle' }, knob: { chunk: 1, work: 2 } },
  { suite: 'hull', params: { points: 3000, shape: 'circle' }, knob: { chunk: 37, work: 0 } },
  { suite: 'hull', params: { points: 2000, shape: 'disc' }, knob: { chunk: 5, work: 1 } },
  { suite: 'hull', params: { points: 2000, shape: 'square' }, knob: { chunk: 125, work: 3 } },
  { suite: 'hull', params: { points: 1, shape: 'disc' }, knob: { chunk: 1, work: 1 } },
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
const primesModules = existsSync(new URL('suites/primes/math.js', dist));
const vectors = {
  mulberry32: mulberry,
  spin: spins,
  fnv1aSquareInput: fnv,
  suiteChecksums: built,
  matrixMarketErrors: await matrixMarketErrors(),
  ...(hullModules ? await hullVectors() : {}),
  ...(primesModules ? await primesVectors() : {}),
};
writeFileSync(new URL('../test/fixtures/shared-vectors.json', import.meta.url), `${JSON.stringify(vectors, null, 2)}\n`);

/**
 * hull's building blocks: Math.sin/Math.cos (V8's fdlibm, which the C library's sin/cos differ from in the
 * last bit for a few percent of angles), the generated point sets, robust-predicates' orient2d signs on
 * near-collinear triples (where a float determinant gets the sign wrong) and hulls of such point sets.
 */
async function hullVectors() {
  const { generatePoints } = await load('suites/hull/points.js');
  const { monotoneChainHull, sortPoints } = await load('suites/hull/geometry.js');
  const { orient2d } = await import('robust-predicates');
  const next = mulberry32(7);
  const bits = new Float64Array(1);
  const word = new BigInt64Array(bits.buffer);
  const neighbours = (x) => [-2n, -1n, 0n, 1n, 2n].map((d) => ((bits[0] = x), (word[0] += d), bits[0]));
  const angles = [
    ...Array.from({ length: 200 }, () => next() * 2 * Math.PI),
    ...[1, 2, 3, 4, 5, 8, 13].flatMap((k) => neighbours((k * Math.PI) / 4)),
    1e-9, 0.3, 0.78125, 2.356194490192345, 100, 823549.5,
  ];
  const trig = angles.map((x) => ({ x, cos: Math.cos(x), sin: Math.sin(x) }));
  const hullPoints = ['square', 'disc', 'circle'].map((shape) => ({ n: 2000, shape, seed: 42, checksum: fnv1a(generatePoints(2000, shape, 42)) }));
  // Kettner et al.'s classic: points within a few ulps of (0.5, 0.5) against the line through (12, 12) and (24, 24).
  const grid = [];
  for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) grid.push(0.5 + i * 2 ** -53, 0.5 + j * 2 ** -53);
  const sign = (v) => (v > 0 ? 1 : v < 0 ? -1 : 0);
  const orient = [];
  for (let k = 0; k < grid.length; k += 2) orient.push([grid[k], grid[k + 1], 12, 12, 24, 24]);
  for (let k = 0; k < grid.length; k += 6) orient.push([0.50000000000002531, 0.5000000000000171, grid[k], grid[k + 1], 24.00000000000005, 24.0000000000000053]);
  const line = Array.from({ length: 41 }, (_, i) => [i / 40, (i / 40) * 0.3]).flat();
  const pointSets = { kettner: [...grid, 12, 12, 24, 24], line: [...line, 0.5, -1e-17, 0.5, 1e-17, 0.7, 0.21] };
  return {
    trig,
    hullPoints,
    orient2d: orient.map((args) => ({ args, sign: sign(orient2d(...args)) })),
    hullOfPoints: Object.entries(pointSets).map(([name, points]) => ({ name, points, vertices: Array.from(monotoneChainHull(sortPoints(Float64Array.from(points)))) })),
  };
}

/**
 * primes' balanced split: Math.log (V8's fdlibm log, from which Go's math.Log and the C library's log
 * differ in the last bit for small integers such as 14 and 176 and for about 1% of the split's grid
 * points) and the bounds themselves, as an FNV-1a of their float64 values.
 */
async function primesVectors() {
  const { balancedBounds } = await load('suites/primes/math.js');
  const grid = Array.from({ length: 257 }, (_, i) => (1e8 * i * 16) / 4096).filter((x) => x >= 3);
  const args = [...Array.from({ length: 398 }, (_, i) => i + 3), ...grid, Math.E, 1 + 2 ** -30, 1 - 2 ** -30, 0.5, 1e-310, 1e300];
  const bounds = [[1e8, 4096], [3e7, 1000], [1234567, 100], [99991, 16], [50000, 50000], [20000, 7]];
  return {
    log: args.map((x) => ({ x, log: Math.log(x) })),
    balancedBounds: bounds.map(([limit, tasks]) => ({ limit, tasks, checksum: fnv1a(Float64Array.from(balancedBounds(limit, tasks))) })),
  };
}

/**
 * The files both Matrix Market readers refuse (test/fixtures/mtx-refused), each with the one message
 * both must give, under the limits of a generated matrix.
 */
async function matrixMarketErrors() {
  const { parseMatrixMarket } = await load('suites/spmm/mtx.js');
  const { SPMM_FILE_LIMITS } = await load('suites/spmm.js');
  const dir = 'test/fixtures/mtx-refused';
  return readdirSync(dir).sort().map((name) => {
    const file = `${dir}/${name}`;
    try {
      parseMatrixMarket(readFileSync(file), SPMM_FILE_LIMITS);
    } catch (error) {
      return { file, error: error.message };
    }
    throw new Error(`${file} is read without an error`);
  });
}
