/**
 * The live view's frame (`run --live`, `monitor`): the current point and, per worker, busy share over
 * the last second, tasks done, the part of the input its task is on drawn as a bar over the input, and a
 * throughput sparkline. Formatting only: a frame is a pure function of its state.
 */
import { formatDuration, formatGrain, formatPercent } from './format.js';

/** One worker's state in a frame (see the runner's LiveWorker). */
export interface FrameWorker {
  busyShare: number;
  done: number;
  busy: boolean;
  span: [number, number] | null;
  /** Tasks per second, oldest first. */
  history: number[];
}

/** Everything a frame shows; also what the run publishes in its run directory's live.json for `monitor`. */
export interface LiveFrame {
  /** The point being measured, or null before the first (calibration, probe). */
  point: { index: number; total: number; suite: string; grain: number; backend: string; workers: number; repeat: number; repeats: number } | null;
  /** Seconds the run still needs (the run's ETA), or null before the first point is done. */
  etaSeconds: number | null;
  workers: FrameWorker[];
  /** Why there are no workers to show, when there are none; null otherwise. */
  note: string | null;
  /** true once the run has ended. */
  finished: boolean;
}

const SPARK = '▁▂▃▄▅▆▇█';

/** Values as a sparkline of `width` characters (the last ones), scaled to their maximum; blank when empty. */
export function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(-width);
  const max = Math.max(0, ...shown);
  const line = shown.map((v) => (max > 0 ? SPARK[Math.min(SPARK.length - 1, Math.floor((v / max) * (SPARK.length - 1) + 0.5))]! : SPARK[0]!)).join('');
  return line.padStart(width, ' ');
}

/** [start, end) of an input of `extent` units as a bar of `width` characters: █ over the span, · elsewhere; `–` padded without a span. */
export function spanBar(span: [number, number] | null, extent: number, width: number): string {
  if (!span || extent <= 0) return '–'.padEnd(width, ' ');
  const from = Math.min(width - 1, Math.floor((span[0] / extent) * width));
  const to = Math.max(from + 1, Math.min(width, Math.ceil((span[1] / extent) * width)));
  return '·'.repeat(from) + '█'.repeat(to - from) + '·'.repeat(width - to);
}

function headerLine(frame: LiveFrame): string {
  const p = frame.point;
  const state = frame.finished ? 'finished' : `ETA ${frame.etaSeconds === null ? '?' : formatDuration(frame.etaSeconds)}`;
  if (!p) return `parbench live · starting (probe, calibration) · ${state}`;
  return `parbench live · [${p.index}/${p.total}] ${p.suite} grain ${formatGrain(p.grain)} · ${p.backend} ×${p.workers} · repeat ${p.repeat}/${p.repeats} · ${state}`;
}

/**
 * The frame as text, at most `width` columns (default 80): a header line (point i/n, suite, grain,
 * backend ×W, repeat i/n, ETA), then one line per worker — busy share, tasks done, a bar over the input
 * (its extent: the largest span end any worker reported), a throughput sparkline — or, without
 * workers, the frame's note. Pure.
 */
export function renderLiveFrame(frame: LiveFrame, width = 80): string {
  const lines = [headerLine(frame)];
  if (frame.workers.length === 0) {
    if (frame.note) lines.push(`  ${frame.note}`);
  } else {
    const barWidth = Math.max(8, width - 46);
    const extent = Math.max(0, ...frame.workers.map((w) => w.span?.[1] ?? 0));
    lines.push(`  ${'worker'.padEnd(7)}${'busy'.padStart(5)}  ${'tasks'.padStart(9)}  ${'on the input'.padEnd(barWidth)}  tasks/s`);
    frame.workers.forEach((w, i) => {
      const mark = w.busy ? '*' : ' ';
      lines.push(`  ${`w${i}${mark}`.padEnd(7)}${formatPercent(w.busyShare).padStart(5)}  ${String(w.done).padStart(9)}  ${spanBar(w.span, extent, barWidth)}  ${sparkline(w.history, 16)}`);
    });
  }
  return lines.map((l) => (l.length > width ? l.slice(0, width) : l)).join('\n');
}
