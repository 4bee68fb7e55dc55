/** `compare` output: machine metadata side by side, then per series the ratios B/A. Formats only. */
import type { MachineInfo } from '../record/index.js';
import type { MetricComparison, SeriesComparison } from '../stats/series-comparison.js';
import { formatPercent, formatSeconds } from './format.js';
import { markdownTable } from './analysis-view.js';

/** One run of a comparison, as its column is headed. */
export interface RunSide {
  label: string;
  id: string;
  machine: MachineInfo;
  /** The run record's `cores`. */
  cores: number;
}

export interface CompareView {
  runs: RunSide[];
  /** One entry per run after the first: that run (B) against the first (A). */
  comparisons: { against: string; series: SeriesComparison[]; unmatched: string[] }[];
  /** Efficiency threshold of the METG, a fraction. */
  metgThreshold: number;
}

/** Machine metadata, one row per field (run, CPU, cores, memory in GiB, OS, Node/V8, host), one column per run. */
export function machineRows(runs: RunSide[]): string[][] {
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
  const field = (name: string, f: (r: RunSide) => string) => [name, ...runs.map(f)];
  return [
    field('run', (r) => r.id),
    field('CPU', (r) => r.machine.cpuModel),
    field('cores (logical/physical)', (r) => `${r.machine.logicalCores}/${r.machine.physicalCores ?? '?'}`),
    field('cores usable by the run', (r) => String(r.cores)),
    field('memory', (r) => gib(r.machine.memoryBytes)),
    field('OS / arch', (r) => `${r.machine.os} ${r.machine.arch}`),
    field('Node / V8', (r) => `${r.machine.node} / ${r.machine.v8}`),
    field('host', (r) => r.machine.hostname),
  ];
}

const METRIC_LABEL: Record<MetricComparison['metric'], string> = {
  overhead: 'overhead o (CPU-s/task)',
  metg: 'METG',
  throughputPerCore: 'peak tasks/s per core',
  throughput: 'peak tasks/s (whole machine)',
};

function value(m: MetricComparison, v: number, side: 0 | 1): string {
  const bound = m.bounds?.[side];
  if (bound === 'below') return `< ${formatSeconds(v)}`;
  if (bound === 'above') return `> ${formatSeconds(v)}`;
  if (m.metric === 'throughputPerCore' || m.metric === 'throughput') return Number.isFinite(v) ? `${Number(v.toPrecision(3))}/s` : '–';
  return formatSeconds(v);
}

function ratio(x: number): string {
  return Number.isFinite(x) ? `×${x.toPrecision(3)}` : '–';
}

/** Header of a comparison table. */
export const COMPARE_HEAD = ['suite', 'backend', 'W A→B', 'metric', 'A', 'B', 'B/A', '95% CI', 'significant'];

/**
 * One row per series × metric: A and B (overhead and METG with time units, throughput in tasks/s per
 * core), the ratio B/A, its 95% bootstrap interval, and whether B is significantly better or worse.
 */
export function comparisonRows(series: SeriesComparison[]): string[][] {
  return series.flatMap((s) =>
    s.metrics.map((m) => [
      s.params ? `${s.suite} ${s.params}` : s.suite,
      s.backend,
      `${s.usableA}→${s.usableB}`,
      METRIC_LABEL[m.metric],
      value(m, m.a, 0),
      value(m, m.b, 1),
      ratio(m.ratio),
      Number.isFinite(m.ci95[0]) ? `${ratio(m.ci95[0])} … ${ratio(m.ci95[1])}` : '–',
      (Number.isFinite(m.ratio) ? (m.significant ? (better(m) ? 'yes, B better' : 'yes, B worse') : 'no') : 'n/a') + (m.note ? ` (${m.note})` : ''),
    ]),
  );
}

function better(m: MetricComparison): boolean {
  return m.higherIsBetter ? m.ratio > 1 : m.ratio < 1;
}

/** The footnotes of a comparison, with the METG threshold (a fraction) filled in. */
export const COMPARE_NOTES = (threshold: number) => [
  `Only grains both runs measured are compared. W = min(workers, cores) on each side. METG at ${formatPercent(threshold)} efficiency.`,
  'Per-core view: o is CPU-seconds per task (already multiplied by W) and peak tasks/s is divided by W, so machines with different core counts compare fairly.',
  'B/A with a 95% bootstrap interval (raw samples of both runs resampled); significant when the interval excludes ×1.',
];

/** The comparison as Markdown: machines side by side, then one table per run B against A, then the notes. */
export function compareMarkdown(view: CompareView): string {
  const parts = ['## parbench compare', '', markdownTable(['', ...view.runs.map((r) => r.label)], machineRows(view.runs))];
  for (const c of view.comparisons) {
    parts.push('', `### ${c.against}`, '', markdownTable(COMPARE_HEAD, comparisonRows(c.series)));
    if (c.unmatched.length > 0) parts.push('', '**Did not match:**', '', ...c.unmatched.map((u) => `- ${u}`));
  }
  parts.push('', ...COMPARE_NOTES(view.metgThreshold).map((n) => `_${n}_`));
  return `${parts.join('\n')}\n`;
}

/**
 * The comparison for the terminal, with tables built by the caller's `makeTable` (so the caller decides
 * styling): machines, one table per run B against A, then the notes.
 */
export function compareTable(view: CompareView, makeTable: (head: string[]) => { push: (row: string[]) => void; toString: () => string }): string {
  const machines = makeTable(['', ...view.runs.map((r) => r.label)]);
  for (const r of machineRows(view.runs)) machines.push(r);
  const parts = ['Machines', machines.toString()];
  for (const c of view.comparisons) {
    const table = makeTable(COMPARE_HEAD);
    for (const r of comparisonRows(c.series)) table.push(r);
    parts.push('', c.against, table.toString());
    if (c.unmatched.length > 0) parts.push('Did not match:', ...c.unmatched.map((u) => `  ${u}`));
  }
  parts.push('', ...COMPARE_NOTES(view.metgThreshold));
  return parts.join('\n');
}
