/**
 * The analysis summary of a run: per suite × backend × workers, METG, crossover, fitted overhead and
 * noise, as a terminal table, Markdown or CSV rows. Formats only.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { seriesLabel, type RunAnalysis, type SeriesAnalysis } from '../stats/analyze.js';
import { describeThreshold } from '../stats/threshold.js';
import { cell as csvCell } from './csv.js';
import { formatGrain, formatPercent, formatSeconds } from './format.js';
import { grainMark, MARK_NOTES } from './table.js';

/** Header of the summary table (terminal and Markdown). */
export const SUMMARY_COLUMNS = ['suite', 'backend', 'METG', 'METG 95% CI', 'crossover', 'overhead o', 'o 95% CI', 'fixed c', 'R²', 'misfit', 'T_par robust CV', 'outliers'];

function interval(ci: [number, number] | undefined, format: (x: number) => string): string {
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return '–';
  return `${format(ci[0])} … ${format(ci[1])}`;
}

/**
 * One summary-table row of a series: METG and its bootstrap interval (only when bracketed), crossover,
 * o with its t interval, c, R², misfit count, the largest T_par robust CV and outliers/samples. Times
 * formatted with units; "–" where a value is missing.
 */
export function summaryRow(s: SeriesAnalysis): string[] {
  const fit = s.fit;
  return [
    s.params ? `${s.suite} ${s.params}` : s.suite,
    seriesLabel(s),
    describeThreshold(s.metg, formatSeconds),
    s.metg?.bound === 'bracketed' ? interval(s.metg.ci95, formatSeconds) : '–',
    s.usable > 1 ? describeThreshold(s.crossover, formatSeconds) : 'n/a (1 core)',
    formatSeconds(fit?.o),
    interval(fit?.oCI, formatSeconds),
    fit ? (fit.identifiable ? formatSeconds(fit.c) : 'n/a (N ~ const)') : '–',
    fit?.r2 === null || fit?.r2 === undefined ? '–' : fit.r2.toFixed(3),
    fit ? String(fit.flagged.length) : '–',
    formatPercent(s.noise.maxRobustCv),
    `${s.noise.outliers}/${s.noise.samples}`,
  ];
}

/** The footnotes under a summary: how METG, crossover and the o, c fit are defined. */
export function summaryNotes(analysis: RunAnalysis): string[] {
  return [
    `METG: smallest achieved grain above which efficiency stays ≥ ${formatPercent(analysis.metgThreshold)} (interpolated in log grain); crossover: same for speed-up ≥ 1.`,
    'o, c: least-squares fit of min(W,cores)·T_par − T_seq = N·o + c over the sweep (o in CPU-seconds per task; t interval). CIs of METG are bootstrap (raw samples resampled).',
  ];
}

/** The summary as a terminal table with its heading and footnotes; colour only when `options.color`. */
export function summaryTable(analysis: RunAnalysis, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const table = new Table({ head: SUMMARY_COLUMNS.map((h) => c.bold(h)), style: { head: [], border: [], compact: true } });
  for (const s of analysis.series) table.push(summaryRow(s));
  return [c.bold(`Summary · run ${analysis.id} · ${analysis.cores} cores · METG(${formatPercent(analysis.metgThreshold)})`), table.toString(), ...summaryNotes(analysis).map((n) => c.dim(n))].join('\n');
}

/** A GitHub-flavoured Markdown table; `|` in cells is escaped. Rows are expected to be as wide as `head`. */
export function markdownTable(head: string[], rows: string[][]): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|');
  return [`| ${head.map(esc).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** A suite's overhead · efficiency grid: its column heads, one row of cells per target grain, and the grain markers present. */
export interface SuiteGrid {
  /** "fib (n=10)". */
  title: string;
  head: string[];
  /** Per target grain, ascending: grain, achieved (marked), tasks, then one cell per column. */
  rows: string[][];
  /** Per head index, whether the column is a series' "overhead · efficiency" (else a grain, achieved or tasks column). */
  isSeries: boolean[];
  /** Markers that occur in the grid, in the order `*`, `~`. */
  marks: ('*' | '~')[];
}

/**
 * Per suite, overhead and efficiency by grain as text cells (the terminal table's counterpart, for
 * Markdown and HTML): the achieved grain and tasks of the first runtime (Node when present), then per
 * other runtime (e.g. CPython) a column with its own achieved grain before its series; an achieved
 * grain is followed by `mark('*')` (floor) or `mark('~')` (off target by more than 15%); a series' cell
 * is "overhead · efficiency" with units, "FAILED" or "–".
 */
export function suiteGrid(analysis: RunAnalysis, suite: string, mark: (m: '*' | '~') => string = (m) => m): SuiteGrid {
  const all = analysis.series.filter((s) => s.suite === suite);
  const runtimes = [...new Set(all.map((s) => s.runtime))].sort((a, b) => (a === null ? -1 : b === null ? 1 : 0));
  const grains = [...new Set(all.flatMap((s) => s.points.map((p) => p.target)))].sort((a, b) => a - b);
  const marked = (p: { reachable: boolean; withinTolerance: boolean; grain: number }) => {
    const m = grainMark(p);
    return `${formatSeconds(p.grain)}${m === ' ' ? '' : mark(m)}`;
  };
  const achieved = (series: SeriesAnalysis[], g: number) => {
    const p = series.flatMap((s) => s.points).find((q) => q.target === g);
    return p ? marked(p) : '–';
  };
  const head = ['grain (s)', 'achieved', 'tasks'];
  const isSeries = [false, false, false];
  const columns: ((g: number) => string)[] = [];
  for (const [i, runtime] of runtimes.entries()) {
    const series = all.filter((s) => s.runtime === runtime);
    if (i > 0) {
      head.push(`${runtime} achieved`);
      isSeries.push(false);
      columns.push((g) => achieved(series, g));
    }
    head.push(...series.map(seriesLabel));
    isSeries.push(...series.map(() => true));
    columns.push(
      ...series.map((s) => (g: number) => {
        const p = s.points.find((q) => q.target === g);
        if (p) return `${formatSeconds(p.overhead)} · ${formatPercent(p.efficiency)}`;
        return s.failed.includes(g) ? 'FAILED' : '–';
      }),
    );
  }
  const primary = all.filter((s) => s.runtime === (runtimes[0] ?? null));
  const rows = grains.map((g) => {
    const any = primary.flatMap((s) => s.points).find((p) => p.target === g) ?? all.flatMap((s) => s.points).find((p) => p.target === g)!;
    return [formatGrain(g), marked(any), String(any.tasks), ...columns.map((col) => col(g))];
  });
  const present = new Set(all.flatMap((s) => s.points.map((p) => grainMark(p))));
  const params = all[0]?.params ? ` (${all[0].params})` : '';
  return { title: `${suite}${params}`, head, rows, isSeries, marks: (['*', '~'] as const).filter((m) => present.has(m)) };
}

/**
 * Per suite, overhead and efficiency by grain as Markdown (suiteGrid), the `*` and `~` grain markers
 * escaped so that Markdown shows them rather than reading emphasis or strikethrough, each marker present
 * explained under the table.
 */
export function suiteMarkdown(analysis: RunAnalysis, suite: string): string {
  const grid = suiteGrid(analysis, suite, (m) => `\\${m}`);
  const lines = [`### ${grid.title}: per-task overhead · efficiency by grain`, '', markdownTable(grid.head, grid.rows)];
  if (grid.marks.length > 0) lines.push('', grid.marks.map((m) => `_\\${m} ${MARK_NOTES[m]}_`).join('  \n'));
  return lines.join('\n');
}

