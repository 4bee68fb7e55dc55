/**
 * The run's schedule before and during a run: what each point is expected to cost (seconds), and how a
 * time budget is spread over the points — fewer repetitions first, then a cap on the tasks of the
 * costliest points — with what was reduced marked so the run records and says it. Pure: no clock.
 *
 * Cost model (seconds). A point of backend b with W workers on N tasks of grain g:
 *   one repetition  T_par ≈ N · (g + o_b) / min(W, cores)     (the measurement model's o, solved for T_par)
 *   the point       startup_b + (warmup + repeats) · T_par
 * A suite × grain's executor reference (shared by its executor points):
 *   calibration + T_seq + (warmup + repeats) · max(minSampleSeconds, T_seq),   T_seq ≈ N · g
 * A remote backend plans its own reference, so its points carry calibration and reference themselves.
 * o_b and startup_b are priors (BACKEND_PRIORS, from the README's performance section); N comes from
 * the caller when calibration has told it, else from TASKS_PRIOR (the suites at default parameters).
 */
import type { ResolvedConfig } from '../config/config-schema.js';
import type { RepetitionsRecord } from '../record/schedule-schema.js';
import type { StopReason } from '../stats/precision.js';

/** What a backend costs before it is measured: pool start-up and per-task overhead o (CPU-seconds). */
export interface BackendPrior {
  startupSeconds: number;
  perTaskSeconds: number;
  /** True for remote backends, whose driver calibrates and times its own reference. */
  ownReference: boolean;
}

const thread = (perTaskSeconds: number): BackendPrior => ({ startupSeconds: 0.03, perTaskSeconds, ownReference: false });
const python = (startupSeconds: number, perTaskSeconds: number): BackendPrior => ({ startupSeconds, perTaskSeconds, ownReference: true });
const native = (perTaskSeconds: number): BackendPrior => ({ startupSeconds: 0.01, perTaskSeconds, ownReference: true });

/**
 * Priors by backend name (seconds): per-task overhead o from the README's performance section (worker
 * ~40 µs, process ~100 µs, piscina and the other pools ~80 µs, shm ~3 µs, parsl-htex ~1.5 ms),
 * start-up ~30 ms for thread pools, ~100 ms for process pools, ~6 s for parsl-htex; dask-distributed
 * ~3 ms per task of a graph and ~4 s to start, ray ~1 ms and ~10 s (first measurements on the busy 2-core
 * VM; Parsl's default rows pay its logging, ~1 ms per app); the native drivers
 * (Rust, Go) start a pool in about a millisecond and add well under a microsecond (rayon, goroutines)
 * to a few microseconds (a plain pool over a channel) per task.
 */
export const BACKEND_PRIORS: Readonly<Record<string, BackendPrior>> = {
  sequential: { startupSeconds: 0.001, perTaskSeconds: 0.5e-6, ownReference: false },
  worker: thread(40e-6),
  process: { startupSeconds: 0.1, perTaskSeconds: 100e-6, ownReference: false },
  piscina: thread(80e-6),
  'piscina-c16': thread(50e-6),
  'piscina-atomics-async': thread(80e-6),
  'piscina-no-atomics': thread(80e-6),
  tinypool: thread(80e-6),
  workerpool: thread(80e-6),
  shm: thread(3e-6),
  'py-sequential': python(0.5, 1e-6),
  'pypy-sequential': python(0.5, 1e-6),
  'py-threads': python(0.5, 25e-6),
  'py-processes': python(0.6, 110e-6),
  'py-shm': python(0.6, 5e-6),
  'parsl-threads': python(1.5, 240e-6),
  'parsl-htex': python(6, 1.5e-3),
  'parsl-threads-default': python(1.5, 1e-3),
  'parsl-htex-default': python(6, 2e-3),
  'dask-threads': python(0.5, 100e-6),
  'dask-distributed': python(4, 3e-3),
  ray: python(10, 1e-3),
  'pypy-threads': python(0.5, 25e-6),
  'rust-sequential': native(0.1e-6),
  'rust-rayon': native(0.5e-6),
  'rust-threads': native(5e-6),
  'go-sequential': native(0.1e-6),
  'go-goroutines': native(1e-6),
  'go-pool': native(3e-6),
};

/** The prior of a backend without an entry in BACKEND_PRIORS: a process pool's. */
export const DEFAULT_PRIOR: BackendPrior = { startupSeconds: 0.1, perTaskSeconds: 100e-6, ownReference: false };

/** Seconds one suite × grain's calibration takes (the knob search; measured 0.1–0.5 s on the 2-core VM). */
export const CALIBRATION_SECONDS_PRIOR = 0.3;

