/**
 * Drawing the live view on stderr (`run --live`): on a terminal a frame redrawn LIVE_FPS times a second
 * by log-update; the same frame is published in the run's directory for `monitor`, terminal or not.
 */
import { createLogUpdate } from 'log-update';
import { LIVE_FPS, publishLiveFrame, type LiveRun } from '../api/live.js';
import { renderLiveFrame } from '../report/live-view.js';

/** What the view is drawn on: process.stderr, or a fake in tests. */
export interface LiveStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

/**
 * Start drawing `live` (on `stream` when it is a terminal) and publishing it in `dir` every 1/LIVE_FPS s;
 * `stop` (idempotent) draws and publishes the last frame (finished) and stops. A failed publish is reported once on
 * `stream` and not retried.
 */
export function liveDisplay(live: LiveRun, dir: string, stream: LiveStream = process.stderr): { stop(): void } {
  const draw = stream.isTTY ? createLogUpdate(stream, { showCursor: true }) : undefined;
  let publishing = true;
  const tick = () => {
    const frame = live.frame();
    if (publishing) {
      try {
        publishLiveFrame(dir, frame);
      } catch (error) {
        publishing = false;
        stream.write(`parbench: warning: ${(error as Error).message}; monitor will not see this run\n`);
      }
    }
    draw?.(renderLiveFrame(frame, stream.columns ?? 80));
  };
  const timer = setInterval(tick, 1000 / LIVE_FPS);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      live.finish();
      tick();
      draw?.done();
    },
  };
}
