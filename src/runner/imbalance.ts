/**
 * Load imbalance of a task set: each task's kernel timed on its own, in order, in this thread (the
 * sequential reference, no dispatch), as max task time / mean task time. Tasks shorter than the clock
 * can resolve are repeated inside one timer; each task keeps the least of three passes, so a pause of
 * the shared machine does not pass for an expensive task.
 */
import type { LoadImbalance } from '../record/index.js';
import type { AnySuite, Task } from '../../suites/index.js';
import { hrClock, type Clock } from './clock.js';
import { executeInline } from './execute.js';

/** Each timing spans at least this long, so reading the clock costs little beside it. */
const SPAN_SECONDS = 2e-6;
/** Upper bound on one pass over the task set, whatever the repetitions. */
const PASS_BUDGET_SECONDS = 0.25;
const PASSES = 3;

/**
 * Time each task's kernel on its own (seconds, least of three passes, `callsPerTiming` calls per
 * timing) and return max / mean task time. Throws whatever the suite's kernel throws.
 */
export function measureImbalance(suite: AnySuite, tasks: readonly Task<unknown>[], context: unknown, clock: Clock = hrClock): LoadImbalance {
  const start = clock();
  const results = executeInline(suite, tasks, context); // also the dependencies' results
  const once = Math.max(clock() - start, 1e-9);
  const mean0 = once / Math.max(1, tasks.length);
  const calls = Math.max(1, Math.min(Math.ceil(SPAN_SECONDS / mean0), Math.floor(PASS_BUDGET_SECONDS / once)));
  const best = new Float64Array(tasks.length).fill(Infinity);
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i]!;
      const deps = task.deps.map((d) => results[d]);
      const t0 = clock();
      for (let c = 0; c < calls; c++) suite.kernel(task.payload, deps, context);
      const per = (clock() - t0) / calls;
      if (per < best[i]!) best[i] = per;
    }
  }
  let max = 0;
  let sum = 0;
  for (const t of best) {
    sum += t;
    if (t > max) max = t;
  }
  const mean = tasks.length > 0 ? sum / tasks.length : 0;
  return { ratio: mean > 0 ? max / mean : 1, maxSeconds: max, meanSeconds: mean, callsPerTiming: calls };
}
