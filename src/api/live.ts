/**
 * `run --live` and `monitor`: what the live view shows, assembled from the run's progress and the
 * workers' counters (runner/live.ts), and published as `live.json` in the run's directory a few times a
 * second so that `parbench monitor <run-dir>` can draw the same frame from another terminal. The file
 * is written without fsync (it is a view, not a result) by a rename, so a reader never sees half of it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parbenchError } from '../errors.js';
import { osReason } from '../record/index.js';
import type { LiveFrame } from '../report/live-view.js';
import { LiveBoard, LiveSampler } from '../runner/live.js';
import type { Clock } from '../runner/clock.js';
import type { Progress } from '../runner/run-benchmarks.js';

/** The file a run started with --live publishes its frame in, in its run directory. */
export const LIVE_FILE = 'live.json';

/** Frames a second the live view draws and publishes. */
export const LIVE_FPS = 4;

/**
 * The state of a run for its live view: feed it the run's progress and ETA (`onProgress`, `onEta`),
 * hand `board` to `run` (RunOptions.live), and ask for a `frame` whenever one is drawn; each frame
 * reads the counters of the point's backend.
 */
export class LiveRun {
  /** The counters the run's thread pools write (RunOptions.live). */
  readonly board = new LiveBoard();
  private readonly sampler: LiveSampler;
  private progress: Progress | undefined;
  private eta: number | null = null;
  private finished = false;

  /** `clock`: what the sampler reads (seconds), for tests; the real clock by default. */
  constructor(clock?: Clock) {
    this.sampler = new LiveSampler(this.board, clock);
  }

  /** A repetition went by (RunOptions.onProgress). */
  onProgress(progress: Progress): void {
    this.progress = progress;
  }

  /** A point finished; the run's ETA in seconds (RunOptions.onPoint). */
  onEta(seconds: number): void {
    this.eta = seconds;
  }

  /** The run has ended: frames say so. */
  finish(): void {
    this.finished = true;
  }

  private note(p: Progress): string {
    if (this.board.has(p.backend, p.workers)) return 'no counters yet (the pool is opening, or its workers are processes, which share no memory with parbench)';
    const tasks = this.board.driverTasks(p.backend, p.workers);
    return `the driver's tasks completed: ${tasks ?? 0} (its progress lines, once a second; no per-worker counters)`;
  }

  /** The frame now: the current point, the ETA, and the counters of the point's backend read now. */
  frame(): LiveFrame {
    const p = this.progress;
    const workers = p ? this.sampler.sample(p.backend, p.workers) : [];
    return {
      point: p ? { index: p.point, total: p.points, suite: p.suite, grain: p.grain, backend: p.backend, workers: p.workers, repeat: p.repeat, repeats: p.repeats } : null,
      etaSeconds: this.eta,
      workers: workers.map((w) => ({ busyShare: w.busyShare, done: w.done, busy: w.busy, span: w.span, history: w.history })),
      note: p && workers.length === 0 ? this.note(p) : null,
      finished: this.finished,
    };
  }
}

/** Publish `frame` as `dir`/live.json (made if missing; replaced by a rename). Throws WRITE_FAILED naming the file. */
export function publishLiveFrame(dir: string, frame: LiveFrame): void {
  const path = join(dir, LIVE_FILE);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${path}.tmp`, JSON.stringify(frame));
    renameSync(`${path}.tmp`, path);
  } catch (error) {
    throw parbenchError('WRITE_FAILED', path, osReason(error));
  }
}

/**
 * The frame a run published in `dir` (a run directory). Throws NO_LIVE_STATUS (exit 2) when the
 * directory has no live.json, or BAD_RUN when it is not a frame.
 */
export function readLiveFrame(dir: string): LiveFrame {
  const path = join(dir, LIVE_FILE);
  if (!existsSync(path)) throw parbenchError('NO_LIVE_STATUS', dir);
  try {
    const frame = JSON.parse(readFileSync(path, 'utf8')) as LiveFrame;
    if (!Array.isArray(frame.workers) || typeof frame.finished !== 'boolean') throw new Error('not a live frame');
    return frame;
  } catch (error) {
    throw parbenchError('BAD_RUN', path, (error as Error).message);
  }
}
