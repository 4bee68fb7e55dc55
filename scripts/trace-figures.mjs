#!/usr/bin/env node
// Tables of the figures of run --trace, from the run directories scripts/trace-figures.sh makes.
//
//   node scripts/trace-figures.mjs decomposition <run dir>   where per-task overhead goes, per point
//   node scripts/trace-figures.mjs overhead <run dir>        tracing overhead per task, per point
//   node scripts/trace-figures.mjs size <run dir>            trace.json: size, events, time to load it
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatSeconds } from '../dist/src/report/format.js';
import { traceFileSchema } from '../dist/src/trace/trace-event-schema.js';

const record = (dir) => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
const name = (p) => `${p.suite} ${p.backend}×${p.workers} ${p.grain.target.toExponential()}`;
const row = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function header(r) {
  const probe = r.probe ? `machine probe: ${r.probe.verdict}${r.probe.reasons.length ? ` (${r.probe.reasons.join('; ')})` : ''}` : 'no machine probe';
  return `run ${r.id} on ${r.machine.cpuModel}, ${r.cores} cores; ${probe}`;
}

function decomposition(dir) {
  const r = record(dir);
  const rows = r.points.map((p) => {
    const d = p.trace?.decomposition;
    const o = p.metrics?.overheadPerTask;
    return [name(p), formatSeconds(o), ...[d?.dispatchSeconds, d?.queuedSeconds, d?.executeSeconds, d?.returnSeconds, d?.idlePerTaskSeconds].map(formatSeconds), formatSeconds(p.trace?.clock.alignmentErrorSeconds), p.trace?.error?.message ?? ''];
  });
  console.log(`## Decomposition of per-task overhead (${header(r)})\n`);
  console.log(table(['point', 'overhead o (untraced)', 'dispatch', 'of which queued', 'execute', 'return', 'idle', 'clock error', 'note'], rows));
  console.log('\nPer task, seconds: dispatch = submitted → started, queued = the part of it the task waited for its worker to finish the previous one, execute = started → finished, return = finished → received, idle = worker time outside kernels.\n');
}

function overhead(dir) {
  const r = record(dir);
  const rows = r.points.map((p) => [name(p), formatSeconds(p.parallel?.summary.median), formatSeconds(p.trace?.parallel?.summary.median), formatSeconds(p.trace?.overheadPerTaskSeconds), String(p.tasks), p.trace?.error?.message ?? '']);
  console.log(`## Tracing overhead per task (${header(r)})\n`);
  console.log(table(['point', 'T_par untraced (median)', 'T_par traced (median)', 'tracing overhead per task', 'tasks', 'note'], rows));
  console.log('');
}

/** Seconds Chromium takes to parse the file's text (fetched from the page's own directory), or why not measured. */
async function chromiumParse(path) {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return 'playwright-core missing';
  }
  const { chromiumPath } = await import('../dist/src/api/open-browser.js');
  const executablePath = chromiumPath();
  if (!executablePath) return 'no Chromium found';
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await browser.newPage();
    const text = readFileSync(path, 'utf8');
    const seconds = await page.evaluate((t) => {
      const start = performance.now();
      const parsed = JSON.parse(t);
      return [(performance.now() - start) / 1000, parsed.traceEvents.length];
    }, text);
    return `${formatSeconds(seconds[0])} (JSON.parse of ${seconds[1]} events in the page)`;
  } finally {
    await browser.close();
  }
}

async function size(dir) {
  const r = record(dir);
  const path = join(dir, r.traced?.file ?? 'trace.json');
  const bytes = statSync(path).size;
  const start = performance.now();
  const file = JSON.parse(readFileSync(path, 'utf8'));
  const parsed = performance.now();
  const valid = traceFileSchema.safeParse(file).success;
  const checked = performance.now();
  const count = (ph) => file.traceEvents.filter((e) => e.ph === ph).length;
  console.log(`## trace.json of ${r.config.suites.join(',')} (${header(r)})\n`);
  console.log(table(['what', 'value'], [
    ['points traced', String(r.points.filter((p) => p.trace).length)],
    ['size', `${bytes} bytes (${(bytes / 2 ** 20).toFixed(2)} MiB)`],
    ['events', `${file.traceEvents.length}: ${count('X')} tasks, ${count('s')} dependency arrows, ${count('M')} metadata`],
    ['read and JSON.parse in Node', formatSeconds((parsed - start) / 1000)],
    ['checked against the trace-event schema', `${valid ? 'valid' : 'INVALID'} in ${formatSeconds((checked - parsed) / 1000)}`],
    ['JSON.parse in Chromium', await chromiumParse(path)],
  ]));
  console.log('\nPerfetto itself (ui.perfetto.dev → Open trace file) is not reachable from this script: time its load by hand.\n');
}

const [command, dir] = process.argv.slice(2);
const commands = { decomposition, overhead, size };
if (!commands[command] || !dir) {
  console.error('usage: node scripts/trace-figures.mjs decomposition|overhead|size <run dir>');
  process.exit(2);
}
await commands[command](dir);
