/**
 * Measuring one point: the sequential reference T_seq of a task set, and a backend's T_par on the same
 * tasks (pool start-up timed apart, warm-up first, every repetition verified against the reference).
 */
import type { Backend, Executor, ExecutorSettings } from '../backends/index.js';
import { describeError, isParbenchError, parbenchError } from '../errors.js';
import type { AnySuite } from '../../suites/index.js';
import type { RuntimeInfo } from '../record/index.js';
import { now } from './clock.js';
import { executeInline, runOn, type PreparedTasks } from './execute.js';

export interface SequentialTiming {
  samples: number[];
  warmupSamples: number[];
  /** Inline passes per sample (batch timing for task sets shorter than minSampleSeconds). */
  loops: number;
  /** The combined result every backend is verified against. */
  expected: unknown;
}

export interface Repetitions {
  warmup: number;
  repeats: number;
  minSampleSeconds: number;
}

export function measureSequential(suite: AnySuite, input: unknown, context: unknown, prepared: PreparedTasks, reps: Repetitions): SequentialTiming {
  const { tasks } = prepared;
  let start = now();
  const expected = suite.combine(input, executeInline(suite, tasks, context));
  const once = now() - start;
  const loops = once >= reps.minSampleSeconds ? 1 : Math.min(1_000_000, Math.ceil(reps.minSampleSeconds / Math.max(once, 1e-9)));
  const warmupSamples: number[] = [];
  const samples: number[] = [];
  for (let r = 0; r < reps.warmup + reps.repeats; r++) {
    start = now();
    for (let l = 0; l < loops; l++) executeInline(suite, tasks, context);
    const sample = (now() - start) / loops;
    (r < reps.warmup ? warmupSamples : samples).push(sample);
  }
  return { samples, warmupSamples, loops, expected };
}

export interface BackendTiming {
  startupSeconds: number | null;
  samples: number[];
  warmupSamples: number[];
  verified: boolean;
  error?: { code: string; message: string };
  /** The executor's own settings, when it reports them. */
  executor?: ExecutorSettings;
  /** The interpreter of a remote-timed backend. */
  runtime?: RuntimeInfo;
}

/** How a point records what stopped it: a ParbenchError as is, anything else as a failed task of the backend. */
export function errorRecord(error: unknown, backend: string): { code: string; message: string } {
  return isParbenchError(error)
    ? { code: error.code, message: error.message }
    : { code: 'TASK_FAILED', message: parbenchError('TASK_FAILED', backend, describeError(error)).message };
}

export interface MeasureHooks {
  onRepeat?: (done: number, total: number) => void;
  /** Polled between repetitions; true stops the point. */
  aborted?: () => boolean;
  /** Lets the caller close the open executor at once (e.g. on Ctrl-C). */
  onExecutor?: (executor: Executor | undefined) => void;
}

export async function measureBackend(
  backend: Backend,
  open: Parameters<Backend['open']>[0],
  suite: AnySuite,
  input: unknown,
  prepared: PreparedTasks,
  expected: unknown,
  reps: Repetitions,
  hooks: MeasureHooks = {},
): Promise<BackendTiming> {
  const timing: BackendTiming = { startupSeconds: null, samples: [], warmupSamples: [], verified: false };
  let executor: Executor | undefined;
  try {
    const start = now();
    executor = await backend.open(open);
    await executor.load?.(prepared);
    timing.startupSeconds = now() - start;
    const settings = executor.settings?.();
    if (settings) timing.executor = settings;
    hooks.onExecutor?.(executor);
    const total = reps.warmup + reps.repeats;
    for (let r = 0; r < total; r++) {
      if (hooks.aborted?.()) throw parbenchError('INTERRUPTED', 'signal');
      const begin = now();
      const outcome = await runOn(executor, prepared);
      const elapsed = now() - begin;
      const results = outcome.collect();
      const mismatch = suite.verify(suite.combine(input, results), expected);
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
