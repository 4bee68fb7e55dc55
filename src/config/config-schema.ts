/** The configuration schema: bench.config.json and command-line flags are both checked against it. */
import { z } from 'zod';

/** A JSON number that is finite (JSON's 1e400 parses to Infinity): every numeric key's base. */
const finite = (what = 'must be a number') => z.number({ invalid_type_error: what, required_error: what }).finite(`${what} (a finite one)`);

const positiveInt = (max: number) =>
  finite().int('must be a whole number').min(1, `must be a whole number from 1 to ${max}`).max(max, `must be a whole number from 1 to ${max}`);

/** Largest worker count a config or flag may ask for. */
export const MAX_WORKERS = 1024;
/** Longest task or start-up timeout, in seconds (a week): longer ones overflow Node's timers. */
export const MAX_TIMEOUT_SECONDS = 604_800;
/** Longest time budget of a run, in seconds (a year). */
export const MAX_BUDGET_SECONDS = 31_536_000;

const fraction = finite().min(0, 'must be a fraction from 0 to 10 (0.1 = 10%)').max(10, 'must be a fraction from 0 to 10 (0.1 = 10%)');
const timeout = finite().min(0, `must be 0 (off) or more seconds, up to ${MAX_TIMEOUT_SECONDS}`).max(MAX_TIMEOUT_SECONDS, `must be 0 (off) or more seconds, up to ${MAX_TIMEOUT_SECONDS}`);
/** A non-empty list of `item`; `empty` is the message for an empty one. */
const list = <T extends z.ZodTypeAny>(item: T, what: string, empty: string) => z.array(item, { invalid_type_error: `must be a list of ${what}` }).min(1, empty);

/**
 * bench.config.json's keys and rules (also applied to flags); unknown keys are refused, and so is null
 * except where it means "off" (precision, timeBudgetSeconds). Every number is finite and in range.
 * Grains are positive seconds up to 10; taskTimeoutSeconds and startupTimeoutSeconds are seconds up to
 * a week, 0 turning the timeout off.
 */
