/**
 * `report --html`: one self-contained HTML file for one or several runs — the machines side by side,
 * then per suite the verdict, two charts (per-task overhead and efficiency against achieved grain,
 * drawn by Observable Plot, inlined) and the overhead · efficiency table, then, for a traced run, the
 * task stream (its decomposition and one lane per worker), the analysis summary, the warnings and each
 * run's metadata. Nothing is fetched at view time. Every text that comes from a
 * run (suite parameters, backend names, paths, machine fields, configuration) is HTML-escaped, and the
 * charts' data travels as JSON in a non-executed script element, escaped so it cannot end that element.
 * Formats only: the caller reads the libraries and writes the file.
 */
import type { RunRecord } from '../record/index.js';
import type { RunAnalysis } from '../stats/analyze.js';
import type { SuiteVerdict } from '../stats/verdict.js';
import { SUMMARY_COLUMNS, suiteGrid, summaryNotes, summaryRow } from './analysis-view.js';
import { machineRows } from './compare-view.js';
import { formatPercent } from './format.js';
import { drawCharts } from './html-charts.js';
import { drawTaskStreams } from './html-stream.js';
import { DECOMPOSITION_HEAD, decompositionRows, taskStreams, type StreamPoint } from './trace-data.js';
import type { TraceFile } from '../trace/trace-events.js';
import { chartData, type ChartSuite } from './html-data.js';
import { CELL_LABEL, MARK_NOTES } from './table.js';
import { conclusion, FASTEST_LABEL, verdictHead, verdictRows } from './verdict-view.js';

/** One run of the report. */
export interface HtmlRun {
  /** How the report names the run (its id, made unique). */
  label: string;
  /** The run.json it was read from. */
  path: string;
  record: RunRecord;
  analysis: RunAnalysis;
  verdicts: SuiteVerdict[];
  /** A traced run's trace file (run --trace), or why it could not be read; absent for an untraced run. */
  trace?: TraceFile | { error: string };
}

/** The chart library's browser builds, as source text: d3 (UMD) and Observable Plot (UMD, reads the global d3). */
export interface ChartLibraries {
  d3: string;
  plot: string;
}

