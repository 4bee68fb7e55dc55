/**
 * The live view's side of the runner (`run --live`): a board of per-worker counters for the suite × grain
 * group being measured (one SharedArrayBuffer its thread pools write, see backends/live-slots.ts), and a
 * sampler that turns successive readings into each worker's busy share over the last second and its
 * throughput. Read from the main thread between its own work, never from a task's path.
 */
import { liveBuffer, readCounters, type WorkerCounters } from '../backends/live-slots.js';
import { hrClock, type Clock } from './clock.js';

/** One lane of a group: a backend with W workers, and its slots in the group's buffer. */
interface LaneSlots {
  key: string;
  from: number;
  to: number;
}

/** The key of a backend × workers lane. */
function laneKey(backend: string, workers: number): string {
  return `${backend}\u0000${workers}`;
}

/**
 * The counters of the group being measured. A group's pools open one after another, each waiting for all
 * its workers, so lane k's workers claim the slots after lanes 0…k−1's: its slots are known in advance.
 */
export class LiveBoard {
  private buffer: SharedArrayBuffer | null = null;
  private lanes: LaneSlots[] = [];
  private readonly drivers = new Map<string, number>();

  /** A driver's running count of completed tasks (its progress lines), for a remote backend×workers. */
  driverCompleted(backend: string, workers: number, tasks: number): void {
    this.drivers.set(laneKey(backend, workers), tasks);
  }

  /** The last count driverCompleted gave for `backend`×`workers`, or null. */
  driverTasks(backend: string, workers: number): number | null {
    return this.drivers.get(laneKey(backend, workers)) ?? null;
  }

  /** A fresh buffer for a group whose executor points are `points` (in the order their pools open). */
  startGroup(points: readonly { backend: string; workers: number }[]): SharedArrayBuffer {
    let from = 0;
    this.lanes = points.map((p) => {
      const lane = { key: laneKey(p.backend, p.workers), from, to: from + p.workers };
      from = lane.to;
      return lane;
    });
    this.buffer = liveBuffer(from);
    return this.buffer;
  }

  /** Whether `backend`×`workers` is a lane of the current group (remote backends are not). */
  has(backend: string, workers: number): boolean {
    return this.lanes.some((l) => l.key === laneKey(backend, workers));
  }

  /**
   * The counters of `backend`×`workers` in the current group, one per worker that has loaded its kernel
   * (none while its pool opens, and none ever for workers that share no memory with this thread).
   */
  workers(backend: string, workers: number): WorkerCounters[] {
    const lane = this.lanes.find((l) => l.key === laneKey(backend, workers));
    if (!lane || !this.buffer) return [];
    return readCounters(this.buffer).slice(lane.from, lane.to);
  }
}

/** One worker as the live view draws it. */
export interface LiveWorker {
  /** Share of the readings of the last second in which it was running a task (0…1). */
  busyShare: number;
  done: number;
  busy: boolean;
  span: [number, number] | null;
  /** Tasks per second between successive readings, oldest first (at most HISTORY values). */
  history: number[];
}

/** Throughput values kept per worker for the sparkline. */
export const HISTORY = 24;

/**
 * Successive readings of a board for one lane at a time: `sample` reads the clock (seconds) and the
 * counters and returns each worker's busy share over the last `windowSeconds` (default 1) and its
 * throughput history. A change of lane starts afresh.
 */
export class LiveSampler {
  private lane = '';
  private readings: { at: number; busy: boolean[] }[] = [];
  private last: { at: number; done: number[] } | null = null;
  private history: number[][] = [];

  constructor(
    private readonly board: LiveBoard,
    private readonly clock: Clock = hrClock,
    private readonly windowSeconds = 1,
  ) {}

  /** Read the counters of `backend`×`workers` now. */
  sample(backend: string, workers: number): LiveWorker[] {
    const counters = this.board.workers(backend, workers);
    const at = this.clock();
    const key = laneKey(backend, workers);
    if (key !== this.lane) Object.assign(this, { lane: key, readings: [], last: null, history: [] });
    this.readings.push({ at, busy: counters.map((c) => c.busy) });
    this.readings = this.readings.filter((r) => r.at > at - this.windowSeconds);
    const rates = counters.map((c, i) => (this.last && at > this.last.at ? (c.done - (this.last.done[i] ?? 0)) / (at - this.last.at) : null));
    this.history = counters.map((_, i) => {
      const h = [...(this.history[i] ?? []), ...(rates[i] === null ? [] : [rates[i]!])];
      return h.slice(-HISTORY);
    });
    this.last = { at, done: counters.map((c) => c.done) };
    return counters.map((c, i) => ({
      ...c,
      busyShare: this.readings.filter((r) => r.busy[i]).length / this.readings.length,
      history: this.history[i]!,
    }));
  }
}
