/**
 * The timing loops: the sequential reference T_seq of a task set, and an executor backend's T_par on the
 * same tasks (pool start-up timed apart, warm-up first, every repetition verified against the
 * reference). Every loop reads an injected clock (`hrClock` unless a test drives synthetic time).
 */
import type { Executor, ExecutorBackend, ExecutorSettings, OpenOptions, SequentialSamples } from '../backends/index.js';
import { describeError, isParbenchError, parbenchError } from '../errors.js';
import type { AnySuite } from '../../suites/index.js';
import type { ClusterInfo, RuntimeInfo } from '../record/index.js';
import { hrClock, type Clock } from './clock.js';
import { inlineRunner, runOn, type PreparedTasks } from './execute.js';
import { warmAndSize } from './sizing.js';
import { seriesDone, stopOptions } from './stopping.js';
import type { Verify } from './task-cap.js';

export interface SequentialTiming extends SequentialSamples {
  /** The combined result every backend is verified against. */
  expected: unknown;
  /** Each task's result, in task order, as the suite's `kernel` returns it. */
  results: unknown[];
}

/** How often a point runs its tasks: `warmup` passes (timed, kept apart as warm-up), then `repeats` samples. */
export interface Repetitions {
  /** Warm-up passes per point. */
  warmup: number;
  /** Timed samples per point. */
  repeats: number;
  /** A sequential sample loops over the task set until it lasts at least this long (seconds). */
  minSampleSeconds: number;
  /** Stop timed rounds once every series' 95% median interval is within ±precision (a fraction); null: always `repeats`. */
  precision?: number | null;
  /** The most timed repetitions while `precision` is not reached (default `repeats`). */
  maxRepeats?: number;
  /** Seconds of timed repetitions a group (or a series point after point) may spend beyond `repeats` chasing precision (default PRECISION_SECONDS of stopping.ts). */
  precisionSeconds?: number;
  /** Most tasks a point runs (a sample of a larger set, see task-cap.ts); null or absent: every task. */
  maxTasks?: number | null;
}

/**
 * Time the tasks run inline, one after another (T_seq). The passes are warmed up and `loops` sized
 * (warmAndSize: passes per sample, so a sample lasts ≥ reps.minSampleSeconds, at most 1e6), the last
 * pass gives the combined result; then `reps.warmup + reps.repeats` samples, each in seconds per pass,
 * `between` awaited before each (the run's abort check: it lets the event loop run and throws when the
 * run was interrupted; untimed). Rejects with what `between` throws and whatever the suite's kernel or
 * combine throws.
 */
export async function measureSequential(
  suite: AnySuite,
  input: unknown,
  context: unknown,
  prepared: PreparedTasks,
  reps: Repetitions,
  clock: Clock = hrClock,
  between: () => Promise<void> = async () => undefined,
): Promise<SequentialTiming> {
  const { tasks } = prepared;
  const runner = inlineRunner(suite, tasks, context);
  const loops = warmAndSize(() => runner.run(), reps.minSampleSeconds, clock);
  const results = runner.results();
  const expected = suite.combine(input, results);
  const warmupSamples: number[] = [];
  const samples: number[] = [];
  for (let r = 0; r < reps.warmup + reps.repeats; r++) {
    await between();
    const start = clock();
    for (let l = 0; l < loops; l++) runner.run();
    const sample = (clock() - start) / loops;
    (r < reps.warmup ? warmupSamples : samples).push(sample);
  }
  return { samples, warmupSamples, loops, expected, results };
}

