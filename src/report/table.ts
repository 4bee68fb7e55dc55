/**
 * The terminal view: per suite, a table of per-task overhead and efficiency versus grain
 * (rows: grains; columns: backend × workers). Formats only; colour is decided by the caller.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { PointRecord, RunRecord } from '../record.js';
import { formatGrain, formatPercent, formatSeconds } from './format.js';

export interface TableOptions {
  color: boolean;
}

function efficiencyColour(c: ChalkInstance, efficiency: number): ChalkInstance {
  if (efficiency >= 0.5) return c.green;
  if (efficiency >= 0.1) return c.yellow;
  return c.red;
}

function cellFor(c: ChalkInstance, point: PointRecord | undefined): string {
  if (!point) return c.dim('–');
  if (point.status === 'failed' || !point.metrics) return c.red.bold(`FAILED ${point.error?.code ?? ''}`.trim());
  const { overheadPerTask, efficiency } = point.metrics;
  return `${formatSeconds(overheadPerTask).padStart(9)} ${efficiencyColour(c, efficiency)(formatPercent(efficiency).padStart(5))}`;
}

function columnKey(p: PointRecord): string {
  return `${p.backend}\u0000${p.workers}`;
}

export function suiteTable(record: RunRecord, suite: string, options: TableOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const points = record.points.filter((p) => p.suite === suite);
  if (points.length === 0) return '';
  const columns = [...new Map(points.map((p) => [columnKey(p), p])).values()];
  const grains = [...new Set(points.map((p) => p.grain.target))].sort((a, b) => a - b);
  const multipleWorkerCounts = new Set(columns.filter((p) => p.backend !== 'sequential').map((p) => p.workers)).size > 1;
  const label = (p: PointRecord) => (p.backend === 'sequential' || !multipleWorkerCounts ? p.backend : `${p.backend} ×${p.workers}`);

  const table = new Table({
    head: ['grain', 'achieved', 'tasks', ...columns.map(label)].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['right', 'right', 'right', ...columns.map(() => 'right' as const)],
  });
  let floors = 0;
  for (const grain of grains) {
    const row = points.filter((p) => p.grain.target === grain);
    const first = row[0]!;
    const floor = !first.grain.reachable;
    if (floor) floors++;
    const achieved = formatSeconds(first.grain.achieved) + (floor ? c.yellow('*') : first.grain.withinTolerance ? ' ' : c.dim('~'));
    table.push([formatGrain(grain), achieved, String(first.tasks), ...columns.map((col) => cellFor(c, row.find((p) => columnKey(p) === columnKey(col))))]);
  }
  const params = Object.entries(points[0]!.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const lines = [
    `${c.bold(suite)} ${params} · per-task overhead and efficiency by grain (${record.cores} cores)`,
    table.toString(),
  ];
  const notes = [
    'overhead = (min(W,cores)·T_par − T_seq)/N; efficiency = T_seq/(min(W,cores)·T_par)',
  ];
  if (floors > 0) notes.push(`${c.yellow('*')} grain below the smallest task this suite can make; "achieved" is its floor`);
  if (points.some((p) => p.grain.achieved !== points.find((q) => q.grain.target === p.grain.target)!.grain.achieved)) {
    notes.push('Python/Parsl columns are calibrated and referenced on their own interpreter (own achieved grain): see run.json');
  }
  if (points.some((p) => p.grain.reachable && !p.grain.withinTolerance)) notes.push(`${c.dim('~')} achieved grain off target by more than 15%`);
  lines.push(...notes.map((n) => c.dim(n)));
  return lines.join('\n');
}

export function runTables(record: RunRecord, options: TableOptions): string {
  const suites = [...new Set(record.points.map((p) => p.suite))];
  return suites.map((s) => suiteTable(record, s, options)).join('\n\n');
}
