/** A single progress line on stderr, shown only on a terminal and only once a run passes one second. */
import type { Progress } from '../api/run.js';
import { formatGrain } from '../report/format.js';

export interface ProgressLine {
  update(progress: Progress): void;
  clear(): void;
}

/**
 * A progress line on `stream` that redraws in place, shown only on a terminal and only once the run has
 * lasted `delayMs` milliseconds; elsewhere both methods do nothing.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr, delayMs = 1000): ProgressLine {
  if (!stream.isTTY) return { update() {}, clear() {} };
  const started = Date.now();
  let shown = false;
  return {
    update(p) {
      if (!shown && Date.now() - started < delayMs) return;
      shown = true;
      const workers = p.backend === 'sequential' ? '' : ` ×${p.workers}`;
      const text = `[${p.point}/${p.points}] ${p.suite} grain ${formatGrain(p.grain)} · ${p.backend}${workers} · repeat ${p.repeat}/${p.repeats}`;
      stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 80) - 1)}`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
