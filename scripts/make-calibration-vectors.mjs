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
// for (`intent`); the script refuses to write a vector whose outcome does not show it. Sweep vectors
// (`sweeps`) run several grains of one suite through searchSweep with one cost model, probe i counted
// over the whole sweep, and give every grain's calibration and the probes in order.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dist = pathToFileURL(`${process.argv[2] ?? new URL('../dist', import.meta.url).pathname}/`);
const { searchKnob } = await import(new URL('src/runner/calibrate.js', dist).href);
const { searchSweep, costlier } = await import(new URL('src/runner/calibrate-sweep.js', dist).href);

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
  { name: 'chunk-max-on-target', range: square(256), grain: 1e-6, model: affine(0, 3.9e-9, 1e-9), intent: { tunedBy: 'chunk', confirmed: true, probes: 3 } },
  // Linear in work: the largest chunk is too fast, rounds of work are added.
  { name: 'work-linear-fib-1e-5', range: fib, grain: 1e-5, model: affine(1e-7, 0, 3e-9), intent: { tunedBy: 'work', confirmed: true } },
  { name: 'work-linear-fib-1e-3', range: fib, grain: 1e-3, model: affine(1e-7, 0, 2.5e-9), intent: { tunedBy: 'work', confirmed: true } },
  { name: 'work-linear-square-1e-4', range: square(64), grain: 1e-4, model: affine(2e-7, 1e-9, 2e-9), intent: { tunedBy: 'work', confirmed: true } },
  // Whole rounds step past the grain (one round on 64 units is 6.4e-5 s): the chunk shrinks at that work.
  { name: 'work-then-chunk-shrink', range: square(64), grain: 1e-4, model: affine(2e-7, 1e-9, 1e-6), intent: { tunedBy: 'work', confirmed: true, shrunk: true } },
  // The work cap stops the search short of the grain.
  { name: 'work-capped', range: { chunkMin: 1, chunkMax: 1, workMax: 1000 }, grain: 1e-4, model: affine(1e-7, 0, 3e-9), intent: { tunedBy: 'work', confirmed: false } },
  // A floor: a majority of probes of the smallest chunk are slower than the grain; never pretended reachable.
  { name: 'floor-1e-8', range: square(256), grain: 1e-8, model: affine(5e-8, 1e-9, 1e-9), intent: { tunedBy: 'floor', reachable: false, probes: 3 } },
  { name: 'floor-fib-1e-8', range: fib, grain: 1e-8, model: affine(4e-8, 0, 3e-9), intent: { tunedBy: 'floor', reachable: false, probes: 3 } },
  // One fast probe among three at the smallest chunk: still a floor, its time the median of the three.
  { name: 'floor-majority-outvotes-fast-probe', range: square(256), grain: 1e-8, model: affine(5e-8, 1e-9, 1e-9, [1, 1, 0.1, 1]), intent: { tunedBy: 'floor', reachable: false, probes: 4, noisy: true } },
  // One slow probe at the smallest chunk no longer decides a floor: the majority is faster, the chunk is bisected.
  { name: 'floor-noisy-probe-outvoted', range: square(256), grain: 1e-7, model: affine(1e-8, 1e-9, 1e-9, [1, 10]), intent: { tunedBy: 'chunk', confirmed: true, noisy: true } },
  // The smallest chunk is slower than the grain but within ±15%: reachable, then confirmed.
  { name: 'floor-within-tolerance', range: square(256), grain: 1e-7, model: affine(1.05e-7, 1e-9, 1e-9), intent: { tunedBy: 'chunk', confirmed: true } },
  // Noisy probes: a slow probe in the bisection steers it; the choice is still confirmed.
  { name: 'noisy-bisection', range: square(4096), grain: 1e-6, model: affine(5e-8, 1e-9, 2e-9, [1, 1, 1, 2, 0.8]), intent: { tunedBy: 'chunk', confirmed: true, noisy: true } },
  // A work probe measured below the base time (perRound <= 0): the work grows 16-fold.
  { name: 'noisy-work-below-base', range: fib, grain: 1e-5, model: affine(1e-7, 0, 3e-9, [1, 0.2]), intent: { tunedBy: 'work', confirmed: true, noisy: true } },
  // A step lands exactly half-way between two amounts of work (2.5 rounds, all values dyadic): it
  // rounds up, as JavaScript's Math.round does, never to even.
  { name: 'work-half-way-rounds-up', range: fib, grain: 5 * 2 ** -16, model: affine(0, 0, 2 * 2 ** -16), intent: { tunedBy: 'work', confirmed: false, work: 3 } },
  // One confirming probe misses ±15% under load, the other two do not: confirmed without a new search.
  { name: 'confirmation-under-noise', range: square(4096), grain: 1e-6, model: affine(5e-8, 1e-9, 2e-9, [1, 1, 1, 1, 1, 1, 1, 1, 1.4]), intent: { tunedBy: 'chunk', confirmed: true, researches: 0, noisy: true } },
  // A majority of the confirming probes miss ±15%: one more search, confirmed.
  { name: 'confirmation-re-search', range: square(4096), grain: 1e-6, model: affine(5e-8, 1e-9, 2e-9, [1, 1, 1, 1, 1, 1, 1, 1, 1.4, 1.5]), intent: { tunedBy: 'chunk', confirmed: true, researches: 1 } },
  // The confirmation misses twice: two more searches, the last one's choice unconfirmed.
  { name: 'confirmation-exhausted', range: fib, grain: 1e-5, model: affine(1e-7, 0, 3e-9, [1, 1, 1, 0.5, 0.5, 1, 1, 1, 1.5, 1.5]), intent: { tunedBy: 'work', confirmed: false, researches: 2 } },
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
  // choice of (chunkMax, 0) or as the smallest chunk when chunkMin = chunkMax: a start is a probe of
  // (chunkMax, 0) that does not follow one. A confirmed choice ends the probes with at least two
  // probes of the chosen knob (a majority of three); after two re-searches the last choice goes
  // unconfirmed.
  const isStart = ([chunk, work]) => chunk === c.range.chunkMax && work === 0;
  const starts = expected.probes.filter((p, i) => isStart(p) && (i === 0 || !isStart(expected.probes[i - 1]))).length;
  let trailing = 0;
  for (let i = expected.probes.length - 1; i >= 0; i--, trailing++) {
    const [chunk, work] = expected.probes[i];
    if (chunk !== expected.knob.chunk || work !== expected.knob.work) break;
  }
  const confirmed = expected.tunedBy !== 'floor' && trailing >= 2 && starts - 1 <= 2;
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

