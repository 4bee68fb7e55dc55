#!/usr/bin/env node
// Writes test/fixtures/calibration-vectors.json from the TypeScript calibration search (run
// `npm run build` first; an optional argument names another build directory). Each vector is a knob
// range, a grain and a deterministic cost model in, and the search's choice and probes out. vitest
// (test/runner/calibration-vectors.test.ts) and pytest (python/tests/test_calibration_vectors.py) run
// their language's search on the same cost models and expect exactly these knobs.
//
// Cost model (seconds per task at knob {chunk, work}, probe i counted from 0 over the whole calibration):
//   (base + perChunk * chunk + perChunkWork * chunk * work) * (noise[i] ?? 1)
// evaluated in this order, so every language gets the same double. Each case also states what it is
// for (`intent`); the script refuses to write a vector whose outcome does not show it.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dist = pathToFileURL(`${process.argv[2] ?? new URL('../dist', import.meta.url).pathname}/`);
const { searchKnob } = await import(new URL('src/runner/calibrate.js', dist).href);

const square = (tile) => ({ chunkMin: 1, chunkMax: tile, workMax: 10_000_000 });
const fib = { chunkMin: 1, chunkMax: 1, workMax: 50_000_000 };
const affine = (base, perChunk, perChunkWork, noise) => ({ kind: 'affine', base, perChunk, perChunkWork, ...(noise ? { noise } : {}) });

const cases = [
  // Linear in chunk: the largest chunk is too slow, the log-scale bisection finds the chunk.
  { name: 'chunk-linear-1e-6', range: square(4096), grain: 1e-6, model: affine(5e-8, 1e-9, 2e-9), intent: { tunedBy: 'chunk', confirmed: true } },
  { name: 'chunk-linear-1e-8', range: square(256), grain: 1e-8, model: affine(2e-9, 5e-10, 1e-9), intent: { tunedBy: 'chunk', confirmed: true } },
  { name: 'chunk-linear-1e-7', range: square(1024), grain: 1e-7, model: affine(1e-8, 3e-10, 1e-9), intent: { tunedBy: 'chunk', confirmed: true } },
  { name: 'chunk-linear-1e-3', range: { chunkMin: 1, chunkMax: 100_000, workMax: 1000 }, grain: 1e-3, model: affine(1e-6, 7e-8, 1e-8), intent: { tunedBy: 'chunk', confirmed: true } },
  // The largest chunk already takes the grain: one probe and its confirmation.
  { name: 'chunk-max-on-target', range: square(256), grain: 1e-6, model: affine(0, 3.9e-9, 1e-9), intent: { tunedBy: 'chunk', confirmed: true, probes: 2 } },
  // Linear in work: the largest chunk is too fast, rounds of work are added.
  { name: 'work-linear-fib-1e-5', range: fib, grain: 1e-5, model: affine(1e-7, 0, 3e-9), intent: { tunedBy: 'work', confirmed: true } },
  { name: 'work-linear-fib-1e-3', range: fib, grain: 1e-3, model: affine(1e-7, 0, 2.5e-9), intent: { tunedBy: 'work', confirmed: true } },
  { name: 'work-linear-square-1e-4', range: square(64), grain: 1e-4, model: affine(2e-7, 1e-9, 2e-9), intent: { tunedBy: 'work', confirmed: true } },
  // Whole rounds step past the grain (one round on 64 units is 6.4e-5 s): the chunk shrinks at that work.
  { name: 'work-then-chunk-shrink', range: square(64), grain: 1e-4, model: affine(2e-7, 1e-9, 1e-6), intent: { tunedBy: 'work', confirmed: true, shrunk: true } },
  // The work cap stops the search short of the grain.
  { name: 'work-capped', range: { chunkMin: 1, chunkMax: 1, workMax: 1000 }, grain: 1e-4, model: affine(1e-7, 0, 3e-9), intent: { tunedBy: 'work', confirmed: false } },
  // A floor: even the smallest chunk is slower than the grain; never pretended reachable.
  { name: 'floor-1e-8', range: square(256), grain: 1e-8, model: affine(5e-8, 1e-9, 1e-9), intent: { tunedBy: 'floor', reachable: false, probes: 2 } },
  { name: 'floor-fib-1e-8', range: fib, grain: 1e-8, model: affine(4e-8, 0, 3e-9), intent: { tunedBy: 'floor', reachable: false, probes: 2 } },
  // The smallest chunk is slower than the grain but within ±15%: reachable, then confirmed.
  { name: 'floor-within-tolerance', range: square(256), grain: 1e-7, model: affine(1.05e-7, 1e-9, 1e-9), intent: { tunedBy: 'chunk', confirmed: true } },
  // Noisy probes: a slow probe in the bisection steers it; the choice is still confirmed.
  { name: 'noisy-bisection', range: square(4096), grain: 1e-6, model: affine(5e-8, 1e-9, 2e-9, [1, 1, 1, 2, 0.8]), intent: { tunedBy: 'chunk', confirmed: true, noisy: true } },
  // A work probe measured below the base time (perRound <= 0): the work grows 16-fold.
  { name: 'noisy-work-below-base', range: fib, grain: 1e-5, model: affine(1e-7, 0, 3e-9, [1, 0.2]), intent: { tunedBy: 'work', confirmed: true, noisy: true } },
  // A step lands exactly half-way between two amounts of work (2.5 rounds, all values dyadic): it
  // rounds up, as JavaScript's Math.round does, never to even.
  { name: 'work-half-way-rounds-up', range: fib, grain: 5 * 2 ** -16, model: affine(0, 0, 2 * 2 ** -16), intent: { tunedBy: 'work', confirmed: false, work: 3 } },
  // The confirmation misses ±15% once: one more search, confirmed.
  { name: 'confirmation-re-search', range: square(4096), grain: 1e-6, model: affine(5e-8, 1e-9, 2e-9, [1, 1, 1, 1, 1, 1, 1, 1, 1.4]), intent: { tunedBy: 'chunk', confirmed: true, researches: 1 } },
  // The confirmation misses twice: two more searches, the last one's choice unconfirmed.
  { name: 'confirmation-exhausted', range: fib, grain: 1e-5, model: affine(1e-7, 0, 3e-9, [1, 1, 1, 0.5, 1, 1, 1, 1.5]), intent: { tunedBy: 'work', confirmed: false, researches: 2 } },
];

