/**
 * The terminal view: per suite, a table of per-task overhead and efficiency versus grain
 * (rows: grains; columns: backend × workers). Formats only; colour is decided by the caller.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { BACKEND_SETTINGS, type PointRecord, type RunRecord } from '../record/index.js';
import { runtimeOf, seriesLabel } from '../stats/analyze.js';
import { injectedOverheadText } from '../stats/warnings.js';
import { clusterNote, firstPerBackend } from './cluster-view.js';
import { formatGrain, formatPercent, formatSeconds } from './format.js';

/** Approximate printed width of the grain/achieved/tasks columns and of one backend column. */
const FIXED_WIDTH = 36;
const COLUMN_WIDTH = 20;

export interface TableOptions {
  /** Colour with ANSI escapes. */
  color: boolean;
  /** Split backend columns across several tables to stay within this many characters (default: no limit). */
  width?: number;
}

/** What the two numbers of a backend's cell are, under its name in the header. */
export const CELL_LABEL = 'overhead · eff.';

function efficiencyColour(c: ChalkInstance, efficiency: number): ChalkInstance {
  if (efficiency >= 0.5) return c.green;
  if (efficiency >= 0.1) return c.yellow;
  return c.red;
}

function cellFor(c: ChalkInstance, point: PointRecord | undefined): string {
  if (!point) return c.dim('–');
  if (point.status === 'failed' || !point.metrics) return c.red.bold(`FAILED ${point.error?.code ?? ''}`.trim());
  const { overheadPerTask, efficiency } = point.metrics;
  return `${formatSeconds(overheadPerTask).padStart(9)} · ${efficiencyColour(c, efficiency)(formatPercent(efficiency).padStart(5))}`;
}

function columnKey(p: PointRecord): string {
  return `${p.backend}\u0000${p.workers}`;
}

/** The marker after an achieved grain: `*` below the suite's floor, `~` off target by more than 15%, else a space. */
export function grainMark(grain: { reachable: boolean; withinTolerance: boolean }): '*' | '~' | ' ' {
  return !grain.reachable ? '*' : grain.withinTolerance ? ' ' : '~';
}

/** What each grain marker means, as the footnotes of the terminal and Markdown tables say it. */
export const MARK_NOTES = {
  '*': 'grain below the smallest task this suite can make; "achieved" is its floor',
  '~': 'achieved grain off target by more than 15%',
} as const;

/** A column of the terminal table: a backend × workers, or the achieved grain of a remote runtime. */
type Column = { kind: 'backend'; point: PointRecord } | { kind: 'achieved'; runtime: string };

/**
 * The column order of a suite: the first runtime's backends (Node's when it has any), then per other
 * runtime (e.g. CPython) its own achieved-grain column followed by its backends.
 */
function columnsOf(points: readonly PointRecord[]): { columns: Column[]; primary: string | null } {
  const backends = [...new Map(points.map((p) => [columnKey(p), p])).values()];
  const runtimes = [...new Set(backends.map(runtimeOf))].sort((a, b) => (a === null ? -1 : b === null ? 1 : 0));
  const primary = runtimes[0] ?? null;
  const columns: Column[] = [];
  for (const runtime of runtimes) {
    if (runtime !== primary) columns.push({ kind: 'achieved', runtime: runtime! });
    columns.push(...backends.filter((p) => runtimeOf(p) === runtime).map((point) => ({ kind: 'backend' as const, point })));
  }
  return { columns, primary };
}

/**
 * One suite's terminal table: rows by target grain, with the achieved grain and tasks of the row's
 * first point of the first runtime (Node when present); one column per backend × workers (headed
 * "worker×2" and "overhead · eff.") showing per-task overhead (time units) and efficiency (percent); before the columns of each remote runtime
 * (Python backends calibrate on their own interpreter) a column with that runtime's own achieved grain,
 * marked as the first (`*` floor, `~` off target by more than 15%). Split into several tables when
 * `options.width` (characters) is exceeded; footnotes after. "" when the run has no point of the suite.
 */
