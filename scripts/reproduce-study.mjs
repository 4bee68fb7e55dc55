#!/usr/bin/env node
// Reproduces the seed study's fib and square-array tables on this machine with parbench's Python driver:
// the same workloads (fib: every call a task, no work; square: n x 1024 floats in tiles, no work or
// 1e-4 / 1e-3 s of calibrated work per element), on py-sequential, py-threads, py-processes,
// parsl-threads and parsl-htex. Every result is verified against TypeScript's; wall times are medians.
// Usage: node scripts/reproduce-study.mjs [--quick] [--repeats R] [--workers W] [--tile T] [--json FILE]
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { PythonDriver } from '../dist/src/backends/python/driver.js';
import { setupState, venvPython } from '../dist/src/backends/python/venv.js';
import { expectedFor } from '../dist/src/runner/reference.js';
import { summarize } from '../dist/src/stats/summary.js';
import { findSuite } from '../dist/suites/index.js';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    repeats: { type: 'string', default: '3' },
    workers: { type: 'string', default: String(availableParallelism()) },
    tile: { type: 'string', default: '256' },
    json: { type: 'string' },
  },
});
if (!setupState()) {
  process.stderr.write('reproduce-study: run `parbench setup python` first\n');
  process.exit(2);
}
const repeats = Number(opts.repeats);
const workers = Number(opts.workers);
const tile = Number(opts.tile);
const cores = availableParallelism();
const BACKENDS = ['py-sequential', 'py-threads', 'py-processes', 'parsl-threads', 'parsl-htex'];
const WORK = { none: 0, '1e-4': 1e-4, '1e-3': 1e-3 };

const fibNs = opts.quick ? [5, 8, 10, 12] : [5, 8, 10, 12, 15, 20];
const squareNs = opts.quick ? [5] : [5, 10, 25];
const squareWork = opts.quick ? ['none', '1e-4'] : ['none', '1e-4', '1e-3'];
const cases = [
  ...fibNs.map((n) => ({ suite: 'fib', params: { n }, work: 'none', knob: { chunk: 1, work: 0 }, heavy: n >= 20 })),
  ...squareWork.flatMap((w) =>
    squareNs.map((n) => ({
      suite: 'square',
      params: { n, tile },
      work: w,
      // No work: fixed tiles. With work: calibrate rounds so one element takes the study's time here.
      ...(WORK[w] === 0 ? { knob: { chunk: tile, work: 0 } } : { grain: tile * WORK[w] }),
      heavy: WORK[w] >= 1e-3,
    })),
  ),
];

const session = (name) => PythonDriver.start({ name, python: venvPython(), taskTimeoutSeconds: 600 });
const median = (xs) => summarize(xs).median;
const rows = [];
for (const c of cases) {
  const suite = findSuite(c.suite);
  const input = suite.makeInput(c.params, 42);
  const reps = c.heavy ? { warmup: 0, repeats: 1 } : { warmup: 1, repeats };
  const planner = await session('plan');
  let plan;
  try {
    plan = await planner.plan({ suite: c.suite, params: c.params, seed: 42, grain: c.grain ?? 1, minSampleSeconds: 0.05, ...reps, ...(c.knob ? { knob: c.knob } : {}) });
  } finally {
    await planner.close();
  }
  const expected = expectedFor(suite, input, undefined, plan.knob);
  if (plan.sequential.checksum !== expected.checksum) throw new Error(`${c.suite} sequential mismatch: ${plan.sequential.checksum} vs ${expected.checksum}`);
  const tSeq = median(plan.sequential.samples);
  const row = { ...c, knob: plan.knob, tasks: expected.tasks, tSeq, backends: {} };
  for (const backend of BACKENDS) {
    const w = backend === 'py-sequential' ? 1 : workers;
    const driver = await session(backend);
    try {
      const run = await driver.run({ backend, workers: w, suite: c.suite, params: c.params, seed: 42, knob: plan.knob, ...reps });
      const bad = run.checksums.find((x) => x !== expected.checksum);
      if (bad) throw new Error(`${c.suite} on ${backend}: ${bad}, expected ${expected.checksum}`);
      const tPar = median(run.samples);
      const usable = Math.min(w, cores);
      row.backends[backend] = { tPar, startup: run.startupSeconds, perTask: tPar / expected.tasks, overhead: (usable * tPar - tSeq) / expected.tasks, samples: run.samples };
    } finally {
      await driver.close();
    }
    process.stderr.write(`  ${c.suite} ${JSON.stringify(c.params)} ${c.work} ${backend}: ${fmt(row.backends[backend].tPar)}\n`);
  }
  rows.push(row);
}

function fmt(s) {
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(s >= 1e-2 ? 0 : 1)} ms`;
  return `${(s * 1e6).toFixed(s >= 1e-5 ? 0 : 1)} µs`;
}

const head = `| suite | n | work/element | tasks | T_seq (inline) | ${BACKENDS.join(' | ')} |`;
const lines = [
  `Python ${setupState().python}, Parsl ${setupState().parsl}; ${cpus()[0]?.model.trim()}, ${cores} cores; workers ${workers}; square tile ${tile}.`,
  'T_seq: the tasks run inline by the driver, no dispatch. Each backend cell: median wall time from first submit to last result (per task in brackets); start-up excluded.',
  '',
  head,
  `|${' --- |'.repeat(5 + BACKENDS.length)}`,
  ...rows.map((r) => `| ${r.suite} | ${r.params.n} | ${r.work} | ${r.tasks} | ${fmt(r.tSeq)} | ${BACKENDS.map((b) => `${fmt(r.backends[b].tPar)} (${fmt(r.backends[b].perTask)})`).join(' | ')} |`),
  '',
  'Start-up (s), median over the cases: ' + BACKENDS.map((b) => `${b} ${median(rows.map((r) => r.backends[b].startup)).toFixed(3)}`).join(', '),
];
process.stdout.write(`${lines.join('\n')}\n`);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ cores, workers, tile, rows }, null, 2)}\n`);