/** Text made safe for HTML element content and quoted attribute values: & < > " ' escaped. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/**
 * JSON for a `<script type="application/json">` element: <, > and & as \u escapes (so no "</script>"
 * or "<!--" can occur), and the line separators U+2028/2029 escaped too. JSON.parse reads it back unchanged.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Library source for an inline `<script>`: "</script" and "<!--" broken up ("<\/script", "<\!--"), which leaves the code's meaning unchanged inside strings and regular expressions, the only places they can occur. */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function table(head: readonly string[], rows: readonly (readonly string[])[], options: { className?: string; subhead?: readonly string[] } = {}): string {
  const cls = options.className ? ` class="${escapeHtml(options.className)}"` : '';
  const headRows = [head, ...(options.subhead ? [options.subhead] : [])].map((r) => `<tr>${r.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`);
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<table${cls}><thead>${headRows.join('')}</thead><tbody>${body.join('')}</tbody></table>`;
}

function machineSection(runs: readonly HtmlRun[]): string {
  const sides = runs.map((r) => ({ label: r.label, id: r.record.id, machine: r.record.machine, cores: r.record.cores }));
  const rows = [
    ...machineRows(sides),
    ['status', ...runs.map((r) => r.record.status)],
    ['started', ...runs.map((r) => r.record.startedAt)],
    ['parbench / commit', ...runs.map((r) => `${r.record.parbench} / ${r.record.git.commit ?? 'unknown'}${r.record.git.dirty ? ' (dirty)' : ''}`)],
    ['machine probe', ...runs.map((r) => (r.record.probe ? `${r.record.probe.verdict}${r.record.probe.reasons.length ? `: ${r.record.probe.reasons.join('; ')}` : ''}` : '–'))],
    ['run.json', ...runs.map((r) => r.path)],
  ];
  const head = ['', ...runs.map((r) => r.label)];
  return `<section id="machines"><h2>${runs.length > 1 ? 'Machines' : 'Machine'}</h2>${table(head, rows.slice(1), { className: 'machines' })}</section>`;
}

function verdictHtml(v: SuiteVerdict, run: string | null): string {
  const said = conclusion(v);
  const rows = verdictRows(v);
  return [
    `<div class="verdict"><h3>${escapeHtml(`Verdict (${v.cores} ${v.cores === 1 ? 'core' : 'cores'})${run ? ` · ${run}` : ''}`)}</h3>`,
    said ? `<p class="conclusion">→ ${escapeHtml(said)}</p>` : '',
    table(verdictHead(v.threshold), rows.backends, { className: 'verdict-backends' }),
    `<p class="fastest-label">${escapeHtml(FASTEST_LABEL.trim())}</p>`,
    table(['grain', 'fastest', 'by'], rows.fastest, { className: 'verdict-fastest' }),
    '</div>',
  ].join('');
}

function chartFigures(suite: ChartSuite, threshold: number): string {
  const pct = formatPercent(threshold);
  const figure = (kind: 'overhead' | 'efficiency', caption: string) =>
    `<figure class="chart" data-chart="${kind}"><div id="${kind}-${suite.id}"></div><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  return `<div class="charts">${[
    figure('overhead', 'Per-task overhead (min(W,cores)·T_par − T_seq)/N against achieved grain, log–log. Band: from the ends of the 95% intervals of the medians of T_seq and T_par. Points at or below zero (no overhead within noise) cannot be placed on a log axis and are left out.'),
    figure('efficiency', `Efficiency T_seq/(min(W,cores)·T_par) against achieved grain; dashed line at ${pct}, where each backend's METG(${pct}) is marked ◆ with its 95% interval. Band as on the left.`),
  ].join('')}</div>`;
}

function gridHtml(run: HtmlRun, suite: ChartSuite, several: boolean): string {
  const analysis = { ...run.analysis, series: run.analysis.series.filter((s) => s.suite === suite.suite && s.params === suite.params) };
  if (analysis.series.length === 0) return '';
  const grid = suiteGrid(analysis, suite.suite);
  const subhead = grid.isSeries.map((series) => (series ? CELL_LABEL : ''));
  const notes = grid.marks.map((m) => `<p class="note">${escapeHtml(`${m} ${MARK_NOTES[m]}`)}</p>`).join('');
  const title = several ? `Per-task overhead · efficiency by grain · ${run.label}` : 'Per-task overhead · efficiency by grain';
  return `<h3>${escapeHtml(title)}</h3>${table(grid.head, grid.rows, { className: 'grid', subhead })}${notes}`;
}

function suiteSection(suite: ChartSuite, runs: readonly HtmlRun[], threshold: number): string {
  const several = runs.length > 1;
  const verdicts = runs.flatMap((r) => r.verdicts.filter((v) => v.suite === suite.suite && v.params === suite.params).map((v) => verdictHtml(v, several ? r.label : null)));
  return [
    `<section class="suite" id="${suite.id}"><h2>${escapeHtml(suite.title)}</h2>`,
    ...verdicts,
    chartFigures(suite, threshold),
    ...runs.map((r) => gridHtml(r, suite, several)),
    '</section>',
  ].join('');
}

/** The streams a run's trace shows, ids prefixed by its index; none for an untraced run or an unreadable trace. */
function streamsOf(run: HtmlRun, index: number): StreamPoint[] {
  return run.trace && 'traceEvents' in run.trace ? taskStreams(run.trace, `r${index}`) : [];
}

/**
 * The task stream of every traced run: the decomposition table (run.json), then per traced point a
 * figure with one lane per worker (the trace file's last traced repetition); an unreadable trace says
 * why. Empty when no run was traced.
 */
function traceSection(runs: readonly HtmlRun[]): string {
  const parts = runs.flatMap((r, i) => {
    if (!r.trace) return [];
    const heading = runs.length > 1 ? `<h3>${escapeHtml(r.label)}</h3>` : '';
    const rows = table(DECOMPOSITION_HEAD, decompositionRows(r.record.points), { className: 'trace-decomposition' });
    const problem = 'error' in r.trace ? `<p class="note trace-error">${escapeHtml(r.trace.error)}</p>` : '';
    const figures = streamsOf(r, i).map((s) => `<figure class="stream" data-point="${escapeHtml(s.label)}"><figcaption>${escapeHtml(s.label)}</figcaption><div id="stream-${escapeHtml(s.id)}"></div></figure>`);
    return [heading, rows, problem, ...figures];
  });
  if (parts.length === 0) return '';
  const note = 'Per task, in seconds: dispatch = submitted → started (of which queued: waiting while its worker ran the previous task), execute = started → finished on the worker, return = finished → result received, idle = worker time outside kernels per task; tracing overhead = (traced − untraced median T_par) / tasks. Each stream shows the last traced repetition of its point, one lane per worker.';
  return `<section id="task-stream"><h2>Task stream</h2><p class="note">${escapeHtml(note)}</p>${parts.join('')}</section>`;
}

function summarySection(runs: readonly HtmlRun[]): string {
  const parts = runs.map((r) => {
    const heading = `Summary · METG(${formatPercent(r.analysis.metgThreshold)})${runs.length > 1 ? ` · ${r.label}` : ''}`;
    const notes = summaryNotes(r.analysis).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
    return `<h3>${escapeHtml(heading)}</h3>${table(SUMMARY_COLUMNS, r.analysis.series.map(summaryRow), { className: 'summary' })}${notes}`;
  });
  return `<section id="summary"><h2>Summary</h2>${parts.join('')}</section>`;
}

function warningsSection(runs: readonly HtmlRun[]): string {
  const parts = runs.map((r) => {
    const heading = runs.length > 1 ? `<h3>${escapeHtml(r.label)}</h3>` : '';
    const items = r.analysis.warnings.length === 0 ? '<p>None.</p>' : `<ul>${r.analysis.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`;
    return heading + items;
  });
  return `<section id="warnings"><h2>Warnings</h2>${parts.join('')}</section>`;
}

function metadataSection(runs: readonly HtmlRun[]): string {
  const parts = runs.map((r) => {
    const { record } = r;
    const facts = [
      ['run', record.id],
      ['status', record.status],
      ['started / finished', `${record.startedAt} / ${record.finishedAt ?? '–'}`],
      ['points', String(record.points.length)],
      ...(record.errors.length > 0 ? [['errors', record.errors.map((e) => e.message).join(' · ')]] : []),
      ...((record.skipped ?? []).length > 0 ? [['skipped', record.skipped!.map((s) => s.reason).join(' · ')]] : []),
    ];
    return `<h3>${escapeHtml(r.label)}</h3>${table(['', ''], facts, { className: 'facts' })}<details><summary>configuration</summary><pre>${escapeHtml(JSON.stringify(record.config, null, 2))}</pre></details>`;
  });
  return `<section id="metadata"><h2>Run metadata</h2>${parts.join('')}</section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#222}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
table{border-collapse:collapse;margin:4px 0 8px;font-variant-numeric:tabular-nums}th,td{padding:2px 8px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}thead th{border-bottom:1px solid #bbb;font-weight:600}table.machines td,table.facts td{text-align:left;white-space:normal}
.charts{display:flex;flex-wrap:wrap;gap:16px}figure.chart{margin:0;max-width:580px}figcaption,.note{color:#555;font-size:12px}
.conclusion{font-weight:600;margin:4px 0}.fastest-label{margin:6px 0 0;color:#555}pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}
table.verdict-fastest td,table.verdict-fastest th{text-align:left}figure.stream{margin:8px 0}table.trace-decomposition td:last-child{text-align:left;white-space:normal}#chart-error{color:#b00;font-weight:600}.subtitle{color:#555;margin:0}`;

/**
 * The whole report as one HTML document (see the module comment), for runs sharing the first run's
 * METG threshold: the machine table (one column per run), per suite the verdicts, the two charts and
 * the tables, the summary, the warnings and the runs' metadata; the charts drawn on load by drawCharts
 * from the inlined `libraries`, and, for traced runs, the task stream (traceSection, drawn by
 * drawTaskStreams). Sections are independent functions of the runs, in page order. Throws nothing.
 */
export function htmlReport(runs: readonly HtmlRun[], libraries: ChartLibraries): string {
  const data = chartData(runs.map((r) => ({ label: r.label, analysis: r.analysis })));
  const title = `parbench report · ${runs.map((r) => r.label).join(' · ')}`;
  const sections = [machineSection(runs), ...data.suites.map((s) => suiteSection(s, runs, data.threshold)), traceSection(runs), summarySection(runs), warningsSection(runs), metadataSection(runs)];
  const streams = runs.flatMap(streamsOf);
  const draw = `(function () {
  try {
    var data = JSON.parse(document.getElementById('parbench-data').textContent);
    (${drawCharts.toString()})(Plot, d3.format, data, document);
    var streams = document.getElementById('parbench-streams');
    if (streams) (${drawTaskStreams.toString()})(Plot, JSON.parse(streams.textContent), document);
  } catch (error) {
    document.getElementById('chart-error').textContent = 'The charts could not be drawn: ' + error;
  }
})();`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>parbench report</h1><p class="subtitle">${escapeHtml(runs.length > 1 ? `${runs.length} runs: ${runs.map((r) => r.label).join(', ')}` : `run ${runs[0]?.label ?? ''}`)}</p><p id="chart-error"></p></header>`,
    ...sections,
    `<script type="application/json" id="parbench-data">${jsonForScript(data)}</script>`,
    ...(streams.length > 0 ? [`<script type="application/json" id="parbench-streams">${jsonForScript(streams)}</script>`] : []),
    `<script>${inlineScript(libraries.d3)}</script>`,
    `<script>${inlineScript(libraries.plot)}</script>`,
    `<script>${draw}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