export function suiteTable(record: RunRecord, suite: string, options: TableOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const points = record.points.filter((p) => p.suite === suite);
  if (points.length === 0) return '';
  const { columns, primary } = columnsOf(points);
  const backends = columns.flatMap((col) => (col.kind === 'backend' ? [col.point] : []));
  const grains = [...new Set(points.map((p) => p.grain.target))].sort((a, b) => a - b);
  const rows = grains.map((grain) => points.filter((p) => p.grain.target === grain));
  const firstOf = (row: PointRecord[], runtime: string | null) => row.find((p) => runtimeOf(p) === runtime);
  const mark = (p: PointRecord) => ({ '*': c.yellow('*'), '~': c.dim('~'), ' ': ' ' })[grainMark(p.grain)];
  const achieved = (p: PointRecord | undefined) => (p ? formatSeconds(p.grain.achieved) + mark(p) : c.dim('–'));

  // Many backends make a wide table: split the columns into groups that fit the width.
  const perTable = Math.max(1, Math.floor(((options.width ?? Infinity) - FIXED_WIDTH) / COLUMN_WIDTH));
  const tables: string[] = [];
  for (let start = 0; start < columns.length; start += perTable) {
    const group = columns.slice(start, start + perTable);
    const table = new Table({
      head: ['grain (s)', 'achieved', 'tasks', ...group.map((col) => (col.kind === 'backend' ? `${seriesLabel(col.point)}\n${CELL_LABEL}` : `${col.runtime}\nachieved`))].map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
      colAligns: ['right', 'right', 'right', ...group.map(() => 'right' as const)],
    });
    rows.forEach((row, i) => {
      const first = firstOf(row, primary) ?? row[0]!;
      const cells = group.map((col) =>
        col.kind === 'achieved' ? achieved(firstOf(row, col.runtime)) : cellFor(c, row.find((p) => columnKey(p) === columnKey(col.point))),
      );
      table.push([formatGrain(grains[i]!), achieved(first), String(first.tasks), ...cells]);
    });
    tables.push(table.toString());
  }
  const params = Object.entries(points[0]!.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const lines = [
    `${c.bold(suite)} ${params} · per-task overhead and efficiency by grain (${record.cores} cores)`,
    ...tables,
  ];
  const notes = [
    'overhead = per-task overhead (min(W,cores)·T_par − T_seq)/N; eff. = efficiency T_seq/(min(W,cores)·T_par)',
  ];
  if (points.some((p) => !p.grain.reachable)) notes.push(`${c.yellow('*')} ${MARK_NOTES['*']}`);
  if (points.some((p) => p.grain.reachable && !p.grain.withinTolerance)) notes.push(`${c.dim('~')} ${MARK_NOTES['~']}`);
  for (const runtime of new Set(columns.flatMap((col) => (col.kind === 'achieved' ? [col.runtime] : [])))) {
    notes.push(`"${runtime} achieved": the grain ${runtime}'s own calibration reached; the columns after it are calibrated and referenced on ${runtime}`);
  }
  const imbalances = grains.flatMap((g) => {
    const ratio = points.find((p) => p.grain.target === g && p.imbalance)?.imbalance?.ratio;
    return ratio === undefined ? [] : [`${formatGrain(g)} ${ratio.toFixed(2)}`];
  });
  // A backend's own settings, unless it ran on the user's cluster (the cluster line below says what ran).
  for (const backend of new Set(points.filter((p) => !p.cluster).map((p) => p.backend))) {
    const settings = BACKEND_SETTINGS[backend];
    if (settings) notes.push(`${backend}: ${settings}`);
  }
  for (const p of firstPerBackend(points.filter((p) => p.cluster))) notes.push(clusterNote(p));
  if (imbalances.length > 0) notes.push(`load imbalance (max/mean task time, sequential): ${imbalances.join(' · ')}`);
  lines.push(...notes.map((n) => c.dim(n)));
  return lines.join('\n');
}

/**
 * suiteTable for every suite of the run, in order of first appearance, separated by a blank line; a run
 * made with `--inject-overhead` (test only) starts with a line saying so.
 */
export function runTables(record: RunRecord, options: TableOptions): string {
  const suites = [...new Set(record.points.map((p) => p.suite))];
  const tables = suites.map((s) => suiteTable(record, s, options)).join('\n\n');
  if (!record.injectedOverhead) return tables;
  const c = new Chalk({ level: options.color ? 1 : 0 });
  return `${c.red.bold(`TEST RUN — ${injectedOverheadText(record.injectedOverhead)}`)}\n${tables}`;
}
