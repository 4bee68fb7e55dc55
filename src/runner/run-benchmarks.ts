/**
 * A whole run: plan the points, then measure them suite × grain group by group (see measureGroup). The
 * record is handed to `persist` after every group, so what was measured survives a crash or Ctrl-C.
 */
import { availableParallelism } from 'node:os';
import type { ResolvedConfig } from '../config/config-schema.js';
import { RUN_SCHEMA, type PointRecord, type RunRecord } from '../record/index.js';
import { packageVersion } from '../version.js';
import { hrClock, type Clock } from './clock.js';
import { TimeAccount } from './time-account.js';
import { allocatedReps } from './schedule-run.js';
import type { BudgetAllocation } from './schedule.js';
import { gitInfo, machineInfo } from './machine.js';
import { calibrateBusyWork } from './inject-overhead.js';
import { measureGroup } from './measure-group.js';
import { describeError, isParbenchError } from '../errors.js';
import { planRun, type PlannedPoint, type SkippedPair } from './plan.js';
import { OpenSet } from './rounds.js';
import type { LiveBoard } from './live.js';
import { RunContext } from './run-context.js';
import { SuitePools } from './suite-pools.js';
import type { PointSpans } from '../trace/spans.js';

export interface Progress extends PlannedPoint {
  /** 1-based index of the point being measured and the number of points in the run. */
  point: number;
  points: number;
  /** Repetitions done in the point (warm-up included) and its total; in rounds, rounds done and their total. */
  repeat: number;
  repeats: number;
  /** When repetitions are taken in rounds: the points of the round (this point first). */
  round?: PlannedPoint[];
}

