/** The gate's output: every check with reference, current, change and verdict, the suite level, and the counts. Formats only. */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { VERDICTS, type GateCheck, type GateResult, type GateStatus, type SuiteVerdict, type Verdict } from '../gate/gate-runs.js';
import type { Bound } from '../stats/threshold.js';
import { formatPercent, formatSeconds } from './format.js';
import { markdownTable } from './analysis-view.js';

/** What the gate view needs besides the result: where the reference came from and what else to say. */
export interface GateViewInput extends GateResult {
  mode: 'baseline' | 'against' | 'aa';
  machineDifferences: string[];
  injected: string[];
  noise?: { overhead?: number; metg?: number; runs: number };
  /** --against: the reference's ref and commit, and the rounds measured. */
  against?: { ref: string; commit: string; rounds: number };
  /** --against / --aa in lockstep: the rounds and the hand-overs between the sides. */
  lockstep?: { rounds: number; handovers: number };
  /** --against / --aa: runs a side (the rounds). */
  rounds?: number;
}

/** How the two sides were measured (--against, --aa), or undefined for a gate against recorded runs. */
function measuredLine(view: GateViewInput): string | undefined {
  const rounds = view.against?.rounds ?? view.lockstep?.rounds ?? view.rounds;
  if (rounds === undefined) return undefined;
  const plural = rounds === 1 ? 'round' : 'rounds';
  const how = view.lockstep
    ? `${rounds} ${plural} in lockstep on this machine (${view.lockstep.handovers} hand-overs; repetitions paired where both sides took the same)`
    : `${rounds} alternating ${plural} on this machine`;
  if (view.against) return `reference: ${view.against.ref} (${view.against.commit.slice(0, 12)}) and the working tree, ${how}`;
  if (view.mode === 'aa') return `A and B: the working tree twice, ${how}`;
  return undefined;
}

function signed(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  return `${fraction >= 0 ? '+' : '−'}${formatPercent(Math.abs(fraction))}`;
}

function bounded(seconds: number, bound: Bound | undefined): string {
  if (!Number.isFinite(seconds)) return '–';
  return bound === 'below' ? `< ${formatSeconds(seconds)}` : bound === 'above' ? `> ${formatSeconds(seconds)}` : formatSeconds(seconds);
}

function head(view: GateViewInput, withNoise: boolean): string[] {
  const reference = view.mode === 'baseline' ? 'baseline' : view.mode === 'aa' ? 'A' : 'reference';
  const current = view.mode === 'aa' ? 'B' : 'current';
  return ['suite', 'backend', 'metric', reference, current, 'change', 'change 95% CI', 'allowed', ...(withNoise ? ['A/A noise'] : []), 'verdict'];
}

function row(c: GateCheck, withNoise: boolean): string[] {
  const ci = Number.isFinite(c.changeCI[0]) ? `${signed(c.changeCI[0])} … ${signed(c.changeCI[1])}` : '–';
  return [
    c.params ? `${c.suite} ${c.params}` : c.suite,
    `${c.backend}×${c.workers}`,
    c.metric === 'overhead' ? 'overhead o' : 'METG',
    bounded(c.baseline, c.bounds?.[0]),
    bounded(c.current, c.bounds?.[1]),
    signed(c.change),
    ci,
    `+${formatPercent(c.threshold)}`,
    ...(withNoise ? [c.noise === undefined ? '–' : `±${formatPercent(c.noise)}`] : []),
    c.note ? `${c.verdict}: ${c.note}` : c.verdict,
  ];
}

/** The gate's decision rule, printed under its table. */
export const GATE_RULE =
  'Each check: regressed when the 95% bootstrap interval of current/reference lies above 1 + allowed; pass when it lies below; improved when below 1 − allowed; ' +
  'otherwise inconclusive, with the reason (too few samples, missing, interval across the threshold, not resolved from zero, threshold below the A/A noise).';

function ratioText(x: number): string {
  return Number.isFinite(x) ? `×${x.toPrecision(3)}` : '–';
}

/** One line per suite-level verdict: the geometric mean of the ratios, its interval and the verdict. */
export function suiteLines(overall: readonly SuiteVerdict[]): string[] {
  return overall.map((s) => {
    const what = s.metric === 'overhead' ? 'overhead o' : 'METG';
    const verdict = s.note ? `${s.verdict}: ${s.note}` : s.verdict;
    return `${what}: geometric mean of ${s.checks} ${s.checks === 1 ? 'ratio' : 'ratios'} ${ratioText(s.ratio)} (95% CI ${ratioText(s.ci95[0])} … ${ratioText(s.ci95[1])}), allowed +${formatPercent(s.threshold)} → ${verdict}`;
  });
}

