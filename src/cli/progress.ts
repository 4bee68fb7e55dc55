/**
 * Progress on stderr. On a terminal: one line redrawn in place, shown once a run passes one second.
 * Elsewhere (CI logs, pipes): one line per finished point, `parbench: [i/n] suite grain backend×W · ETA 1m20s`.
 */
import type { PointRecord, Progress } from '../api/run.js';
import { formatDuration, formatGrain } from '../report/format.js';

export { formatDuration };

export interface ProgressLine {
  /** A repetition went by (point i of n, repeat j of m). */
  update(progress: Progress): void;
  /** A point finished and was written; `etaSeconds`: the run's own estimate of the seconds left, when it has one. */
  pointDone(point: PointRecord, etaSeconds?: number): void;
  /** Erase the terminal line, if one is shown. */
  clear(): void;
}

/** What progress is written to: process.stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Milliseconds before the terminal line first shows (default 1000). */
  delayMs?: number;
  /** Milliseconds since an arbitrary origin (default Date.now). */
  now?: () => number;
}

/**
 * Seconds left in a run from `elapsedSeconds` spent on `done` of `total` points, at the average pace so
 * far; NaN before the first point is done.
 */
export function estimateEta(elapsedSeconds: number, done: number, total: number): number {
  return done > 0 ? (elapsedSeconds / done) * Math.max(0, total - done) : NaN;
}

function terminalLine(stream: ProgressStream, delayMs: number, now: () => number): ProgressLine {
  const started = now();
  let shown = false;
  return {
    update(p) {
      if (!shown && now() - started < delayMs) return;
      shown = true;
      const workers = p.backend === 'sequential' ? '' : ` ×${p.workers}`;
      const text = `[${p.point}/${p.points}] ${p.suite} grain ${formatGrain(p.grain)} · ${p.backend}${workers} · repeat ${p.repeat}/${p.repeats}`;
      stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 80) - 1)}`);
    },
    pointDone() {},
    clear() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

function logLines(stream: ProgressStream, now: () => number): ProgressLine {
  const started = now();
  let last: Progress | undefined;
  let done = 0;
  return {
    update(p) {
      last = p;
    },
    pointDone(point, etaSeconds) {
      done += 1;
      // Points finish in plan order, a suite × grain group at a time: the count is the index.
      const index = done;
      const total = last?.points ?? NaN;
      const eta = etaSeconds ?? estimateEta((now() - started) / 1000, index, total);
      const label = point.backend === 'sequential' ? point.backend : `${point.backend}×${point.workers}`;
      stream.write(`parbench: [${index}/${Number.isFinite(total) ? total : '?'}] ${point.suite} ${formatGrain(point.grain.target)} ${label} · ETA ${formatDuration(eta)}\n`);
    },
    clear() {},
  };
}

/**
 * Progress on `stream`: on a terminal (`stream.isTTY`), a line redrawn in place once the run has lasted
 * `options.delayMs` ms, erased by `clear`; elsewhere one line per finished point with its index, suite,
 * target grain, backend×W and the ETA (the `etaSeconds` pointDone is given, else the average pace of
 * the points so far). Throws nothing beyond what `stream.write` throws.
 */
export function progressLine(stream: ProgressStream = process.stderr, options: ProgressOptions = {}): ProgressLine {
  const now = options.now ?? Date.now;
  return stream.isTTY ? terminalLine(stream, options.delayMs ?? 1000, now) : logLines(stream, now);
}
