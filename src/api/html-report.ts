/** `report --html`: one or several runs as one self-contained HTML file, with the chart library inlined. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describeError, osReason, parbenchError } from '../errors.js';
import { traceFileSchema } from '../trace/trace-event-schema.js';
import type { TraceFile } from '../trace/trace-events.js';
import { checkOutputFile, loadRun, makeDirectory, writeFileAtomic } from '../record/index.js';
import { htmlReport, type ChartLibraries, type HtmlRun } from '../report/html-view.js';
import { analyzeRun } from '../stats/analyze.js';
import { suiteVerdicts } from '../stats/verdict.js';
import { runsDirOf, type LocateOptions } from './locate-options.js';

export interface HtmlReportOptions extends LocateOptions {
  /** Run ids, run directories or run.json paths; none: the latest run in the runs directory. */
  runs: string[];
  /** Efficiency threshold of METG, in (0, 1]; default 0.5. */
  metgThreshold?: number;
  /** The HTML file to write; default defaultHtmlPath. */
  output?: string;
}

export interface HtmlReportResult {
  /** The HTML file written (absolute). */
  path: string;
  /** The runs it shows, in order: id and the run.json read. */
  runs: { id: string; path: string }[];
}

/** The directory of the package `name` (the one holding its package.json), resolved from `from`; throws LIBRARY_MISSING. */
function packageDir(name: string, from: string): string {
  let entry: string;
  try {
    entry = createRequire(from).resolve(name);
  } catch (error) {
    throw parbenchError('LIBRARY_MISSING', name, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
  }
  throw parbenchError('LIBRARY_MISSING', name, `no package.json above ${entry}`);
}

function readLibrary(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw parbenchError('LIBRARY_MISSING', name, `${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * The browser builds of Observable Plot and of the d3 it depends on, read from node_modules (d3 as
 * Plot itself resolves it). Throws LIBRARY_MISSING (exit 1) when either cannot be found or read.
 */
export function chartLibraries(): ChartLibraries {
  const plot = packageDir('@observablehq/plot', import.meta.url);
  const d3 = packageDir('d3', join(plot, 'package.json'));
  return { d3: readLibrary('d3', join(d3, 'dist', 'd3.min.js')), plot: readLibrary('@observablehq/plot', join(plot, 'dist', 'plot.umd.min.js')) };
}

/**
 * A traced run's trace file, checked against the trace-event schema (trace-event-schema.ts), or why it
 * cannot be shown (one line: missing, unreadable, not JSON, not a trace file). Throws nothing.
 */
export function readTrace(path: string): TraceFile | { error: string } {
  try {
    const parsed = traceFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data as TraceFile;
    return { error: `${path} is not a trace file: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}` };
  } catch (error) {
    const system = (error as NodeJS.ErrnoException).code !== undefined;
    return { error: `cannot show the task stream: ${path}: ${system ? osReason(error) : describeError(error)}` };
  }
}

/**
 * Where the report goes when no output is named: beside the first run's record, as report.html for one
 * run, and report-vs-<id>[-<id>…].html (characters other than letters, digits, ".", "_" and "-" made
 * "_") for several.
 */
export function defaultHtmlPath(records: readonly { id: string; path: string }[]): string {
  const safe = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_');
  const name = records.length <= 1 ? 'report.html' : `report-vs-${records.slice(1).map((r) => safe(r.id)).join('-')}.html`;
  return join(dirname(records[0]!.path), name);
}

/**
 * Locates each run (see `loadRun`; none named: the latest), analyses it at the threshold, and writes
 * the HTML report of them all (html-view.ts) to `output` or defaultHtmlPath, atomically. Runs are
 * labelled by id, a repeated id followed by " (2)", " (3)", … Returns the file written. Throws what
 * `loadRun` throws (NO_RUNS, RUN_NOT_FOUND, BAD_RUN, exit 2), LIBRARY_MISSING (exit 1) and WRITE_FAILED
 * (exit 2) when the file cannot be written (a named `output` is checked before any run is read; the
 * directories it needs are made).
 */
export function reportHtml(options: HtmlReportOptions): HtmlReportResult {
  if (options.output !== undefined) checkOutputFile(resolve(options.cwd ?? process.cwd(), options.output));
  const runsDir = runsDirOf(options);
  const located = (options.runs.length === 0 ? [undefined] : options.runs).map((r) => loadRun(r, runsDir));
  const seen = new Map<string, number>();
  const runs: HtmlRun[] = located.map(({ record, path }) => {
    const n = (seen.get(record.id) ?? 0) + 1;
    seen.set(record.id, n);
    const analysis = analyzeRun(record, options.metgThreshold === undefined ? {} : { metgThreshold: options.metgThreshold });
    const trace = record.traced ? { trace: readTrace(join(dirname(path), record.traced.file)) } : {};
    return { label: n === 1 ? record.id : `${record.id} (${n})`, path, record, analysis, verdicts: suiteVerdicts(analysis), ...trace };
  });
  const records = runs.map((r) => ({ id: r.record.id, path: r.path }));
  const path = resolve(options.cwd ?? process.cwd(), options.output ?? defaultHtmlPath(records));
  makeDirectory(dirname(path), path);
  writeFileAtomic(path, htmlReport(runs, chartLibraries()));
  return { path, runs: records };
}
