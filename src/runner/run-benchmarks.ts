/**
 * A whole run: plan the points, then measure them one at a time (see measurePoint). The record is
 * handed to `persist` after every point, so what was measured survives a crash or Ctrl-C.
 */
import { availableParallelism } from 'node:os';
import type { ResolvedConfig } from '../config/config-schema.js';
import { RUN_SCHEMA, type PointRecord, type RunRecord } from '../record/index.js';
import { packageVersion } from '../version.js';
import { hrClock, type Clock } from './clock.js';
import { gitInfo, machineInfo } from './machine.js';
import { measurePoint, type Closeable } from './measure-point.js';
import { planRun, type PlannedPoint, type SkippedPair } from './plan.js';
import { RunContext } from './run-context.js';

export interface Progress extends PlannedPoint {
  /** 1-based index of the point being measured and the number of points in the run. */
  point: number;
  points: number;
  /** Repetitions done in the point (warm-up included) and its total. */
  repeat: number;
  repeats: number;
}

export interface RunHooks {
  /** Called with the whole record when the run starts, after every point, and when it ends. */
  persist: (record: RunRecord) => void;
  onProgress?: (progress: Progress) => void;
  onPoint?: (point: PointRecord) => void;
  /** Set by the caller (e.g. on SIGINT) to stop after closing the open executor or session. */
  signal?: AbortSignal;
  /** What every timing of the run reads (seconds); hrClock unless a test drives synthetic time. */
  clock?: Clock;
}

/** A fresh run id: the UTC start time to the second, then four random hex digits (`2024-01-02_03-04-05-ab12`). */
export function newRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
  return `${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}

function recordHeader(config: ResolvedConfig, id: string, cores: number, skipped: SkippedPair[]): RunRecord {
  return {
    schema: RUN_SCHEMA,
    id,
    status: 'running',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    parbench: packageVersion(),
    git: gitInfo(),
    machine: machineInfo(),
    config,
    cores,
    points: [],
    errors: [],
    skipped,
  };
}

/**
 * Run every point of the configuration's plan, in order, and return the finished record. A point that
 * fails is recorded as failed and the run goes on (status `failed` at the end); when `hooks.signal`
 * aborts, the open executor or session is closed, the interrupted point is dropped, the points before
 * it are kept and the status is `interrupted`. Throws UNKNOWN_SUITE / UNKNOWN_BACKEND for names no
 * registry holds, whatever `hooks.persist` throws, and whatever a suite's kernel throws while a
 * reference is measured.
 */
export async function runBenchmarks(config: ResolvedConfig, hooks: RunHooks, id = newRunId()): Promise<RunRecord> {
  const plan = planRun(config);
  const run = new RunContext(config, availableParallelism(), hooks.clock ?? hrClock);
  const record = recordHeader(config, id, run.cores, plan.skipped);
  hooks.persist(record);
  let open: Closeable | undefined;
  const aborted = () => hooks.signal?.aborted === true;
  hooks.signal?.addEventListener('abort', () => void open?.close());
  for (const [index, planned] of plan.points.entries()) {
    if (aborted()) break;
    const onRepeat = (repeat: number, repeats: number) =>
      hooks.onProgress?.({ ...planned, point: index + 1, points: plan.points.length, repeat, repeats });
    const point = await measurePoint(planned, run, { onRepeat, aborted, onOpen: (o) => (open = o) });
    if (!point) break;
    record.points.push(point);
    if (point.error) record.errors.push(point.error);
    hooks.persist(record);
    hooks.onPoint?.(point);
  }
  record.status = aborted() ? 'interrupted' : record.points.some((p) => p.status === 'failed') ? 'failed' : 'completed';
  record.finishedAt = new Date().toISOString();
  hooks.persist(record);
  return record;
}
