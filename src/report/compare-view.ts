/**
 * `compare` output: machine metadata side by side; then per run B against A what differs between the
 * runs before any ratio (fingerprint, the machine's state, worker counts, achieved grains), the ratios
 * B/A per series, and whole-machine throughput per grain. Formats only.
 */
import type { MachineInfo } from '../record/index.js';
import type { ReferenceShift } from '../stats/reference-shift.js';
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
  /** The user's clusters the run's points ran on, one phrase each (clusterPhrases); empty or absent: none. */
  clusters?: string[];
}

/**
 * What the two runs' reference says: `same` machine and state; the machine's state `differed` (same
 * fingerprint, the sequential reference of the same tasks shifted significantly); `other machine`
 * (fingerprints differ); `unknown` (no task set in common).
 */
export type MachineState = 'same' | 'differed' | 'other machine' | 'unknown';

/** One run B against A. */
export interface ComparisonView {
  against: string;
  /** Machine fingerprints of A and B. */
  fingerprints: [string, string];
  /** What differs between the machines' fingerprints, one phrase each; empty on one machine. */
  machineDifferences: string[];
  /** The shift of the sequential reference over the task sets both runs measured; null when none. */
  reference: ReferenceShift | null;
  machineState: MachineState;
  /** Series paired across different worker counts, one line each. */
  workerPairs: string[];
  series: SeriesComparison[];
  unmatched: string[];
}

export interface CompareView {
  runs: RunSide[];
  /** One entry per run after the first: that run (B) against the first (A). */
  comparisons: ComparisonView[];
  /** Efficiency threshold of the METG, a fraction. */
  metgThreshold: number;
  /** Runs made with --inject-overhead (test only), one line each. */
  injected: string[];
}

/** Machine metadata, one row per field (run, fingerprint, CPU, cores, memory in GiB, OS, Node/V8, host), one column per run. */
export function machineRows(runs: RunSide[]): string[][] {
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
  const field = (name: string, f: (r: RunSide) => string) => [name, ...runs.map(f)];
  return [
    field('run', (r) => r.id),
    field('fingerprint', (r) => r.machine.fingerprint),
    field('CPU', (r) => r.machine.cpuModel),
    field('cores (logical/physical)', (r) => `${r.machine.logicalCores}/${r.machine.physicalCores ?? '?'}`),
    field('cores usable by the run', (r) => String(r.cores)),
    field('memory', (r) => gib(r.machine.memoryBytes)),
    field('OS / arch', (r) => `${r.machine.os} ${r.machine.arch}`),
    field('Node / V8', (r) => `${r.machine.node} / ${r.machine.v8}`),
    field('host', (r) => r.machine.hostname),
    ...(runs.some((r) => r.clusters?.length) ? [field('clusters (as they report themselves)', (r) => r.clusters?.join('; ') || '–')] : []),
  ];
}

const METRIC_LABEL: Record<MetricComparison['metric'], string> = {
  overhead: 'overhead o (CPU-s/task)',
  metg: 'METG',
  throughputPerCore: 'peak tasks/s per core',
  throughput: 'peak tasks/s (whole machine)',
};

function rate(v: number): string {
  return Number.isFinite(v) ? `${Number(v.toPrecision(3))}/s` : '–';
}

function value(m: MetricComparison, v: number, side: 0 | 1): string {
  const bound = m.bounds?.[side];
  if (bound === 'below') return `< ${formatSeconds(v)}`;
  if (bound === 'above') return `> ${formatSeconds(v)}`;
  if (m.metric === 'throughputPerCore' || m.metric === 'throughput') return rate(v);
  return formatSeconds(v);
}

function ratio(x: number): string {
  return Number.isFinite(x) ? `×${x.toPrecision(3)}` : '–';
}

/** Header of a comparison table. */
export const COMPARE_HEAD = ['suite', 'backend', 'W A→B', 'metric', 'A', 'B', 'B/A', '95% CI', 'significant'];

const name = (s: SeriesComparison) => (s.params ? `${s.suite} ${s.params}` : s.suite);

/**
 * One row per series × metric: A and B (overhead and METG with time units, throughput in tasks/s, per
 * core or whole machine), the ratio B/A, its 95% bootstrap interval, and whether B is significantly
 * better or worse.
 */
