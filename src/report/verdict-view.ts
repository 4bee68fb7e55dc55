/**
 * The verdict printed under every `run` (and alone with --quiet): per suite a conclusion line, each
 * backend's METG and fitted per-task overhead with their 95% intervals, and the fastest backend at each
 * grain; then the run's first warnings and the command to run next. Formats only.
 */
import { Chalk } from 'chalk';
import { describeThreshold } from '../stats/threshold.js';
import type { BackendVerdict, GrainWinner, SuiteVerdict } from '../stats/verdict.js';
import { formatGrain, formatPercent, formatSeconds } from './format.js';
import { warningsBlock } from './warnings-view.js';

export interface VerdictOptions {
  /** Colour with ANSI escapes. */
  color: boolean;
}

/** Columns padded to their widest cell, two spaces apart; `indent` before each row. Trailing spaces trimmed. */
export function alignColumns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `${indent}${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
}

function interval(ci: readonly [number, number] | undefined): string {
  return ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? `${formatSeconds(ci[0])} … ${formatSeconds(ci[1])}` : '–';
}

/** A times-faster ratio: 1.04×, 1.3×, 25×. */
function times(ratio: number): string {
  return `${ratio < 1.1 ? ratio.toFixed(2) : ratio < 10 ? ratio.toFixed(1) : ratio.toFixed(0)}×`;
}

/** The conclusion line of a suite: the first parallel backend to reach the threshold, or why none does. */
export function conclusion(v: SuiteVerdict): string | null {
  const best = v.backends.find((b) => !b.inProcess && b.metg);
  if (!best?.metg) return null;
  const pct = formatPercent(v.threshold);
  const oneCore = v.cores === 1 ? ' (1 core: efficiency is against one core, so no backend can beat sequential here)' : '';
  if (best.metg.bound === 'below') return `${best.label} runs at ≥ ${pct} efficiency even at the smallest grain (${formatSeconds(best.metg.grain)} tasks)${oneCore}`;
  if (best.metg.bound === 'above') return `no parallel backend reaches ${pct} efficiency within the sweep (up to ${formatSeconds(best.metg.grain)} tasks): add larger --grains${oneCore}`;
  return `${best.label} reaches ${pct} efficiency with the smallest tasks: from ${formatSeconds(best.metg.grain)} per task${oneCore}`;
}

function backendRow(b: BackendVerdict): string[] {
  return [
    b.runtime ? `${b.label} (${b.runtime})` : b.label,
    describeThreshold(b.metg, formatSeconds),
    b.metg?.bound === 'bracketed' ? interval(b.metg.ci95) : '–',
    formatSeconds(b.overhead?.o),
    interval(b.overhead?.ci95),
  ];
}

/** What the rows of the fastest backends are headed. */
export const FASTEST_LABEL = 'fastest (median T_par) ';

/** Consecutive grains with the same fastest backend and runner-up, merged into one row. */
function mergedWinners(winners: readonly GrainWinner[]): GrainWinner[][] {
  const runs: GrainWinner[][] = [];
  for (const w of winners) {
    const last = runs.at(-1)?.at(-1);
    if (last && last.runtime === w.runtime && last.fastest === w.fastest && last.next?.label === w.next?.label) runs.at(-1)!.push(w);
    else runs.push([w]);
  }
  return runs;
}

function winnerRow(run: readonly GrainWinner[], labelRuntime: boolean): string[] {
  const first = run[0]!;
  const last = run.at(-1)!;
  const grains = run.length === 1 ? `${formatGrain(first.target)} s` : `${formatGrain(first.target)} … ${formatGrain(last.target)} s`;
  const who = labelRuntime && first.runtime ? `${first.runtime}: ${first.fastest}` : first.fastest;
  if (!first.next) return [grains, who, 'alone at this grain'];
  const ratios = run.map((w) => w.next!.ratio);
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  const by = times(low) === times(high) ? times(low) : `${times(low).slice(0, -1)}–${times(high)}`;
  const overlapping = run.filter((w) => w.next!.overlap);
  const noise =
    overlapping.length === 0 ? '' : overlapping.length === run.length ? ' (intervals overlap: may be noise)' : ` (intervals overlap at ${overlapping.map((w) => formatGrain(w.target)).join(', ')})`;
  return [grains, who, `${by} faster than ${first.next.label}${noise}`];
}

/** Header of a suite's verdict table at `threshold` (a fraction): backend, METG, its interval, o, its interval. */
export function verdictHead(threshold: number): string[] {
  return ['backend', `METG(${formatPercent(threshold)})`, '95% interval', 'per-task overhead o', '95% interval'];
}

/**
 * A suite's verdict as rows of text, for the terminal and the HTML report alike: the backends' rows
 * (METG at the threshold with its bootstrap interval, fitted overhead o with its t interval, times with
 * units) and the fastest backend by median T_par at each grain as [grains, backend, by how much] (runs
 * of grains with the same pair merged, ratios as a range, "intervals overlap" where the two medians'
 * 95% intervals do).
 */
export function verdictRows(v: SuiteVerdict): { backends: string[][]; fastest: string[][] } {
  const labelRuntime = new Set(v.fastest.map((w) => w.runtime)).size > 1;
  return { backends: v.backends.map(backendRow), fastest: mergedWinners(v.fastest).map((run) => winnerRow(run, labelRuntime)) };
}

/** A suite's heading: "fib n=10 · verdict (2 cores)". */
function verdictTitle(v: SuiteVerdict): string {
  return `${v.suite}${v.params ? ` ${v.params}` : ''} · verdict (${v.cores} ${v.cores === 1 ? 'core' : 'cores'})`;
}

/**
 * One suite's verdict as plain lines (bold headings when `options.color`): verdictTitle, the
 * conclusion, the table of backends and the fastest backend at each grain (verdictRows).
 */
export function suiteVerdictBlock(v: SuiteVerdict, options: VerdictOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines = [c.bold(verdictTitle(v))];
  const said = conclusion(v);
  if (said) lines.push(`  ${c.bold('→')} ${said}`);
  const rows = verdictRows(v);
  const table = alignColumns([verdictHead(v.threshold), ...rows.backends]);
  lines.push(c.dim(table[0]!), ...table.slice(1));
  const fastest = alignColumns(rows.fastest, '');
  fastest.forEach((row, i) => lines.push(`  ${i === 0 ? c.dim(FASTEST_LABEL) : ' '.repeat(FASTEST_LABEL.length)} ${row}`));
  return lines.join('\n');
}

/**
 * Everything `run` prints after its tables, and alone with --quiet: each suite's verdict, then at most
 * `limit` warnings (the rest counted, pointing at `parbench report <run>`), then the next command,
 * `parbench report --html <run>`. `run` is how the user names the run on the command line (its
 * directory or id).
 */
export function runVerdict(verdicts: readonly SuiteVerdict[], warnings: readonly string[], options: VerdictOptions & { run: string; limit: number }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const parts = verdicts.map((v) => suiteVerdictBlock(v, options));
  const block = warningsBlock(warnings, { color: options.color, limit: options.limit, more: `parbench report ${options.run}` });
  if (block) parts.push(block);
  parts.push(`${c.bold('Next:')} parbench report --html ${options.run}   ${c.dim('(charts of overhead and efficiency against grain, in one HTML file)')}`);
  return parts.join('\n\n');
}