/**
 * Tasks per point from each grain on (seconds → tasks), for the suites at their default parameters
 * (measured on the 2-core VM, run 2026-11-29): the input sets the count at fine grains (one element
 * per task, the suite's floor) and the calibrated chunk at coarse ones.
 */
export const TASKS_PRIOR: Readonly<Record<string, readonly (readonly [grain: number, tasks: number])[]>> = {
  fib: [[1e-8, 177]],
  square: [[1e-8, 25_600], [1e-6, 2_845], [1e-5, 100]],
  primes: [[1e-8, 50_000], [1e-5, 893], [1e-4, 175], [1e-3, 16]],
  spmm: [[1e-8, 2_000], [1e-6, 400], [1e-5, 75], [1e-4, 16]],
  hull: [[1e-8, 19_999], [1e-5, 159], [1e-4, 31]],
};

/** Tasks assumed for a suite without an entry in TASKS_PRIOR. */
export const DEFAULT_TASKS = 1_000;

/** The prior of `backend`: its entry in `priors`, else DEFAULT_PRIOR. */
function prior(backend: string, priors: Readonly<Record<string, BackendPrior>>): BackendPrior {
  return priors[backend] ?? DEFAULT_PRIOR;
}

/**
 * The prior task count of `suite` at `grain` (seconds): the entry of TASKS_PRIOR at the nearest grain
 * at or below it (its first entry for grains below them all), DEFAULT_TASKS for an unknown suite.
 * Throws nothing.
 */
export function tasksPrior(suite: string, grain: number): number {
  const table = TASKS_PRIOR[suite];
  if (!table || table.length === 0) return DEFAULT_TASKS;
  let tasks = table[0]![1];
  for (const [g, n] of table) if (g <= grain * (1 + 1e-9)) tasks = n;
  return tasks;
}

/** A point to estimate: a planned point, with its task count when calibration has told it. */
export interface PointToEstimate {
  suite: string;
  /** Target grain, seconds per task. */
  grain: number;
  backend: string;
  workers: number;
  /** Tasks of the point; null or absent: TASKS_PRIOR. */
  tasks?: number | null;
}

/** What the estimate reads from the configuration, and the machine's cores (CPUs of the efficiency model). */
export type EstimateSettings = Pick<ResolvedConfig, 'warmup' | 'repeats' | 'minSampleSeconds'> & {
  cores: number;
  /** Priors by backend name; default BACKEND_PRIORS. */
  priors?: Readonly<Record<string, BackendPrior>>;
  /** Seconds of one suite × grain's calibration; default CALIBRATION_SECONDS_PRIOR. */
  calibrationSeconds?: number;
  /** Most tasks a point runs (config maxTasks); null or absent: every task. */
  maxTasks?: number | null;
};

/** Something repeated: fixed seconds, plus seconds per repetition (warm-up and timed alike). */
export interface Repeated {
  /** Seconds paid once (start-up; calibration and the first pass of a reference). */
  fixedSeconds: number;
  /** Seconds of one repetition. */
  repetitionSeconds: number;
  /** Estimated seconds with the settings' warm-up and repeats: fixed + (warmup + repeats) · repetition. */
  seconds: number;
}

/** One point's estimate (seconds; tasks in tasks). */
export interface PointEstimate extends Repeated {
  suite: string;
  grain: number;
  backend: string;
  workers: number;
  tasks: number;
  /** False when `tasks` is TASKS_PRIOR's guess. */
  tasksKnown: boolean;
  /** Wall seconds one task adds to a repetition: (grain + o) / min(workers, cores). */
  perTaskSeconds: number;
}

/** A suite × grain's executor reference: calibration, then the sequential samples (seconds). */
export interface GroupEstimate extends Repeated {
  suite: string;
  grain: number;
  tasks: number;
}

/** The estimate of a whole run (seconds), printed before it starts. */
export interface RunEstimate {
  totalSeconds: number;
  /** In the order of the points given. */
  perPoint: PointEstimate[];
  /** One per suite × grain with executor points, in order of first appearance. */
  groups: GroupEstimate[];
  /** Warm-up and timed repetitions the estimate assumed. */
  warmup: number;
  repeats: number;
}

function referenceCost(tasks: number, grain: number, settings: EstimateSettings): { fixedSeconds: number; repetitionSeconds: number } {
  const tSeq = tasks * grain;
  return { fixedSeconds: (settings.calibrationSeconds ?? CALIBRATION_SECONDS_PRIOR) + tSeq, repetitionSeconds: Math.max(settings.minSampleSeconds, tSeq) };
}