export const fileConfigSchema = z
  .object({
    suites: list(z.string({ invalid_type_error: 'must be a list of suite names' }), 'suite names', 'give at least one suite'),
    backends: list(z.string({ invalid_type_error: 'must be a list of backend names' }), 'backend names', 'give at least one backend, or "all"'),
    grains: list(finite('grains must be numbers').positive('grains must be positive seconds').max(10, 'grains must be at most 10 s'), 'grains in seconds', 'give at least one grain'),
    workers: z.union([z.literal('auto'), z.array(positiveInt(MAX_WORKERS)).min(1, 'give at least one worker count')], { errorMap: () => ({ message: `must be "auto" or a list of whole numbers from 1 to ${MAX_WORKERS}` }) }),
    repeats: positiveInt(10_000),
    warmup: finite().int('must be a whole number').min(0, 'must be a whole number from 0 to 1000').max(1000, 'must be a whole number from 0 to 1000'),
    outputDir: z.string({ invalid_type_error: 'must be a directory path' }).min(1, 'must be a directory path, not empty'),
    seed: finite().int('must be a whole number').min(0, 'must be from 0 to 4294967295').max(0xffffffff, 'must be from 0 to 4294967295'),
    taskTimeoutSeconds: timeout,
    /** Seconds a pool, isolate or driver may take to start before its point fails (0: never). */
    startupTimeoutSeconds: timeout,
    /** Each sequential sample loops over the tasks until it lasts at least this long (batch timing). */
    minSampleSeconds: finite().min(0, 'must be from 0 to 10 seconds').max(10, 'must be from 0 to 10 seconds'),
    /** Run the repetitions of a suite × grain round-robin across the reference and every backend (false: one point after another). */
    interleave: z.boolean({ invalid_type_error: 'must be true or false' }),
    /** Stop a point once the 95% interval of T_par's median is within ±precision of it (a fraction); null: always `repeats`. */
    precision: finite('must be a fraction such as 0.05, or null').positive('must be a fraction above 0 (0.05 = 5%), or null').max(1, 'must be a fraction up to 1 (0.05 = 5%), or null').nullable(),
    /** The most timed repetitions a point may take while it has not reached `precision`. */
    maxRepeats: positiveInt(10_000),
    /** Seconds the whole run may take, spread over its points; null: no limit. */
    timeBudgetSeconds: finite('must be seconds, or null').positive('must be more than 0 seconds, or null').max(MAX_BUDGET_SECONDS, `must be at most ${MAX_BUDGET_SECONDS} seconds (a year), or null`).nullable(),
    /** Run at most this many tasks of a point's task set (an evenly spread sample, or a prefix of a task graph); null: all. */
    maxTasks: positiveInt(100_000_000).nullable(),
    /** Run dask-distributed on the Dask scheduler at this address (tcp://HOST:PORT) instead of a LocalCluster. */
    daskScheduler: z.string({ invalid_type_error: 'must be an address such as tcp://HOST:PORT' }).min(1, 'must be an address, not empty').optional(),
    /** Run ray on the Ray cluster at this address (HOST:PORT of its head node) instead of a local node. */
    rayAddress: z.string({ invalid_type_error: 'must be an address such as HOST:PORT' }).min(1, 'must be an address, not empty').optional(),
    /** Run parsl-htex with the `config` this Python file defines instead of parbench's HTEX. */
    parslConfig: z.string({ invalid_type_error: 'must be the path of a Python file' }).min(1, 'must be a path, not empty').optional(),
    suiteParams: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.null()]), { invalid_type_error: 'must be an object of parameter values' }), { invalid_type_error: 'must be an object: suite name → parameters' }),
    /**
     * Test only: seconds of calibrated busy work every task of an executor backend does before its
     * kernel, to check that the gate detects a known overhead. Optional; recorded, and warned about.
     */
    /** Record per-task timestamps in extra traced repetitions after each point's untraced ones (run --trace). Optional. */
    trace: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
    injectOverheadSeconds: z.number({ invalid_type_error: 'must be seconds' }).min(0, 'must be from 0 to 0.01 seconds').max(0.01, 'must be from 0 to 0.01 seconds').optional(),
    /** Thresholds of `parbench gate` (fractions: 0.1 = 10%). Optional; the gate has defaults. */
    gate: z
      .object({
        maxRegression: fraction,
        maxOverheadRegression: fraction,
        maxMetgRegression: fraction,
        minOverheadSeconds: finite().min(0, 'must be from 0 to 10 seconds').max(10, 'must be from 0 to 10 seconds'),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type FileConfig = z.infer<typeof fileConfigSchema>;
/** Keys accepted but not advertised in messages: test only. */
const HIDDEN_KEYS: readonly string[] = ['injectOverheadSeconds'];
/** The keys bench.config.json may hold, in schema order (test-only keys left out). */
export const configKeys = (Object.keys(fileConfigSchema.shape) as (keyof FileConfig)[]).filter((k) => !HIDDEN_KEYS.includes(k));

/** The configuration a run uses, every default filled in and every name resolved. */
export interface ResolvedConfig {
  suites: string[];
  backends: string[];
  /** Target grains in seconds, ascending. */
  grains: number[];
  /** Worker counts W, ascending, without repeats. */
  workers: number[];
  /** Timed repetitions per point. */
  repeats: number;
  /** Warm-up repetitions per point (not summarised). */
  warmup: number;
  /** Absolute path of the runs directory. */
  outputDir: string;
  seed: number;
  /** Seconds without a completed task before a point fails; 0: never. */
  taskTimeoutSeconds: number;
  /** Seconds a pool, the reference isolate or a driver may take to start before its point fails; 0: never. */
  startupTimeoutSeconds: number;
  /** Seconds a sequential sample lasts at least (it loops over the tasks until then). */
  minSampleSeconds: number;
  /** Repetitions of a suite × grain run round-robin across the reference and every backend. */
  interleave: boolean;
  /** Target half-width of the 95% interval of T_par's median, as a fraction of it; null: fixed `repeats`. */
  precision: number | null;
  /** Cap on timed repetitions per point while `precision` is not reached (at least `repeats`). */
  maxRepeats: number;
  /** Seconds the whole run may take, spread over its points; null: no limit. */
  timeBudgetSeconds: number | null;
  /**
   * Most tasks a point runs (seconds do not enter): a task set larger than this is measured on an
   * evenly spread sample of its tasks (a prefix for a task graph), reference and verification alike;
   * null: every task.
   */
  maxTasks: number | null;
  /** Checked parameter values by suite name, then parameter name. */
  suiteParams: Record<string, Record<string, number | string | null>>;
  /**
   * Backends that run on the user's cluster (--dask-scheduler, --ray-address, --parsl-config): backend
   * name → the cluster's address or the config file's absolute path; absent when none.
   */
  clusters?: Record<string, string>;
  /** true when the worker count was not asked for ("auto"): a cluster backend then uses the cluster's workers. */
  workersAuto?: boolean;
  /** Test only: seconds of busy work added to every executor task (`--inject-overhead`); present only when above 0. */
  injectOverheadSeconds?: number;
  /** Trace every point (`--trace`): traced repetitions after the untraced ones, trace.json beside run.json; present only when on. */
  trace?: true;
}

/** One line naming the key and what is allowed, from a zod error. */
export function describeIssue(error: z.ZodError, keyLabel: (path: (string | number)[]) => string): string {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    return `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${configKeys.join(', ')})`;
  }
  return `${keyLabel(issue.path)}: ${issue.message}`;
}