export interface RunHooks {
  /** Called with the whole record when the run starts, after every suite × grain group, and when it ends. */
  persist: (record: RunRecord) => void;
  onProgress?: (progress: Progress) => void;
  onPoint?: (point: PointRecord) => void;
  /** Set by the caller (e.g. on SIGINT) to stop after closing every open pool, isolate or session. */
  signal?: AbortSignal;
  /** What every timing of the run reads (seconds); hrClock unless a test drives synthetic time. */
  clock?: Clock;
  /**
   * Where the run's wall time goes, by phase (made on `clock` when absent, from the run's start). The
   * finished record carries its summary as `timeAccounting`.
   */
  account?: TimeAccount;
  /** A time budget's allocation (scheduleRun): each group runs the repetitions granted to its points. */
  allocation?: BudgetAllocation;
  /** The live view's board (`run --live`): every group's thread pools write their counters there. */
  live?: LiveBoard;
  /** Receives the task spans of every traced point (run --trace), before the record that holds its trace is persisted. */
  onSpans?: (spans: PointSpans) => void;
  /**
   * Lockstep (gate --against): called between measurements — after every repetition of the reference
   * or of a lane, and after every group — to hand the machine to another process and block until it
   * is given back (src/api/lockstep.ts). The run's time there is counted as `handover`.
   */
  handOver?: () => void;
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
 * At the stop: the record as it will end — the groups measured so far, `interrupted` — written at once,
 * so a forced exit before the run winds down still leaves a finished record. A write that fails here is
 * left to the run's last write to report.
 */
function persistInterrupted(record: RunRecord, persist: RunHooks['persist']): void {
  try {
    persist({ ...record, points: [...record.points], errors: [...record.errors], status: 'interrupted', finishedAt: new Date().toISOString() });
  } catch {
    // the last write reports it
  }
}

/**
 * Measure the plan's groups one after another into `record` (points and their errors appended,
 * `hooks.persist` after each group), until the plan ends or `hooks.signal` aborts. Throws what
 * measureGroup throws outside an abort.
 */
async function measureGroups(plan: ReturnType<typeof planRun>, run: RunContext, record: RunRecord, hooks: RunHooks, opened: OpenSet): Promise<void> {
  const aborted = () => hooks.signal?.aborted === true;
  let before = 0;
  for (const group of plan.groups) {
    if (aborted()) break;
    const onProgress = (points: PlannedPoint[], repeat: number, repeats: number) => {
      if (points.length === 0) return;
      const point = before + group.points.indexOf(points[0]!) + 1;
      hooks.onProgress?.({ ...points[0]!, point, points: plan.points.length, repeat, repeats, ...(points.length > 1 ? { round: points } : {}) });
    };
    if (hooks.allocation) run.useReps(allocatedReps(run.configuredReps, group.points, plan.points, hooks.allocation));
    const points = await measureGroup(group, run, { aborted, opened, onProgress }).catch((error: unknown) => {
      if (aborted()) return null; // a stop seen inside calibration or the inline reference (INTERRUPTED)
      throw error;
    });
    if (!points) break;
    for (const point of points) {
      record.points.push(point);
      if (point.error) record.errors.push(point.error);
      hooks.onPoint?.(point);
    }
    hooks.persist(record);
    run.handOver();
    before += group.points.length;
  }
}

/**
 * Run every point of the configuration's plan, suite × grain group by group, and return the finished
 * record. In a group the sequential reference is timed in a fresh worker isolate and the executor points'
 * repetitions are taken in interleaved rounds with it (point after point with `config.interleave` false);
 * `onProgress` is called after every round. A point that fails is recorded as failed and the run goes on
 * (status `failed` at the end). When `hooks.signal` aborts, every open pool, isolate and session is
 * closed at once, the interrupted group's points are dropped, the groups before it are kept and the
 * status is `interrupted`. With `config.injectOverheadSeconds` (test only) the busy work is calibrated
 * first and every executor task does it (recorded as `injectedOverhead`). Throws UNKNOWN_SUITE /
 * UNKNOWN_BACKEND for names no registry holds, whatever `hooks.persist` throws, TASK_FAILED or
 * WORKER_EXITED when a suite's calibration isolate fails, and whatever a suite's kernel throws in this
 * thread; before it throws, the record is persisted `failed` with the error in `errors` and the groups
 * measured before it kept.
 */
export async function runBenchmarks(config: ResolvedConfig, hooks: RunHooks, id = newRunId()): Promise<RunRecord> {
  const plan = planRun(config);
  const clock = hooks.clock ?? hrClock;
  const account = hooks.account ?? new TimeAccount(clock);
  const aborted = () => hooks.signal?.aborted === true;
  const run = new RunContext(config, availableParallelism(), clock, undefined, account, aborted);
  run.live = hooks.live;
  run.onSpans = hooks.onSpans;
  run.handOverHook = hooks.handOver;
  const persist = (r: RunRecord) => account.measure('writing', () => hooks.persist(r));
  const record = recordHeader(config, id, run.cores, plan.skipped);
  if (config.injectOverheadSeconds) {
    const injected = account.measure('calibration', () => calibrateBusyWork(config.injectOverheadSeconds!, clock));
    record.injectedOverhead = injected;
    run.injectRounds = injected.rounds;
  }
  persist(record);
  const opened = new OpenSet();
  hooks.signal?.addEventListener('abort', () => {
    void opened.closeAll();
    persistInterrupted(record, hooks.persist);
  });
  const finish = (status: RunRecord['status']) => {
    record.status = status;
    record.finishedAt = new Date().toISOString();
    record.timeAccounting = account.summary();
    persist(record);
  };
  // The live view's counters belong to one group's pools, so a live run opens pools group by group.
  run.pools = config.interleave && !hooks.live ? new SuitePools(opened) : undefined;
  try {
    await measureGroups(plan, run, record, { ...hooks, persist }, opened);
    await account.measure('startup', async () => run.pools?.closeAll());
  } catch (error) {
    await account.measure('startup', async () => run.pools?.closeAll());
    // What was measured stays, and the record says why the run ended: it is never left `running`.
    record.errors.push(isParbenchError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: `internal error: ${describeError(error)}` });
    finish('failed');
    throw error;
  }
  finish(aborted() ? 'interrupted' : record.points.some((p) => p.status === 'failed') ? 'failed' : 'completed');
  return record;
}