// How many probes one grain's search makes when every probe is scaled by `factor` (a fast or slow period).
const probesUnder = (range, grain, model, factor) => {
  let n = 0;
  searchKnob(range, grain, ({ chunk, work }) => (n++, (model.base + model.perChunk * chunk + model.perChunkWork * chunk * work) * factor));
  return n;
};
const sweepModel = affine(1e-8, 1e-9, 1e-9);

const sweepCases = [
  // Two grains below the smallest task: one floor search, the second grain shares its knob and time
  // without a probe; the larger grains are searched.
  { name: 'sweep-floor-shared', range: square(256), grains: [1e-8, 2e-8, 1e-7, 1e-6], model: affine(5e-8, 1e-9, 1e-9), intent: 'floors-shared' },
  // A fast period during the first grain's search (every probe × 0.4, confirmation included) makes it
  // choose a knob costlier than the next grain's: it is clamped to the next grain's knob.
  { name: 'sweep-clamped', range: square(256), grains: [1e-7, 2e-7], model: { ...sweepModel, noise: Array(probesUnder(square(256), 1e-7, sweepModel, 0.4)).fill(0.4) }, intent: 'clamped' },
  // Grains given out of order come back in that order, searched ascending.
  { name: 'sweep-any-order', range: fib, grains: [1e-4, 1e-6, 1e-5], model: affine(1e-7, 0, 3e-9), intent: 'ordered' },
];

function runSweep(c) {
  const probes = [];
  const { base, perChunk, perChunkWork, noise = [] } = c.model;
  const measureAt = () => ({ chunk, work }) => {
    const factor = noise[probes.length] ?? 1;
    probes.push([chunk, work]);
    return (base + perChunk * chunk + perChunkWork * chunk * work) * factor;
  };
  const rows = searchSweep(c.range, c.grains, measureAt).map(({ grain, calibration, probes: n }) => ({ grain, ...calibration, probes: n }));
  return { rows, probes };
}

/** Checks that a sweep vector shows what it is meant to; returns the reasons it does not. */
function sweepMisses(c, expected) {
  const { rows } = expected;
  const out = [];
  const sorted = [...rows].sort((a, b) => a.grain - b.grain);
  for (let i = 0; i + 1 < sorted.length; i++) if (costlier(sorted[i], sorted[i + 1])) out.push(`row ${i} costlier than row ${i + 1}`);
  if (c.intent === 'floors-shared') {
    const floors = rows.filter((r) => r.tunedBy === 'floor');
    if (floors.length < 2 || floors.some((r) => r.perTask !== floors[0].perTask) || floors[1].probes !== 0) out.push('floors not shared');
  }
  if (c.intent === 'clamped') {
    const raw = run({ name: c.name, range: c.range, grain: c.grains[0], model: c.model });
    if (!costlier({ knob: raw.knob, perTask: raw.perTask }, rows[1])) out.push('raw results already monotone');
    if (rows[0].knob.chunk !== rows[1].knob.chunk || rows[0].knob.work !== rows[1].knob.work) out.push('not clamped');
  }
  if (c.intent === 'ordered' && rows.some((r, i) => r.grain !== c.grains[i])) out.push('rows out of order');
  return out;
}

const sweeps = sweepCases.map((c) => {
  const expected = runSweep(c);
  const wrong = sweepMisses(c, expected);
  if (wrong.length > 0) problems.push(`${c.name} does not show its intent: ${wrong.join(', ')}\n  ${JSON.stringify(expected)}`);
  return { name: c.name, range: c.range, grains: c.grains, model: c.model, expected };
});
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const file = new URL('../test/fixtures/calibration-vectors.json', import.meta.url);
const lines = (list) => list.map((v) => `    ${JSON.stringify(v)}`).join(',\n');
writeFileSync(file, `{\n  "tolerance": 0.15,\n  "vectors": [\n${lines(vectors)}\n  ],\n  "sweeps": [\n${lines(sweeps)}\n  ]\n}\n`);
console.log(`wrote ${vectors.length} calibration vectors and ${sweeps.length} sweeps to ${file.pathname}`);