/**
 * The whole report of a run as Markdown: machine line (memory in GiB), per-suite overhead · efficiency
 * tables, the summary with its footnotes, then the warnings. Ends with a newline.
 */
export function reportMarkdown(analysis: RunAnalysis): string {
  const suites = [...new Set(analysis.series.map((s) => s.suite))];
  const m = analysis.machine;
  const parts = [
    `## parbench report · run ${analysis.id}`,
    '',
    `${m.cpuModel} · ${analysis.cores} cores used · ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB · Node ${m.node} · status ${analysis.status}`,
    '',
    ...suites.flatMap((s) => [suiteMarkdown(analysis, s), '']),
    `### Summary · METG(${formatPercent(analysis.metgThreshold)})`,
    '',
    markdownTable(SUMMARY_COLUMNS, analysis.series.map(summaryRow)),
    '',
    ...summaryNotes(analysis).map((n) => `_${n}_`),
  ];
  if (analysis.warnings.length > 0) parts.push('', '### Warnings', '', ...analysis.warnings.map((w) => `- ${w}`));
  return `${parts.join('\n')}\n`;
}

/** Columns of the summary CSV: times in seconds (`_s`), CVs and the METG threshold as fractions. */
export const SUMMARY_CSV_COLUMNS = [
  'run_id', 'suite', 'params', 'backend', 'workers', 'usable_workers', 'points', 'failed_points',
  'metg_threshold', 'metg_s', 'metg_bound', 'metg_ci95_low_s', 'metg_ci95_high_s', 'metg_non_monotone',
  'crossover_s', 'crossover_bound', 'overhead_s', 'overhead_ci95_low_s', 'overhead_ci95_high_s',
  'overhead_bootstrap_low_s', 'overhead_bootstrap_high_s', 'fixed_cost_s', 'fixed_cost_identifiable', 'r2',
  'misfit_points', 'max_cv', 'max_robust_cv', 'noisy_points', 'outliers', 'samples',
  'seq_max_robust_cv', 'seq_noisy_points', 'seq_outliers',
] as const;

/**
 * The analysis as CSV (RFC 4180 quoting), one row per series, columns SUMMARY_CSV_COLUMNS: times in
 * seconds, overhead and fixed cost in CPU-seconds, CVs and the threshold as fractions; empty where
 * missing. Ends with a newline.
 */
export function summaryCsv(analysis: RunAnalysis): string {
  const lines = [SUMMARY_CSV_COLUMNS.join(',')];
  for (const s of analysis.series) {
    const f = s.fit;
    const row = [
      analysis.id, s.suite, s.params, s.backend, s.workers, s.usable, s.points.length, s.failed.length,
      analysis.metgThreshold, s.metg?.grain, s.metg?.bound, s.metg?.ci95[0], s.metg?.ci95[1], s.metg?.nonMonotone,
      s.crossover?.grain, s.crossover?.bound, f?.o, f?.oCI[0], f?.oCI[1], f?.bootstrapCI[0], f?.bootstrapCI[1],
      f?.c, f?.identifiable, f?.r2, f?.flagged.length, s.noise.maxCv, s.noise.maxRobustCv, s.noise.noisyGrains.length, s.noise.outliers, s.noise.samples,
      s.sequentialNoise.maxRobustCv, s.sequentialNoise.noisyGrains.length, s.sequentialNoise.outliers,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