function estimatePoint(point: PointToEstimate, settings: EstimateSettings): PointEstimate {
  const p = prior(point.backend, settings.priors ?? BACKEND_PRIORS);
  const tasksKnown = point.tasks !== undefined && point.tasks !== null;
  const tasks = Math.min(tasksKnown ? (point.tasks as number) : tasksPrior(point.suite, point.grain), settings.maxTasks ?? Infinity);
  const perTaskSeconds = (point.grain + p.perTaskSeconds) / Math.max(1, Math.min(point.workers, settings.cores));
  let fixedSeconds = p.startupSeconds;
  let repetitionSeconds = tasks * perTaskSeconds;
  if (p.ownReference) {
    const own = referenceCost(tasks, point.grain, settings);
    fixedSeconds += own.fixedSeconds;
    repetitionSeconds += own.repetitionSeconds;
  }
  const seconds = fixedSeconds + (settings.warmup + settings.repeats) * repetitionSeconds;
  return { suite: point.suite, grain: point.grain, backend: point.backend, workers: point.workers, tasks, tasksKnown, perTaskSeconds, fixedSeconds, repetitionSeconds, seconds };
}

/**
 * Estimate a run before it starts (seconds): each point's cost and each suite × grain reference's
 * (see the module's cost model), and their total. `points` in plan order; `settings.cores` ≥ 1.
 * Throws a RangeError for cores < 1 or a negative task count or grain.
 */
export function estimateRun(points: readonly PointToEstimate[], settings: EstimateSettings): RunEstimate {
  if (!(settings.cores >= 1)) throw new RangeError(`estimateRun: cores must be ≥ 1, got ${settings.cores}`);
  if (points.some((p) => p.grain < 0 || (p.tasks ?? 0) < 0)) throw new RangeError('estimateRun: grains and task counts must be ≥ 0');
  const perPoint = points.map((p) => estimatePoint(p, settings));
  const groups: GroupEstimate[] = [];
  const seen = new Set<string>();
  for (const point of perPoint) {
    const key = `${point.suite}\u0000${point.grain}`;
    if (prior(point.backend, settings.priors ?? BACKEND_PRIORS).ownReference || seen.has(key)) continue;
    seen.add(key);
    const cost = referenceCost(point.tasks, point.grain, settings);
    groups.push({ suite: point.suite, grain: point.grain, tasks: point.tasks, ...cost, seconds: cost.fixedSeconds + (settings.warmup + settings.repeats) * cost.repetitionSeconds });
  }
  const totalSeconds = [...perPoint, ...groups].reduce((sum, x) => sum + x.seconds, 0);
  return { totalSeconds, perPoint, groups, warmup: settings.warmup, repeats: settings.repeats };
}

/** Fewest timed repetitions the budget leaves a point (unless fewer were asked). */
export const FLOOR_REPEATS = 3;

/** Fewest tasks a budget's task cap leaves a point (unless it has fewer). */
export const MIN_TASK_CAP = 200;

/** Settings of allocateBudget beyond the requested repetitions. */
export interface AllocationOptions {
  /** Default FLOOR_REPEATS. */
  floorRepeats?: number;
  /** Default MIN_TASK_CAP. */
  minTasks?: number;
}

/** Repetitions granted to a series (a point or a reference). */
export interface RepetitionAllocation {
  /** Timed repetitions to take at least. */
  repeats: number;
  /** Timed repetitions never to exceed (precision off: equal to repeats). */
  maxRepeats: number;
  /** True when the budget granted fewer repeats than asked or capped the tasks. */
  reduced: boolean;
}

/** Repetitions and task cap granted to a point. */
export interface PointAllocation extends RepetitionAllocation {
  /** Run only taskCap tasks of the point (a sample of its set, see task-cap.ts); null: all. */
  taskCap: number | null;
}

/** How a budget was spread (seconds). */
export interface BudgetAllocation {
  budgetSeconds: number;
  /** One per estimate.perPoint, same order. */
  points: PointAllocation[];
  /** One per estimate.groups, same order (references are never task-capped). */
  groups: RepetitionAllocation[];
  /** Estimated seconds if every series ran to its maxRepeats (the most the allocation can take). */
  plannedSeconds: number;
  /** Points given fewer repeats than asked, and points whose tasks were capped. */
  reducedPoints: number;
  cappedPoints: number;
  /** False when even the floor repeats and the smallest task caps exceed the budget. */
  fits: boolean;
}

/** A series as the allocation sees it: seconds per repetition, and its tasks when it may be capped. */
interface Series {
  repetitionSeconds: number;
  /** Tasks of a point (cappable); null for a reference. */
  tasks: number | null;
}

