/** results.csv: tidy, one row per (suite, backend, workers, grain). Derived from the run record only. */
import type { PointRecord, RunRecord } from '../record/index.js';

/**
 * Columns of results.csv: times in seconds (`_s`), efficiency and CV as fractions, params as "k=v;k=v";
 * `runtime` is "node" or the remote interpreter with its version (whose calibration set grain_achieved_s),
 * `t_seq_inline_median_s` the in-process reference where the record holds one beside the isolate's.
 */
export const CSV_COLUMNS = [
  'run_id',
  'suite',
  'params',
  'backend',
  'workers',
  'grain_target_s',
  'grain_achieved_s',
  'grain_reachable',
  'grain_within_tolerance',
  'tuned_by',
  'chunk',
  'work',
  'tasks',
  'repeats',
  't_seq_median_s',
  't_par_median_s',
  't_par_mad_s',
  't_par_min_s',
  't_par_max_s',
  't_par_ci95_low_s',
  't_par_ci95_high_s',
  't_par_cv',
  't_par_outliers',
  'startup_s',
  'speedup',
  'efficiency',
  'overhead_per_task_s',
  'tasks_per_s',
  'verified',
  'status',
  'error',
  'runtime',
  't_seq_inline_median_s',
  'load_imbalance',
] as const;

/**
 * One CSV field per RFC 4180: quoted when it holds a quote, comma or newline (quotes doubled); null,
 * undefined and non-finite numbers become an empty field.
 */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(runId: string, p: PointRecord): unknown[] {
  const par = p.parallel?.summary;
  const params = Object.entries(p.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  return [
    runId,
    p.suite,
    params,
    p.backend,
    p.workers,
    p.grain.target,
    p.grain.achieved,
    p.grain.reachable,
    p.grain.withinTolerance,
    p.grain.tunedBy,
    p.grain.chunk,
    p.grain.work,
    p.tasks,
    p.parallel?.samples.length ?? 0,
    p.sequential.summary.median,
    par?.median,
    par?.mad,
    par?.min,
    par?.max,
    par?.ci95[0],
    par?.ci95[1],
    par?.cv,
    par?.outliers.length,
    p.startupSeconds,
    p.metrics?.speedup,
    p.metrics?.efficiency,
    p.metrics?.overheadPerTask,
    p.metrics?.tasksPerSecond,
    p.verified,
    p.status,
    p.error?.message,
    p.runtime ? `${p.runtime.implementation} ${p.runtime.python ?? p.runtime.version ?? ''}`.trim() : 'node',
    p.sequentialInline?.summary.median,
    p.imbalance?.ratio,
  ];
}

/** results.csv of a run: the header, then one row per point in record order (CSV_COLUMNS); ends with a newline. */
export function toCsv(record: RunRecord): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const point of record.points) lines.push(row(record.id, point).map(cell).join(','));
  return `${lines.join('\n')}\n`;
}
