/**
 * What `parbench profile` reports: self time per function, per thread, put into groups, summed and
 * ranked. Shared by V8 CPU profiles (cpu-profile.ts) and Python's pstats (python-profile.ts). Pure.
 */

/**
 * Where a function's self time belongs:
 * - `kernel`: the suite's own code (what the task is for);
 * - `dispatch`: the backend handing tasks out and results back (pool libraries, parbench's backends,
 *   message ports, IPC, Parsl's dataflow kernel, concurrent.futures, queues);
 * - `runtime`: the language runtime (GC, structured clone and other serialization, module and native
 *   code, locks);
 * - `idle`: a thread waiting with nothing to run (V8's `(idle)`, Atomics.wait, select/poll, sleep);
 * - `harness`: parbench's own work around the point (start-up, calibration, the sequential reference,
 *   statistics, writing the record), not the backend's cost.
 */
export type ProfileGroup = 'kernel' | 'dispatch' | 'runtime' | 'idle' | 'harness';

/** Groups in the order tables show them. */
export const PROFILE_GROUPS: readonly ProfileGroup[] = ['kernel', 'dispatch', 'runtime', 'idle', 'harness'];

/** Self time of one function on one thread (seconds). */
export interface FunctionTime {
  /** The thread or process it ran on, e.g. `node main`, `node worker 2`, `py driver main`. */
  thread: string;
  /** The function's name (`(anonymous)` when it has none). */
  function: string;
  /** Where it is defined: a file and line, a package, or `native`. */
  where: string;
  group: ProfileGroup;
  seconds: number;
}

/** A function's self time summed over the threads it ran on. */
export interface TopFunction {
  function: string;
  where: string;
  group: ProfileGroup;
  seconds: number;
  /** seconds / the summary's pointSeconds. */
  share: number;
  /** How many threads it ran on. */
  threads: number;
}

/** The summary of a profiled point: thread-seconds by group and the functions with most self time. */
export interface ProfileSummary {
  /** Every thread and its profiled seconds (sum of its functions' self time), in order of first appearance. */
  threads: { thread: string; seconds: number }[];
  /** Σ self time over every thread (thread-seconds; more than the wall time with several threads). */
  totalSeconds: number;
  /** Seconds and share of totalSeconds per group, in PROFILE_GROUPS order (every group, zeros included). */
  groups: { group: ProfileGroup; seconds: number; share: number }[];
  /** Σ self time outside the harness group: the point's own thread-seconds, what `top` shares are of. */
  pointSeconds: number;
  /** The `top` functions with most self time outside the harness group, most first (ties by name); share of pointSeconds. */
  top: TopFunction[];
}

/**
 * Summarise function times: per thread, per group (shares of every thread-second), and the `top`
 * (default 15) functions by self time summed across threads (a function is its name + where + group), harness
 * left out, as shares of the point's own (non-harness) thread-seconds. Throws a RangeError when a time is negative
 * or not finite.
 */
export function summariseProfile(rows: readonly FunctionTime[], top = 15): ProfileSummary {
  if (rows.some((r) => !(Number.isFinite(r.seconds) && r.seconds >= 0))) throw new RangeError('summariseProfile: every time must be a finite number ≥ 0');
  const threads = new Map<string, number>();
  const groups = new Map<ProfileGroup, number>(PROFILE_GROUPS.map((g) => [g, 0]));
  const functions = new Map<string, { function: string; where: string; group: ProfileGroup; seconds: number; threads: Set<string> }>();
  for (const r of rows) {
    threads.set(r.thread, (threads.get(r.thread) ?? 0) + r.seconds);
    groups.set(r.group, groups.get(r.group)! + r.seconds);
    // By group too: a function's samples under the harness (a kernel the reference ran) stay out of `top`.
    const key = `${r.function}\u0000${r.where}\u0000${r.group}`;
    const f = functions.get(key) ?? { function: r.function, where: r.where, group: r.group, seconds: 0, threads: new Set<string>() };
    f.seconds += r.seconds;
    f.threads.add(r.thread);
    functions.set(key, f);
  }
  const totalSeconds = [...threads.values()].reduce((s, x) => s + x, 0);
  const share = (s: number) => (totalSeconds > 0 ? s / totalSeconds : 0);
  const pointSeconds = totalSeconds - groups.get('harness')!;
  const ranked = [...functions.values()].filter((f) => f.group !== 'harness').sort((a, b) => b.seconds - a.seconds || a.function.localeCompare(b.function)).slice(0, top);
  return {
    threads: [...threads].map(([thread, seconds]) => ({ thread, seconds })),
    totalSeconds,
    groups: PROFILE_GROUPS.map((group) => ({ group, seconds: groups.get(group)!, share: share(groups.get(group)!) })),
    pointSeconds,
    top: ranked.map((f) => ({ function: f.function, where: f.where, group: f.group, seconds: f.seconds, share: pointSeconds > 0 ? f.seconds / pointSeconds : 0, threads: f.threads.size })),
  };
}