/** What a series is granted for a time allowance: timed repetitions, task cap, and its seconds (warm-up included). */
interface Grant {
  repeats: number;
  taskCap: number | null;
  seconds: number;
}

/** The bounds of one allocation stage: repetitions between lo and hi, tasks capped down to minTasks (or never). */
interface Stage {
  warmup: number;
  lo: number;
  hi: number;
  minTasks: number | null;
}

/**
 * What a series gets for an allowance of `t` seconds (warm-up and timed repetitions): the most timed
 * repetitions within [lo, hi] that fit; when even lo does not fit and it may be capped, lo repetitions
 * of the most tasks that fit (never fewer than min(minTasks, tasks)).
 */
function grant(series: Series, t: number, stage: Stage): Grant {
  const { warmup, lo, hi, minTasks } = stage;
  const rep = series.repetitionSeconds;
  const k = rep <= 0 ? hi : Math.min(hi, Math.max(lo, Math.floor(t / rep) - warmup));
  const seconds = (warmup + k) * rep;
  if (seconds <= t || minTasks === null || series.tasks === null || series.tasks <= minTasks) return { repeats: k, taskCap: null, seconds };
  const perTask = ((warmup + lo) * rep) / series.tasks;
  const cap = Math.min(series.tasks, Math.max(minTasks, Math.floor(t / perTask)));
  return { repeats: lo, taskCap: cap < series.tasks ? cap : null, seconds: cap * perTask };
}

/**
 * Water-filling: the largest common allowance t such that the series' grants fit in `available`
 * seconds (cheap series get hi, the costliest are cut first), found by bisection; the grants at t.
 */