/** The last line: the status in capitals and the count of each verdict. */
export function verdictLine(result: GateResult): string {
  const n = result.checks.length;
  const counts = VERDICTS.map((v) => `${result.counts[v]} ${v}`).join(', ');
  return `gate: ${result.status.toUpperCase()} — ${n} ${n === 1 ? 'check' : 'checks'}: ${counts}`;
}

/** The lines after the table: suite level, noise floor, what differs, test runs, what was not checked. */
function notes(view: GateViewInput): { title: string; lines: string[] }[] {
  const sections: { title: string; lines: string[] }[] = [];
  if (view.overall.length > 0) sections.push({ title: 'Suite level (geometric mean of current/reference over the checks the rule decided):', lines: suiteLines(view.overall) });
  if (view.noise) {
    const parts = (['overhead', 'metg'] as const).flatMap((m) => (view.noise![m] === undefined ? [] : [`${m === 'overhead' ? 'overhead' : 'METG'} up to ±${formatPercent(view.noise![m]!)}`]));
    const from = view.mode === 'aa' ? `the ${view.noise.runs} A runs` : `the reference's ${view.noise.runs} runs`;
    sections.push({ title: `Noise floor (A/A: ${from}, odd against even):`, lines: [parts.join(', ') || 'no check had a ratio'] });
  }
  if (view.machineDifferences.length > 0) sections.push({ title: 'Machines differ (gated anyway, --allow-other-machine):', lines: view.machineDifferences });
  if (view.injected.length > 0) sections.push({ title: 'TEST RUNS (--inject-overhead):', lines: view.injected });
  if (view.unmatched.length > 0) sections.push({ title: 'Not checked:', lines: view.unmatched });
  return sections;
}

function colourOf(c: ChalkInstance, verdict: Verdict | GateStatus): (s: string) => string {
  if (verdict === 'regressed') return c.red.bold;
  if (verdict === 'inconclusive') return c.yellow;
  if (verdict === 'improved') return c.green;
  return verdict === 'pass' ? c.green : (s: string) => s;
}

/**
 * The gate's result for the terminal: where the reference came from (--against), one row per check
 * (changes as signed percentages), the suite level, the rule, the noise floor, differences, test runs,
 * what was not checked, and the last line counting each verdict; colour only when `options.color`.
 */
export function gateTable(view: GateViewInput, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const withNoise = view.checks.some((x) => x.noise !== undefined);
  const table = new Table({ head: head(view, withNoise).map((h) => c.bold(h)), style: { head: [], border: [], compact: true } });
  for (const check of view.checks) {
    const cells = row(check, withNoise);
    cells[cells.length - 1] = colourOf(c, check.verdict)(cells.at(-1)!);
    table.push(cells);
  }
  const lines: string[] = [];
  const measured = measuredLine(view);
  if (measured) lines.push(c.dim(measured));
  lines.push(table.toString());
  for (const section of notes(view)) lines.push(section.title.startsWith('TEST') ? c.red.bold(section.title) : section.title, ...section.lines.map((l) => `  ${l}`));
  lines.push(c.dim(GATE_RULE), colourOf(c, view.status)(verdictLine(view)));
  return lines.join('\n');
}

/** The gate's result as Markdown (for a CI job summary): heading with the status, the same table and notes, and the last line. */
export function gateMarkdown(view: GateViewInput): string {
  const icon: Record<GateStatus, string> = { pass: '✅ PASS', regressed: '❌ REGRESSED', inconclusive: '⚠️ INCONCLUSIVE' };
  const withNoise = view.checks.some((x) => x.noise !== undefined);
  const parts = [`## parbench gate: ${icon[view.status]}`, ''];
  const measured = measuredLine(view);
  if (measured) parts.push(`${measured}.`, '');
  parts.push(markdownTable(head(view, withNoise), view.checks.map((x) => row(x, withNoise))));
  for (const section of notes(view)) parts.push('', `**${section.title}**`, '', ...section.lines.map((l) => `- ${l}`));
  parts.push('', `_${GATE_RULE}_`, '', verdictLine(view));
  return `${parts.join('\n')}\n`;
}
