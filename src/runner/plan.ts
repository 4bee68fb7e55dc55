/**
 * The plan of a run: which points it measures, in which order, and which suite × backend pairs it
 * skips. Pure: it reads the configuration and the backends' declarations and runs nothing.
 */
import { backendNames, findBackend, type Backend } from '../backends/index.js';
import type { ResolvedConfig } from '../config/config-schema.js';
import { parbenchError } from '../errors.js';

/** One point of a run: a backend with a worker count on the tasks of one suite at one target grain. */
export interface PlannedPoint {
  suite: string;
  /** Target grain in seconds per task. */
  grain: number;
  backend: string;
  /** Workers W the backend is opened with (1 for a backend that is not parallel). */
  workers: number;
}

/** A suite × backend pair the run does not measure, with why (one line). */
export interface SkippedPair {
  suite: string;
  backend: string;
  reason: string;
}

/** The points of one suite at one target grain: measured together (their repetitions in rounds). */
export interface PlannedGroup {
  suite: string;
  /** Target grain in seconds per task. */
  grain: number;
  /** In plan order: backend (config order), then worker count. */
  points: PlannedPoint[];
}

export interface RunPlan {
  /** In measuring order: suite, then grain, then backend (config order), then worker count. */
  points: PlannedPoint[];
  /** The same points grouped by suite × grain, in the same order (no group is empty). */
  groups: PlannedGroup[];
  /** Suite × backend pairs left out, suite by suite in config order. */
  skipped: SkippedPair[];
}

/** Remote backends run only the suites their driver implements; executor backends run every suite. */
function runs(backend: Backend, suite: string): boolean {
  return backend.kind !== 'remote' || backend.suites.includes(suite);
}

/**
 * The points of a run and the pairs it skips. A backend that is not `parallel` gets one point per grain
 * (1 worker); a parallel one, one point per entry of `config.workers`.
 * `lookup` resolves backend names (the registry by default). Throws UNKNOWN_BACKEND for a name it does
 * not resolve (a resolved configuration never holds one).
 */
export function planRun(
  config: Pick<ResolvedConfig, 'suites' | 'grains' | 'backends' | 'workers'>,
  lookup: (name: string) => Backend | undefined = findBackend,
): RunPlan {
  const resolved = config.backends.map((name) => {
    const backend = lookup(name);
    if (!backend) throw parbenchError('UNKNOWN_BACKEND', name, backendNames());
    return backend;
  });
  const groups: PlannedGroup[] = [];
  const skipped: SkippedPair[] = [];
  for (const suite of config.suites) {
    for (const backend of resolved) {
      if (!runs(backend, suite)) skipped.push({ suite, backend: backend.name, reason: `${backend.name} does not implement ${suite}` });
    }
    for (const grain of config.grains) {
      const points: PlannedPoint[] = [];
      for (const backend of resolved.filter((b) => runs(b, suite))) {
        for (const workers of backend.parallel ? config.workers : [1]) points.push({ suite, grain, backend: backend.name, workers });
      }
      if (points.length > 0) groups.push({ suite, grain, points });
    }
  }
  return { points: groups.flatMap((g) => g.points), groups, skipped };
}
