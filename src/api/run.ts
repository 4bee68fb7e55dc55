/** `run`: measure a resolved configuration and keep its files (run.json, results.csv) current. */
import type { ResolvedConfig } from '../config/config-schema.js';
import { checkOutputDirectory, runDir, TRACE_FILE, writeRunFiles, type MachineProbe, type PointRecord, type RunRecord } from '../record/index.js';
import { toCsv } from '../report/csv.js';
import { probeMachine } from '../runner/machine-probe.js';
import { newRunId, runBenchmarks, type Progress } from '../runner/run-benchmarks.js';
import { runEta } from '../runner/eta.js';
import type { LiveBoard } from '../runner/live.js';
import { TimeAccount } from '../runner/time-account.js';
import { scheduleRun, type RunSchedule } from '../runner/schedule-run.js';
import { availableParallelism } from 'node:os';
import { findBackend } from '../backends/index.js';
import { runWarnings, type RunWarning } from '../stats/warnings.js';
import { analyzeRun } from '../stats/analyze.js';
import { suiteVerdicts, type SuiteVerdict } from '../stats/verdict.js';
import { NODE_TRACE_CLOCK } from '../trace/point-trace.js';
import type { PointSpans } from '../trace/spans.js';
import { traceFile } from '../trace/trace-events.js';

export interface RunOptions {
  /** Called as repetitions go by (point i of n, repeat j of m). */
  onProgress?: (progress: Progress) => void;
  /**
   * Called with every point once it is measured and written, and the seconds the run still needs
   * (runEta: the schedule's estimates of the rest, scaled by how the points done so far compared with
   * theirs).
   */
  onPoint?: (point: PointRecord, etaSeconds: number) => void;
  /** Aborting stops the run after closing every open pool and isolate; the groups measured before are kept. */
  signal?: AbortSignal;
  /** The run's id (its directory name under outputDir); default a fresh timestamped id. */
  id?: string;
  /**
   * The machine probe recorded as `probe`: measured before the first point unless given; `false` skips
   * it (the record then has no probe).
   */
  probe?: MachineProbe | false;
  /** Called once before the first point with the run's estimate and, under a time budget, its allocation. */
  onEstimate?: (schedule: RunSchedule) => void;
  /** The live view's board (LiveRun.board, `run --live`): thread pools write per-worker counters there. */
  live?: LiveBoard;
  /**
   * Lockstep's hand-over (lockstepFromEnv, gate --against): called once before anything is measured
   * (the probe included) and then between measurements (RunHooks.handOver).
   */
  handOver?: () => void;
}

export interface RunResult {
  record: RunRecord;
  dir: string;
  /** The run's aggregated warnings, ranked (see runWarnings); `run` prints the first three. */
  warnings: RunWarning[];
  /** Per suite, what to conclude: METG and fitted overhead per backend, the fastest backend by grain (suiteVerdicts at METG(50%)). */
  verdicts: SuiteVerdict[];
}

/**
 * What to say about a configuration before it runs, one line each: worker counts beyond `cores` (the
 * machine's available parallelism) when a parallel backend is selected, where every extra worker is one more thread or process holding
 * its own copy of the suite's context, to measure oversubscription only. Pure.
 */
export function startWarnings(config: ResolvedConfig, cores: number): string[] {
  const over = config.workers.filter((w) => w > cores);
  if (over.length === 0 || !config.backends.some((name) => findBackend(name)?.parallel)) return [];
  return [`--workers ${over.join(',')} is more than the ${cores} CPUs available here: each worker is a thread or process with its own copy of the suite's input, so expect oversubscription and more memory, not more speed-up`];
}

/**
 * Run a resolved configuration (see runBenchmarks), writing run.json and results.csv under
 * `config.outputDir` after every suite × grain group; that directory is checked first (created, a probe
 * file written and removed), before anything is measured or estimated. The machine is probed first (probeMachine, 0.2 s,
 * outside every point) and the probe goes on the record as `probe`. Resolves with the finished record,
 * its directory, its ranked warnings and its verdict per suite; rejects with what runBenchmarks throws
 * and with WRITE_FAILED (exit 2, naming the path and the system's reason) when the directory or a file
 * cannot be written.
 */
export async function run(config: ResolvedConfig, options: RunOptions = {}): Promise<RunResult> {
  checkOutputDirectory(config.outputDir);
  const id = options.id ?? newRunId();
  const account = new TimeAccount();
  const schedule = scheduleRun(config, availableParallelism());
  options.onEstimate?.(schedule);
  let pointsDone = 0;
  const onPoint = (point: PointRecord) => {
    pointsDone = Math.min(pointsDone + 1, schedule.estimate.perPoint.length);
    options.onPoint?.(point, runEta(schedule.estimate, pointsDone, account.elapsedSeconds()).remainingSeconds);
  };
  if (options.handOver) account.measure('handover', options.handOver);
  const probe = options.probe === undefined ? account.measure('probe', () => probeMachine()) : options.probe;
  const traced: PointSpans[] = [];
  const record = await runBenchmarks(
    config,
    {
      persist: (r) => {
        if (probe && !r.probe) r.probe = probe;
        if (config.trace) r.traced = { file: TRACE_FILE };
        writeRunFiles(r, config.outputDir, toCsv(r), config.trace ? traceText(traced, r.id) : undefined);
      },
      onSpans: (spans) => traced.push(spans),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      onPoint,
      ...(options.signal ? { signal: options.signal } : {}),
      account,
      ...(schedule.allocation ? { allocation: schedule.allocation } : {}),
      ...(options.live ? { live: options.live } : {}),
      ...(options.handOver ? { handOver: options.handOver } : {}),
    },
    id,
  );
  return { record, dir: runDir(config.outputDir, id), warnings: runWarnings(record), verdicts: suiteVerdicts(analyzeRun(record)) };
}
/** The trace file's text of a run's traced points (traceFile), its run id and clock in `otherData`. */
export function traceText(points: readonly PointSpans[], id: string): string {
  return JSON.stringify(traceFile(points, { run: id, clock: NODE_TRACE_CLOCK.source, shows: 'the last traced repetition of each point' }));
}

export type { Progress } from '../runner/run-benchmarks.js';
export type { RunSchedule } from '../runner/schedule-run.js';
export type { RunWarning } from '../stats/warnings.js';
export type { SuiteVerdict } from '../stats/verdict.js';
export type { PointRecord, RunRecord } from '../record/index.js';
export { newRunId } from '../runner/run-benchmarks.js';
export { runDir } from '../record/index.js';
export { MAX_RUN_WARNINGS } from '../stats/warnings.js';