/** What a backend's repetitions gave: seconds per repetition, start-up seconds, and whether all verified. */
export interface BackendTiming {
  /** Pool start-up (open and load) in seconds; null when it did not finish. */
  startupSeconds: number | null;
  /** Target grain (seconds) of the earlier group of the suite that opened the pool; absent when opened for this point. */
  poolOpenedFor?: number;
  /** T_par of each timed repetition, in seconds. */
  samples: number[];
  /** T_par of each warm-up repetition, in seconds. */
  warmupSamples: number[];
  /** true when every repetition ran and matched the reference. */
  verified: boolean;
  /** What stopped the repetitions, one line. */
  error?: { code: string; message: string };
  /** The executor's own settings, when it reports them. */
  executor?: ExecutorSettings;
  /** The runtime of a remote backend, as its driver reported it. */
  runtime?: RuntimeInfo;
  /** Workers W a remote backend ran with on the user's cluster (in place of the planned W). */
  workers?: number;
  /** The user's cluster the point ran on, as it reported itself. */
  cluster?: ClusterInfo;
}

/**
 * How a point records what stopped it ({code, message}, one line): a ParbenchError as is, anything else
 * as TASK_FAILED of `backend`.
 */
export function errorRecord(error: unknown, backend: string): { code: string; message: string } {
  return isParbenchError(error)
    ? { code: error.code, message: error.message }
    : { code: 'TASK_FAILED', message: parbenchError('TASK_FAILED', backend, describeError(error)).message };
}

export interface MeasureHooks {
  /** Repetitions done (warm-up included) of total, after each one. */
  onRepeat?: (done: number, total: number) => void;
  /** Polled between repetitions; true stops the point. */
  aborted?: () => boolean;
  /** Lets the caller close the open executor at once (e.g. on Ctrl-C). */
  onExecutor?: (executor: Executor | undefined) => void;
}

/** A point's work on this side: the tasks, ready to run, and how each repetition's results are verified. */
export interface LocalWork {
  suite: AnySuite;
  input: unknown;
  prepared: PreparedTasks;
  /** Checks a repetition's results against the sequential run (see task-cap.ts). */
  verify: Verify;
}

/**
 * Open the backend (start-up timed, including `load`), then run `reps.warmup` warm-up repetitions and
 * timed ones until the stopping rule says stop (seriesDone: exactly `reps.repeats` with precision off),
 * each timed from first submit to last result (seconds) and verified after the clock stops; `onRepeat`
 * counts them against warm-up + the most timed repetitions. Never throws: a failure (VERIFY_FAILED, TASK_FAILED, INTERRUPTED when `hooks.aborted` turns
 * true, …) ends the repetitions and is returned as `error` with `verified: false`. The executor is
 * always closed.
 */
export async function measureBackend(
  backend: ExecutorBackend,
  open: OpenOptions,
  work: LocalWork,
  reps: Repetitions,
  hooks: MeasureHooks = {},
  clock: Clock = hrClock,
): Promise<BackendTiming> {
  const { suite, prepared } = work;
  const timing: BackendTiming = { startupSeconds: null, samples: [], warmupSamples: [], verified: false };
  let executor: Executor | undefined;
  try {
    const start = clock();
    executor = await backend.open(open);
    await executor.load?.(prepared);
    timing.startupSeconds = clock() - start;
    const settings = executor.settings?.();
    if (settings) timing.executor = settings;
    hooks.onExecutor?.(executor);
    const total = reps.warmup + stopOptions(reps).maxRepeats;
    let timedFrom = 0;
    for (let r = 0; ; r++) {
      if (r === reps.warmup) timedFrom = clock();
      if (r >= reps.warmup && seriesDone(timing.samples, reps, clock() - timedFrom)) break;
      if (hooks.aborted?.()) throw parbenchError('INTERRUPTED', 'signal');
      await executor.prime?.();
      const begin = clock();
      const outcome = await runOn(executor, prepared);
      const elapsed = clock() - begin;
      const results = outcome.collect();
      const mismatch = work.verify(results);
      if (mismatch) throw parbenchError('VERIFY_FAILED', `${suite.name} on ${backend.name}`, mismatch);
      (r < reps.warmup ? timing.warmupSamples : timing.samples).push(elapsed);
      hooks.onRepeat?.(r + 1, total);
    }
    timing.verified = true;
  } catch (error) {
    timing.verified = false;
    timing.error = errorRecord(error, backend.name);
  } finally {
    hooks.onExecutor?.(undefined);
    await executor?.close();
  }
  return timing;
}
