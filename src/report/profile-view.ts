/**
 * What `parbench profile` prints: the point as measured under the profilers, thread-seconds by group,
 * the top functions by self time and, for Python, the lock waiting split by caller. Formatting only.
 */
import type { PointRecord } from '../record/index.js';
import type { ProfileSummary } from '../stats/profile-groups.js';
import type { LockWaiting } from '../stats/python-profile.js';
import { formatGrain, formatPercent, formatSeconds } from './format.js';

/** What profileView formats (the fields of the API's ProfileResult it reads). */
export interface ProfileViewInput {
  dir: string;
  files: readonly string[];
  point: PointRecord;
  summary: ProfileSummary;
  locks?: LockWaiting;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
}

function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${pad(r, widths)}`);
}

function header(input: ProfileViewInput): string[] {
  const p = input.point;
  const workers = p.backend.endsWith('sequential') ? '' : ` ×${p.workers}`;
  const par = p.parallel?.summary.median;
  const perTask = par !== undefined ? ` (${formatSeconds(par / p.tasks)} per task)` : '';
  const count = (ext: string) => input.files.filter((f) => f.endsWith(ext)).length;
  return [
    `profile: ${p.suite} on ${p.backend}${workers}, grain ${formatGrain(p.grain.target)} (achieved ${formatSeconds(p.grain.achieved)}), ${p.tasks} tasks, ${p.status}`,
    `T_par under the profilers: median ${formatSeconds(par)}${perTask}; T_seq ${formatSeconds(p.sequential.summary.median)}`,
    `files: ${input.dir} (${count('.cpuprofile')} .cpuprofile, ${count('.pstats')} .pstats)`,
  ];
}

function lockLines(locks: LockWaiting, total: number): string[] {
  if (locks.seconds === 0) return ['', 'lock waiting: no time in _thread.lock.acquire'];
  const share = (s: number) => formatPercent(total > 0 ? s / total : 0);
  const lines = [
    '',
    `lock acquire: ${formatSeconds(locks.seconds)} (${share(locks.seconds)} of thread-seconds); waiting for an event (Condition.wait, Event.wait, join) ${formatSeconds(locks.waitingSeconds)}, logging ${formatSeconds(locks.loggingSeconds)}`,
    `the driver's main thread alone (as cProfile sees it): ${formatSeconds(locks.mainThread.acquireSeconds)} of ${formatSeconds(locks.mainThread.seconds)} in lock acquire (${formatPercent(locks.mainThread.seconds > 0 ? locks.mainThread.acquireSeconds / locks.mainThread.seconds : 0)})`,
    'lock acquire by caller:',
  ];
  return [...lines, ...columns(locks.byCaller.slice(0, 6).map((c) => [formatSeconds(c.seconds), c.caller]))];
}

/**
 * The profile as text: a header (point, T_par under the profilers, where the files are), thread-seconds
 * by group with shares, the top functions (self time, share, group, threads, function, where), and the
 * lock waiting when `locks` is given. Pure.
 */
export function profileView(input: ProfileViewInput): string {
  const { summary } = input;
  const groups = columns(summary.groups.map((g) => [g.group, formatSeconds(g.seconds), formatPercent(g.share)]));
  const top = columns([
    ['self', 'share', 'group', 'threads', 'function', 'where'],
    ...summary.top.map((f) => [formatSeconds(f.seconds), formatPercent(f.share), f.group, String(f.threads), f.function, f.where]),
  ]);
  return [
    ...header(input),
    '',
    `thread-seconds by group (Σ over ${summary.threads.length} threads and processes: ${formatSeconds(summary.totalSeconds)})`,
    ...groups,
    '',
    `top ${summary.top.length} functions by self time, harness left out (share of the point's ${formatSeconds(summary.pointSeconds)})`,
    ...top,
    ...(input.locks ? lockLines(input.locks, summary.totalSeconds) : []),
  ].join('\n');
}
