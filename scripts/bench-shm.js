#!/usr/bin/env node
// The shm executor's fixed cost per batch, configurations side by side: median wall time of one run
// (T_par, µs) of square tiles (256 elements, no added work) for 1, 100 and 1,000 tasks, with the
// defaults, with the driver beside the workers instead of in the team (PARBENCH_SHM_TEAM=0), and with
// neither team nor priming (every run wakes parked workers). Each pool is warmed, then the
// configurations take turns repetition by repetition (so the machine's drift hits all alike), with a
// short busy gap before each run as between the runner's rounds, and `prime` before the clock as the
// runner calls it. Run with `npm run bench:shm` (builds first); `--workers <n>` (default 2),
// `--repeats <n>` (default 200), `--json`.
import os from 'node:os';
import { shmBackend, shmSettings } from '../dist/src/backends/shm/index.js';
import { findSuite, suiteModule } from '../dist/suites/index.js';
import { prepare, runOn } from '../dist/src/runner/execute.js';
import { runnableUrl } from '../dist/src/backends/paths.js';
import { ShmExecutor } from '../dist/src/backends/shm/executor.js';

const args = process.argv.slice(2);
/** A whole number ≥ 1 after `flag`, or `fallback` without the flag; anything else: one line, exit 2. */
const value = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isSafeInteger(n) || n < 1) {
    process.stderr.write(`bench-shm: ${flag} must be a whole number from 1 (got ${args[i + 1] ?? 'nothing'})\n`);
    process.exit(2);
  }
  return n;
};
const workers = value('--workers', 2);
const repeats = value('--repeats', 200);
const GAP_MS = 0.3;
const TILE = 256;
const SIZES = [1, 100, 1000];

const defaults = shmSettings({});
const configurations = [
  { name: workers >= 2 ? 'defaults (team, prime)' : 'defaults (prime; no team at W = 1)', settings: defaults },
  { name: 'driver beside the workers', settings: { ...defaults, team: false } },
  { name: 'neither (cold start)', settings: { ...defaults, team: false, prime: false } },
];

const suite = findSuite('square');
const mod = suiteModule(suite);
const input = suite.makeInput({ n: 250, tile: TILE }, 42);
const options = { workers, suiteUrl: runnableUrl(mod.url), suiteExport: mod.exportName, context: undefined, taskTimeoutSeconds: 30, startupTimeoutSeconds: 30 };
const busy = (ms) => {
  for (const start = performance.now(); performance.now() - start < ms; );
};
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const executors = [];
for (const c of configurations) executors.push(await ShmExecutor.open('shm', options, c.settings));
const figures = [];
try {
  for (const size of SIZES) {
    const prepared = prepare(suite.split(input, { chunk: TILE, work: 0 }).slice(0, size));
    const times = executors.map(() => []);
    for (const executor of executors) await executor.load(prepared);
    for (let r = 0; r < repeats; r++) {
      for (const [k, executor] of executors.entries()) {
        busy(GAP_MS);
        await executor.prime();
        const begin = performance.now();
        await runOn(executor, prepared);
        times[k].push((performance.now() - begin) * 1e3);
      }
    }
    for (const [k, c] of configurations.entries()) {
      const sorted = times[k].sort((a, b) => a - b);
      figures.push({ tasks: size, configuration: c.name, medianUs: quantile(sorted, 0.5), p10Us: quantile(sorted, 0.1), p90Us: quantile(sorted, 0.9) });
    }
  }
} finally {
  await Promise.all(executors.map((e) => e.close()));
}

const machine = { cpu: os.cpus()[0]?.model ?? 'unknown CPU', cores: os.availableParallelism(), node: process.versions.node };
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ machine, workers, repeats, backend: shmBackend.name, figures }, null, 2)}\n`);
} else {
  const us = (x) => `${x.toFixed(1)} µs`;
  const lines = [`${machine.cpu} · ${machine.cores} cores · Node ${machine.node} · shm with ${workers} worker${workers === 1 ? '' : 's'} · ${repeats} repetitions each`];
  lines.push(`tasks  ${'configuration'.padEnd(36)} median      p10         p90`);
  for (const f of figures) lines.push(`${String(f.tasks).padEnd(6)} ${f.configuration.padEnd(36)} ${us(f.medianUs).padEnd(11)} ${us(f.p10Us).padEnd(11)} ${us(f.p90Us)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