function run(c) {
  const probes = [];
  const { base, perChunk, perChunkWork, noise = [] } = c.model;
  const measure = ({ chunk, work }) => {
    const factor = noise[probes.length] ?? 1;
    probes.push([chunk, work]);
    return (base + perChunk * chunk + perChunkWork * chunk * work) * factor;
  };
  const outcome = searchKnob(c.range, c.grain, measure);
  if (outcome.probes !== probes.length) throw new Error(`${c.name}: ${outcome.probes} probes counted, ${probes.length} made`);
  const { knob, perTask, reachable, tunedBy } = outcome;
  return { knob, perTask, reachable, tunedBy, probes };
}

/** Checks that a vector shows what it is meant to; returns the reasons it does not. */
function misses(c, expected) {
  const { intent } = c;
  // Every search starts at (chunkMax, 0) and the search probes it nowhere else, except to confirm a
  // choice of (chunkMax, 0) or as the smallest chunk when chunkMin = chunkMax; after two re-searches
  // the last choice goes unconfirmed.
  const starts = expected.probes.filter(([chunk, work]) => chunk === c.range.chunkMax && work === 0).length;
  const confirmed = expected.tunedBy !== 'floor' && starts - 1 < 2;
  const out = [];
  if (expected.tunedBy !== intent.tunedBy) out.push(`tuned by ${expected.tunedBy}`);
  if (expected.reachable !== (intent.reachable ?? true)) out.push(`reachable ${expected.reachable}`);
  if (intent.confirmed !== undefined && confirmed !== intent.confirmed) out.push(`confirmed ${confirmed}`);
  if (intent.probes !== undefined && expected.probes.length !== intent.probes) out.push(`${expected.probes.length} probes`);
  if (intent.researches !== undefined && starts - 1 !== intent.researches) out.push(`${starts - 1} re-searches`);
  if (intent.shrunk && expected.knob.chunk === c.range.chunkMax) out.push('chunk not shrunk');
  if (intent.work !== undefined && expected.knob.work !== intent.work) out.push(`work ${expected.knob.work}`);
  if (intent.noisy && JSON.stringify(run({ ...c, model: { ...c.model, noise: [] } }).probes) === JSON.stringify(expected.probes)) out.push('noise changes nothing');
  return out;
}

const problems = [];
const vectors = cases.map((c) => {
  const expected = run(c);
  const wrong = misses(c, expected);
  if (wrong.length > 0) problems.push(`${c.name} does not show its intent: ${wrong.join(', ')}\n  ${JSON.stringify(expected)}`);
  return { name: c.name, range: c.range, grain: c.grain, model: c.model, expected };
});
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const file = new URL('../test/fixtures/calibration-vectors.json', import.meta.url);
const body = vectors.map((v) => `    ${JSON.stringify(v)}`).join(',\n');
writeFileSync(file, `{\n  "tolerance": 0.15,\n  "vectors": [\n${body}\n  ]\n}\n`);
console.log(`wrote ${vectors.length} calibration vectors to ${file.pathname}`);