export function comparisonRows(series: SeriesComparison[]): string[][] {
  return series.flatMap((s) =>
    s.metrics.map((m) => [
      name(s),
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

/** Header of the whole-machine throughput table. */
export const THROUGHPUT_HEAD = ['suite', 'backend', 'W A→B', 'achieved grain A', 'achieved grain B', 'tasks/s A', 'tasks/s B', 'B/A'];

/** Whole-machine throughput (tasks / T_par, every worker) at each paired grain, one row per series × grain. */
export function throughputRows(series: SeriesComparison[]): string[][] {
  return series.flatMap((s) =>
    s.throughputByGrain.map((t) => [name(s), s.backend, `${s.usableA}→${s.usableB}`, formatSeconds(t.grainA), formatSeconds(t.grainB), rate(t.a), rate(t.b), ratio(t.b / t.a)]),
  );
}

/**
 * What a reader must know before any ratio of run B against A, one line each: the machines, the
 * machine's state as the sequential reference shows it, worker counts paired, achieved grains apart.
 */
export function beforeRatios(c: ComparisonView): string[] {
  const lines: string[] = [];
  const b = c.against.split(' ')[0];
  const ref = c.reference;
  const what = ref?.basis === 'spin test' ? "the machine probe's spin test (fixed work; no task set is the same in both runs)" : `the sequential reference of the ${ref?.taskSets} task sets both runs measured`;
  const shift = ref ? `${what} took ${ratio(ref.ratio)} (95% CI ${ratio(ref.ci95[0])} … ${ratio(ref.ci95[1])}) as long in ${b}` : '';
  if (c.machineDifferences.length > 0) lines.push(`machines differ: ${c.machineDifferences.join('; ')}${ref ? `; ${shift}` : ''}`);
  else lines.push(`same machine fingerprint (${c.fingerprints[0]})`);
  if (c.machineState === 'differed') lines.push(`the machine's state differed between runs: ${shift}; every backend's figures below carry that difference, so read them as moments, not as the backends`);
  if (c.machineState === 'same') lines.push(`${shift}: the machine's state agrees between the runs`);
  if (c.machineState === 'unknown') lines.push("no task set is the same in both runs and a run has no machine probe, so the machine's state cannot be compared");
  for (const w of c.workerPairs) lines.push(`worker counts differ: paired ${w}`);
  // The reference is shared by a suite's backends: one line per suite, each grain once.
  const bySuite = new Map<string, Map<number, string>>();
  for (const s of c.series) {
    const grains = bySuite.get(name(s)) ?? new Map<number, string>();
    for (const m of s.grainMismatches) grains.set(m.target, `${m.target.toExponential(0)}: ${formatSeconds(m.a)} (A) vs ${formatSeconds(m.b)} (${b})`);
    bySuite.set(name(s), grains);
  }
  for (const [suite, grains] of bySuite) if (grains.size > 0) lines.push(`achieved grains differ by more than 15%: ${suite} at ${[...grains.values()].join(', ')}`);
  return lines;
}

/** The footnotes of a comparison, with the METG threshold (a fraction) filled in. */
export const COMPARE_NOTES = (threshold: number) => [
  `Points are paired by nearest achieved grain (within 2×). W = min(workers, cores) on each side. METG at ${formatPercent(threshold)} efficiency; not shown for one usable worker.`,
  'Per-core view: o is CPU-seconds per task (already multiplied by W) and peak tasks/s per core is divided by W, so machines with different core counts compare fairly.',
  'Whole-machine view: tasks/s with every worker, i.e. which machine finishes the same work sooner.',
  'B/A with a 95% bootstrap interval (raw samples of both runs resampled); significant when the interval excludes ×1.',
];

/** The comparison as Markdown: machines side by side, then per run B against A what differs, the ratios and throughput, then the notes. */
export function compareMarkdown(view: CompareView): string {
  const parts = ['## parbench compare', ''];
  if (view.injected.length > 0) parts.push('**TEST RUNS (--inject-overhead):**', '', ...view.injected.map((l) => `- ${l}`), '');
  parts.push(markdownTable(['', ...view.runs.map((r) => r.label)], machineRows(view.runs)));
  for (const c of view.comparisons) {
    parts.push('', `### ${c.against}`, '', ...beforeRatios(c).map((l) => `- ${l}`), '', markdownTable(COMPARE_HEAD, comparisonRows(c.series)));
    parts.push('', '**Whole-machine throughput per grain:**', '', markdownTable(THROUGHPUT_HEAD, throughputRows(c.series)));
    if (c.unmatched.length > 0) parts.push('', '**Did not match:**', '', ...c.unmatched.map((u) => `- ${u}`));
  }
  parts.push('', ...COMPARE_NOTES(view.metgThreshold).map((n) => `_${n}_`));
  return `${parts.join('\n')}\n`;
}

/**
 * The comparison for the terminal, with tables built by the caller's `makeTable` (so the caller decides
 * styling): machines, then per run B against A what differs, the ratios, whole-machine throughput, then the notes.
 */
export function compareTable(view: CompareView, makeTable: (head: string[]) => { push: (row: string[]) => void; toString: () => string }): string {
  const machines = makeTable(['', ...view.runs.map((r) => r.label)]);
  for (const r of machineRows(view.runs)) machines.push(r);
  const parts = [...(view.injected.length > 0 ? ['TEST RUNS (--inject-overhead):', ...view.injected.map((l) => `  ${l}`)] : []), 'Machines', machines.toString()];
  for (const c of view.comparisons) {
    const table = makeTable(COMPARE_HEAD);
    for (const r of comparisonRows(c.series)) table.push(r);
    const throughput = makeTable(THROUGHPUT_HEAD);
    for (const r of throughputRows(c.series)) throughput.push(r);
    parts.push('', c.against, ...beforeRatios(c).map((l) => `  ${l}`), table.toString(), 'Whole-machine throughput per grain (tasks/s, every worker)', throughput.toString());
    if (c.unmatched.length > 0) parts.push('Did not match:', ...c.unmatched.map((u) => `  ${u}`));
  }
  parts.push('', ...COMPARE_NOTES(view.metgThreshold));
  return parts.join('\n');
}
