/**
 * The measurement model (see DESIGN): speed-up, efficiency and per-task overhead of one point, from the
 * median sequential time of the tasks and the median parallel wall time.
 */
import type { PointMetrics } from '../record/record-schema.js';

/** Its shape is part of the run record, defined once in src/record/record-schema.ts. */
export type { PointMetrics };

/**
 * Speed-up T_seq / T_par, efficiency S / min(W, cores) (a fraction), per-task overhead
 * (min(W, cores) · T_par − T_seq) / N in CPU-seconds, and throughput N / T_par in tasks per second.
 * Times in seconds; min(W, cores) is raised to at least 1. Throws nothing (T_par = 0 gives Infinity).
 */
export function pointMetrics(input: { tSeq: number; tPar: number; tasks: number; workers: number; cores: number }): PointMetrics {
  const usableWorkers = Math.max(1, Math.min(input.workers, input.cores));
  const speedup = input.tSeq / input.tPar;
  return {
    usableWorkers,
    speedup,
    efficiency: speedup / usableWorkers,
    overheadPerTask: (usableWorkers * input.tPar - input.tSeq) / input.tasks,
    tasksPerSecond: input.tasks / input.tPar,
  };
}
