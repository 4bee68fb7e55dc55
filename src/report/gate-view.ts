/** The gate's table: every checked metric with baseline, current, change, verdict. Formats only. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { GateCheck, GateResult } from '../gate/gate-runs.js';
import type { Bound } from '../stats/threshold.js';
import { formatPercent, formatSeconds } from './format.js';
import { markdownTable } from './analysis-view.js';

const HEAD = ['suite', 'backend', 'metric', 'baseline', 'current', 'change', 'change 95% CI', 'allowed', 'verdict'];

function signed(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  return `${fraction >= 0 ? '+' : '−'}${formatPercent(Math.abs(fraction))}`;
}

function bounded(seconds: number, bound: Bound | undefined): string {
  return bound === 'below' ? `< ${formatSeconds(seconds)}` : bound === 'above' ? `> ${formatSeconds(seconds)}` : formatSeconds(seconds);
}

function row(c: GateCheck): string[] {
  const ci = Number.isFinite(c.changeCI[0]) ? `${signed(c.changeCI[0])} … ${signed(c.changeCI[1])}` : '–';
  const metric = c.metric === 'overhead' ? 'overhead o' : 'METG';
  return [
    c.params ? `${c.suite} ${c.params}` : c.suite,
    `${c.backend}×${c.workers}`,
    metric,
    bounded(c.baseline, c.bounds?.[0]),
    bounded(c.current, c.bounds?.[1]),
    signed(c.change),
    ci,
    `+${formatPercent(c.threshold)}`,
    c.note ? `${c.verdict} (${c.note})` : c.verdict,
  ];
}

/** The gate's decision rule, printed under its table. */
export const GATE_RULE =
  'A metric REGRESSED when the lower bound of the 95% bootstrap interval of current/baseline exceeds 1 + allowed: worse by more than allowed, and significantly so.';

function verdictLine(result: GateResult): string {
  const regressed = result.checks.filter((c) => c.verdict === 'REGRESSED').length;
  return regressed > 0 ? `gate: FAIL — ${regressed} of ${result.checks.length} checks regressed` : `gate: PASS — ${result.checks.length} checks, none regressed`;
}

/**
 * The gate's result for the terminal: one row per check (changes as signed percentages), the rule,
 * what was not checked, and the PASS/FAIL line; colour only when `options.color`.
 */
export function gateTable(result: GateResult, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const table = new Table({ head: HEAD.map((h) => c.bold(h)), style: { head: [], border: [], compact: true } });
  for (const check of result.checks) {
    const cells = row(check);
    const colour = check.verdict === 'REGRESSED' ? c.red.bold : check.verdict === 'improved' ? c.green : check.verdict === 'worse, not significant' ? c.yellow : (s: string) => s;
    cells[8] = colour(cells[8]!);
    table.push(cells);
  }
  const lines = [table.toString(), c.dim(GATE_RULE)];
  if (result.unmatched.length > 0) lines.push(c.dim('Not checked:'), ...result.unmatched.map((u) => c.dim(`  ${u}`)));
  lines.push(result.failed ? c.red.bold(verdictLine(result)) : c.green(verdictLine(result)));
  return lines.join('\n');
}

/** The gate's result as Markdown (for a CI job summary): the same table, rule, unchecked list and verdict line. */
export function gateMarkdown(result: GateResult): string {
  const parts = [`## parbench gate: ${result.failed ? '❌ FAIL' : '✅ PASS'}`, '', markdownTable(HEAD, result.checks.map(row)), '', `_${GATE_RULE}_`];
  if (result.unmatched.length > 0) parts.push('', '**Not checked:**', '', ...result.unmatched.map((u) => `- ${u}`));
  parts.push('', verdictLine(result));
  return `${parts.join('\n')}\n`;
}
