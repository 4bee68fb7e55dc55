#!/usr/bin/env node
// Helpers of scripts/gate-aa.sh and scripts/gate-sensitivity.sh: the workflow's sweep, the reference
// overhead of a series, and the summaries of a batch of `parbench gate --format json` outputs.
//
//   node scripts/gate-figures.mjs sweep                                  the sweep, one argument a line
//   node scripts/gate-figures.mjs overhead <report.json> <suite> <backend×W>   fitted o of that series (s)
//   node scripts/gate-figures.mjs aa <dir>                               A/A summary of <dir>/gate-*.json
//   node scripts/gate-figures.mjs sensitivity <dir> <seconds>            detections of <seconds> injected
//   node scripts/gate-figures.mjs redecide <dir>                         every gate of <dir> decided again
//        by the built code (dist/) on its kept runs: same runs, same seeded bootstrap, today's rule; writes
//        <dir>/redecided/gate-<i>.json and exits.txt, which `aa` and `sensitivity` then read
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sweep of one round of the gate in .github/workflows/parbench-gate.yml (a test keeps the two equal). */
export const GATE_SWEEP = ['fib,square', '--backends', 'sequential,worker,process,piscina', '--grains', '1e-6,1e-5,3e-5,1e-4,1e-3', '--repeats', '5', '--precision', 'off'];

/** The gates of a batch: every <dir>/gate-<i>.json with its exit code and seconds from <dir>/exits.txt. */
function gates(dir) {
  const lines = readFileSync(join(dir, 'exits.txt'), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [i, code, seconds] = line.split(' ').map(Number);
    const file = join(dir, `gate-${i}.json`);
    let json = null;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      json = null; // the gate failed before printing (its .log says why)
    }
    return { i, code, seconds, json };
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function durations(all) {
  const s = all.map((g) => g.seconds);
  return `time per gate: median ${median(s)} s, min ${Math.min(...s)} s, max ${Math.max(...s)} s`;
}

function exitCounts(all) {
  const counts = new Map();
  for (const g of all) counts.set(g.code, (counts.get(g.code) ?? 0) + 1);
  const name = { 0: 'pass', 1: 'regressed', 2: 'usage error', 3: 'inconclusive', 130: 'interrupted' };
  return [...counts].sort((a, b) => a[0] - b[0]).map(([code, n]) => `exit ${code} (${name[code] ?? 'failed'}): ${n}`).join(', ');
}

const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'none');

/** How tight the gates' intervals were: medians over the gates of the checks' and the suite level's 95% interval widths, and of the noise floors. */
function widths(all) {
  const out = [];
  for (const metric of ['overhead', 'metg']) {
    const checks = all.flatMap((g) => (g.json?.checks ?? []).filter((c) => c.metric === metric && Number.isFinite(c.changeCI?.[0])).map((c) => c.changeCI[1] - c.changeCI[0]));
    const suite = all.flatMap((g) => (g.json?.overall ?? []).filter((s) => s.metric === metric).map((s) => s.ci95[1] - s.ci95[0]));
    const noise = all.flatMap((g) => (Number.isFinite(g.json?.noise?.[metric]) ? [g.json.noise[metric]] : []));
    const suiteNoise = all.flatMap((g) => (g.json?.overall ?? []).filter((s) => s.metric === metric && Number.isFinite(s.noise)).map((s) => s.noise));
    out.push(
      `${metric}: 95% interval width, median over checks ${pct(median(checks))}, suite level ${pct(median(suite))}${suite.length ? ` (${suite.map(pct).join(', ')})` : ''}; noise floor, suite level ${pct(median(suiteNoise))}, largest check ${pct(median(noise))}`,
    );
  }
  const paired = all.filter((g) => g.json?.lockstep).length;
  out.push(`${paired} of ${all.length} gates in lockstep${paired ? ` (hand-overs: median ${median(all.flatMap((g) => (g.json?.lockstep ? [g.json.lockstep.handovers] : [])))})` : ''}`);
  return out;
}

const seriesName = (c) => `${c.suite}${c.params ? ` ${c.params}` : ''} ${c.backend}×${c.workers}`;

