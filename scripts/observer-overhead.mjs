#!/usr/bin/env node
// What watching a point costs: T_par per task of one point measured plainly, with `--live`, and under
// `parbench profile`, in alternating order (plain, live, profiled; live, profiled, plain; …) so that a
// drift of the machine's load hits all three alike. Prints the median of each condition over the rounds
// and its ratio to plain. Each measurement is one `parbench run` (or `profile`) of the point, calibrated
// anew, so the task count may differ between runs: the figure is T_par / tasks.
//
//   node scripts/observer-overhead.mjs [--rounds 3] [--repeats 30] -- <suite> <backend> <grain> [--workers 2] [suite flags…]
//
// e.g. node scripts/observer-overhead.mjs -- square piscina 1e-6
// `--live` draws on a terminal only; run this script in one (tmux is enough) to measure the drawing
// too — on a pipe only the counters and the published frame are on.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const own = split < 0 ? [] : argv.slice(0, split);
const [suite, backend, grain, ...rest] = split < 0 ? argv : argv.slice(split + 1);
const flag = (name, fallback) => (own.includes(name) ? own[own.indexOf(name) + 1] : fallback);
const rounds = Number(flag('--rounds', '3'));
const repeats = flag('--repeats', '30');
if (!suite || !backend || !grain) {
  console.error('usage: node scripts/observer-overhead.mjs [--rounds 3] [--repeats 30] -- <suite> <backend> <grain> [run flags]');
  process.exit(2);
}
const main = new URL('../dist/src/cli/main.js', import.meta.url).pathname;
const point = ['--backends', backend, '--grains', grain, '--repeats', repeats, '--precision', 'off', '--quiet', ...rest];

function tpar(dir) {
  const [id] = readdirSync(dir);
  const record = JSON.parse(readFileSync(join(dir, id, 'run.json'), 'utf8'));
  const p = record.points[0];
  return p.parallel.summary.median / p.tasks;
}

const conditions = {
  plain: (out) => ['run', suite, ...point, '--out', out],
  live: (out) => ['run', suite, ...point, '--live', '--out', out],
  profiled: (out) => ['profile', suite, '--backend', backend, '--grain', grain, '--repeats', repeats, '-o', out, ...rest],
};
const names = Object.keys(conditions);
const results = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(r + k) % names.length];
    const out = mkdtempSync(join(tmpdir(), `parbench-observer-${name}-`));
    // --live draws on stderr when it is a terminal: hand ours over, so the drawing is measured too.
    const draw = name === 'live' && process.stderr.isTTY;
    const run = spawnSync(process.execPath, [main, ...conditions[name](out)], { stdio: ['ignore', 'ignore', draw ? 'inherit' : 'pipe'], encoding: 'utf8' });
    if (run.status !== 0) {
      process.stderr.write(run.stderr ?? '');
      process.exit(run.status ?? 1);
    }
    results[name].push(tpar(name === 'profiled' ? join(out, 'run') : out));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(results.plain);
for (const name of names) {
  const m = median(results[name]);
  console.log(`${name.padEnd(9)} T_par per task, median of ${rounds} runs: ${(m * 1e6).toFixed(2)} µs  (${(m / base).toFixed(3)}× plain)  runs: ${results[name].map((x) => (x * 1e6).toFixed(2)).join(', ')} µs`);
}
