/**
 * A run's schedule before it starts: the estimate of what it will take (schedule.ts) and, under a time
 * budget, how the budget is spread over its suite × grain groups.
 */
import type { ResolvedConfig } from '../config/config-schema.js';
import { planRun, type PlannedPoint } from './plan.js';
import { allocateBudget, budgetWarning, estimateRun, type BudgetAllocation, type RunEstimate } from './schedule.js';
import type { Repetitions } from './measure.js';

export interface RunSchedule {
  /** Seconds the run is expected to take, by point and group (priors, not measurements). */
  estimate: RunEstimate;
  /** How `config.timeBudgetSeconds` is spread; null without a budget. */
  allocation: BudgetAllocation | null;
  /** The one line to print when the budget cut repetitions or tasks; null otherwise. */
  warning: string | null;
}

/**
 * Estimate the run planned from `config` on `cores` CPUs and, when it has a time budget, allocate it.
 * With precision on, the estimate assumes every series takes max(repeats, 6) timed repetitions (the
 * fewest with a 95% median interval). Throws UNKNOWN_BACKEND as planRun does.
 */
export function scheduleRun(config: ResolvedConfig, cores: number): RunSchedule {
  const plan = planRun(config);
  const repeats = config.precision === null ? config.repeats : Math.max(config.repeats, 6);
  const estimate = estimateRun(plan.points, { warmup: config.warmup, repeats, minSampleSeconds: config.minSampleSeconds, cores, maxTasks: config.maxTasks });
  if (config.timeBudgetSeconds === null) return { estimate, allocation: null, warning: null };
  const maxRepeats = config.precision === null ? config.repeats : config.maxRepeats;
  const allocation = allocateBudget(estimate, config.timeBudgetSeconds, config.repeats, maxRepeats);
  return { estimate, allocation, warning: budgetWarning(allocation) };
}

/**
 * The repetitions of a group of planned points under an allocation: the fewest repeats and maxRepeats
 * granted to any of them (its series share rounds) and the lowest task cap (its points share one task
 * set), from `base` (the configuration's). `all` is the plan's point list the allocation is indexed by.
 * Throws nothing.
 */
export function allocatedReps(base: Repetitions, points: readonly PlannedPoint[], all: readonly PlannedPoint[], allocation: BudgetAllocation): Repetitions {
  const granted = points.map((p) => allocation.points[all.indexOf(p)]).filter((a) => a !== undefined);
  if (granted.length === 0) return base;
  const repeats = Math.min(...granted.map((a) => a.repeats));
  const maxRepeats = Math.max(repeats, Math.min(...granted.map((a) => a.maxRepeats)));
  const caps = [base.maxTasks ?? null, ...granted.map((a) => a.taskCap)].filter((cap): cap is number => cap !== null);
  return { ...base, repeats, maxRepeats, maxTasks: caps.length > 0 ? Math.min(...caps) : null };
}