function aa(dir) {
  const all = gates(dir);
  const verdicts = { pass: 0, improved: 0, regressed: 0, inconclusive: 0 };
  const regressed = [];
  for (const g of all) {
    for (const c of g.json?.checks ?? []) {
      verdicts[c.verdict] += 1;
      if (c.verdict === 'regressed') regressed.push(`gate ${g.i}: ${seriesName(c)} ${c.metric} ${(100 * c.change).toFixed(1)}%`);
    }
  }
  console.log(`A/A: ${all.length} gates of unchanged code (${dir})`);
  console.log(`  gates: ${exitCounts(all)}`);
  console.log(`  checks: ${Object.entries(verdicts).map(([v, n]) => `${n} ${v}`).join(', ')}`);
  for (const r of regressed) console.log(`  regressed: ${r}`);
  for (const line of widths(all)) console.log(`  ${line}`);
  console.log(`  ${durations(all)}`);
}

function sensitivity(dir, seconds) {
  const all = gates(dir);
  const bySeries = new Map();
  for (const g of all) {
    for (const c of g.json?.checks ?? []) {
      if (c.metric !== 'overhead') continue;
      const entry = bySeries.get(seriesName(c)) ?? { gates: 0, detected: 0, relative: [] };
      entry.gates += 1;
      if (c.verdict === 'regressed') entry.detected += 1;
      if (c.baseline > 0) entry.relative.push(seconds / c.baseline);
      bySeries.set(seriesName(c), entry);
    }
  }
  console.log(`Sensitivity: ${all.length} gates with ${(seconds * 1e6).toPrecision(3)} µs of busy work injected per task on the working tree (${dir})`);
  console.log(`  gates: ${exitCounts(all)}`);
  for (const [name, e] of bySeries) {
    const rel = median(e.relative);
    console.log(`  ${name}: overhead regressed in ${e.detected} of ${e.gates} (injected +${Number.isFinite(rel) ? (100 * rel).toFixed(0) : '?'}% of its reference o)`);
  }
  const suite = all.flatMap((g) => (g.json?.overall ?? []).filter((s) => s.metric === 'overhead').map((s) => s.verdict));
  console.log(`  suite level overhead: regressed in ${suite.filter((v) => v === 'regressed').length} of ${suite.length}`);
  for (const line of widths(all)) console.log(`  ${line}`);
  console.log(`  ${durations(all)}`);
}

function overhead(reportFile, suite, label) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const series = report.series.find((s) => s.suite === suite && `${s.backend}×${s.workers}` === label);
  if (!series?.fit) throw new Error(`no fitted overhead for ${suite} ${label} in ${reportFile}`);
  console.log(series.fit.o);
}

/**
 * Decide every gate of a batch again with the built code, on the runs it kept (runs-<i>/reference and
 * current, or A and B), with gate --against's own decideRounds (paired when the gate ran in lockstep).
 * The measurements are the batch's; only the decision is today's.
 */
async function redecide(dir) {
  const { decideRounds } = await import('../dist/src/api/gate-against.js');
  const { readRun } = await import('../dist/src/record/index.js');
  const { noiseSummary } = await import('../dist/src/api/gate.js');
  const out = join(dir, 'redecided');
  mkdirSync(out, { recursive: true });
  const exits = [];
  for (const g of gates(dir)) {
    if (!g.json) continue;
    const base = join(dir, `runs-${g.i}`);
    const [a, b] = existsSync(join(base, 'reference')) ? ['reference', 'current'] : ['A', 'B'];
    const load = (side) => readdirSync(join(base, side)).sort().map((id) => readRun(join(base, side, id, 'run.json')));
    const reference = load(a);
    const { result, noise } = decideRounds(reference, load(b), { thresholds: g.json.thresholds, paired: g.json.lockstep !== undefined });
    const json = { ...g.json, ...result, ...(noise ? { noise: noiseSummary(noise, reference.length) } : {}) };
    writeFileSync(join(out, `gate-${g.i}.json`), JSON.stringify(json, null, 2));
    exits.push(`${g.i} ${result.status === 'regressed' ? 1 : result.status === 'inconclusive' ? 3 : 0} ${g.seconds}`);
  }
  writeFileSync(join(out, 'exits.txt'), `${exits.join('\n')}\n`);
  console.log(`decided again: ${exits.length} gates of ${dir} into ${out}`);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'sweep') console.log(GATE_SWEEP.join('\n'));
else if (command === 'aa' && existsSync(args[0] ?? '')) aa(args[0]);
else if (command === 'sensitivity' && args.length === 2) sensitivity(args[0], Number(args[1]));
else if (command === 'overhead' && args.length === 3) overhead(args[0], args[1], args[2]);
else if (command === 'redecide' && existsSync(args[0] ?? '')) await redecide(args[0]);
else {
  process.stderr.write('usage: gate-figures.mjs sweep | overhead <report.json> <suite> <backend×W> | aa <dir> | sensitivity <dir> <seconds> | redecide <dir>\n');
  process.exit(2);
}