function waterfill(series: readonly Series[], available: number, stage: Stage): Grant[] {
  const at = (t: number) => series.map((s) => grant(s, t, stage));
  const cost = (t: number) => at(t).reduce((sum, g) => sum + g.seconds, 0);
  let high = series.reduce((m, s) => Math.max(m, (stage.warmup + stage.hi) * s.repetitionSeconds), 0) * 2 + 1;
  if (cost(high) <= available) return at(high);
  let low = 0;
  for (let step = 0; step < 200 && high - low > 1e-12 * high; step++) {
    const mid = (low + high) / 2;
    if (cost(mid) <= available) low = mid;
    else high = mid;
  }
  return at(low);
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Spread `budgetSeconds` over a run's estimate. Fixed costs (start-up, calibration) are paid first;
 * then, in order of preference: every series gets `repeats` and up to `maxRepeats` (cheap series keep
 * the full cap, costly ones get less); else the costliest series get fewer repeats, never below
 * min(floorRepeats, repeats), and the costliest points beyond that run only taskCap of their tasks
 * (never fewer than min(minTasks, tasks)) while cheap series keep `repeats` — one water-filling
 * allowance of seconds per series decides both. A point is `reduced` when it got fewer repeats than
 * asked or a task cap. Pass maxRepeats = repeats when precision is off (a maxRepeats below repeats
 * counts as repeats). When even the floors do not fit, `fits` is false and the floors stand. Throws a
 * RangeError for a budget that is not a positive finite number or repeats < 1.
 */
export function allocateBudget(estimate: RunEstimate, budgetSeconds: number, repeats: number, maxRepeats: number, options: AllocationOptions = {}): BudgetAllocation {
  if (!(budgetSeconds > 0) || !Number.isFinite(budgetSeconds)) throw new RangeError(`allocateBudget: budget must be positive seconds, got ${budgetSeconds}`);
  if (!(repeats >= 1)) throw new RangeError(`allocateBudget: repeats must be ≥ 1, got ${repeats}`);
  const { warmup } = estimate;
  const cap = Math.max(repeats, maxRepeats);
  const series: Series[] = [...estimate.perPoint.map((p) => ({ repetitionSeconds: p.repetitionSeconds, tasks: p.tasks })), ...estimate.groups.map((g) => ({ repetitionSeconds: g.repetitionSeconds, tasks: null }))];
  const available = budgetSeconds - sum([...estimate.perPoint, ...estimate.groups].map((s) => s.fixedSeconds));
  const atRepeats = sum(series.map((s) => (warmup + repeats) * s.repetitionSeconds));
  const fitsRepeats = atRepeats <= available;
  const grants = fitsRepeats
    ? waterfill(series, available, { warmup, lo: repeats, hi: cap, minTasks: null })
    : waterfill(series, available, { warmup, lo: Math.min(options.floorRepeats ?? FLOOR_REPEATS, repeats), hi: repeats, minTasks: options.minTasks ?? MIN_TASK_CAP });
  const maxOf = (g: Grant) => g.repeats;
  const minOf = (g: Grant) => (fitsRepeats ? repeats : g.repeats);
  const points = estimate.perPoint.map((_, i): PointAllocation => {
    const g = grants[i]!;
    return { repeats: minOf(g), maxRepeats: maxOf(g), taskCap: g.taskCap, reduced: minOf(g) < repeats || g.taskCap !== null };
  });
  const groups = estimate.groups.map((_, j): RepetitionAllocation => {
    const g = grants[estimate.perPoint.length + j]!;
    return { repeats: minOf(g), maxRepeats: maxOf(g), reduced: minOf(g) < repeats };
  });
  const plannedSeconds = budgetSeconds - available + sum(grants.map((g) => g.seconds));
  return {
    budgetSeconds,
    points,
    groups,
    plannedSeconds,
    reducedPoints: points.filter((p) => p.repeats < repeats).length,
    cappedPoints: points.filter((p) => p.taskCap !== null).length,
    fits: plannedSeconds <= budgetSeconds * (1 + 1e-9),
  };
}

/** An estimate with every figure of its series multiplied by `ratio` (actual / estimated so far). */
function scaled(estimate: RunEstimate, ratio: number): RunEstimate {
  const scale = <T extends Repeated>(s: T): T => ({ ...s, fixedSeconds: s.fixedSeconds * ratio, repetitionSeconds: s.repetitionSeconds * ratio, seconds: s.seconds * ratio });
  return { ...estimate, totalSeconds: estimate.totalSeconds * ratio, perPoint: estimate.perPoint.map(scale), groups: estimate.groups.map(scale) };
}

/**
 * Re-spread what is left of the budget as the run proceeds: allocateBudget over the points and groups
 * not measured yet (`remaining`, an estimate holding only them), with their figures multiplied by
 * `ratio` (actual / estimated so far, e.g. eta.ts's ratio; default 1), within `remainingSeconds`.
 * A budget already spent (remainingSeconds ≤ 0) gives every series its floor. Throws what
 * allocateBudget throws for repeats < 1 or a ratio that is not a positive finite number.
 */
export function rebalance(remaining: RunEstimate, remainingSeconds: number, repeats: number, maxRepeats: number, ratio = 1, options: AllocationOptions = {}): BudgetAllocation {
  if (!(ratio > 0) || !Number.isFinite(ratio)) throw new RangeError(`rebalance: ratio must be positive, got ${ratio}`);
  return allocateBudget(scaled(remaining, ratio), Math.max(remainingSeconds, Number.MIN_VALUE), repeats, maxRepeats, options);
}

/**
 * The one warning a run prints when its budget cut something, or null when it cut nothing:
 * "the time budget (60 s) forced fewer repetitions than asked on N of M points; …". Throws nothing.
 */
export function budgetWarning(allocation: BudgetAllocation): string | null {
  const { reducedPoints, cappedPoints, points, budgetSeconds } = allocation;
  if (reducedPoints === 0 && cappedPoints === 0) return null;
  const parts = [`the time budget (${budgetSeconds} s) forced fewer repetitions than asked on ${reducedPoints} of ${points.length} points`];
  if (cappedPoints > 0) parts.push(`capped the tasks of ${cappedPoints}`);
  if (!allocation.fits) parts.push(`and still needs about ${Math.ceil(allocation.plannedSeconds)} s`);
  return `${parts.join(', ')}; their intervals are wider (the record marks them): raise --time-budget or measure fewer points`;
}

/** What a point's record says stopped its repetitions (repetitionsSchema's stoppedBy). */
export type StoppedBy = RepetitionsRecord['stoppedBy'];

/**
 * The record's stoppedBy for a series the stopping rule (stats/precision.ts) stopped with `reason`,
 * under `allocation`, when `requested` repeats and maxRepeats were asked: `budget` when it stopped at
 * a count the budget lowered, else the rule's reason. Throws a RangeError for reason `continue`.
 */
export function stoppedBy(reason: StopReason, allocation: Pick<RepetitionAllocation, 'repeats' | 'maxRepeats'>, requested: { repeats: number; maxRepeats: number }): StoppedBy {
  if (reason === 'continue') throw new RangeError('stoppedBy: the series has not stopped');
  if (reason === 'repeats') return allocation.repeats < requested.repeats ? 'budget' : 'repeats';
  if (reason === 'max-repeats') return allocation.maxRepeats < Math.max(requested.repeats, requested.maxRepeats) ? 'budget' : 'max-repeats';
  return 'precision';
}
