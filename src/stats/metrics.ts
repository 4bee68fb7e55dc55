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

/**
 * Efficiency and per-task overhead at the ends of the 95% intervals of the two medians: efficiency
 * from T_seq's low end over min(W, cores)·T_par's high end up to the reverse, overhead from
 * (min(W, cores)·T_par low − T_seq high)/N up to the reverse. Both ends of both intervals at once, so
 * the range is conservative (wider than the interval of the ratio). Times in seconds, overhead in
 * CPU-seconds per task, efficiency a fraction; `usable` is min(W, cores). Throws nothing.
 */
export function metricBounds(input: { tSeqCI: readonly [number, number]; tParCI: readonly [number, number]; tasks: number; usable: number }): {
  efficiency: [number, number];
  overhead: [number, number];
} {
  const [seqLow, seqHigh] = input.tSeqCI;
  const [parLow, parHigh] = input.tParCI;
  const w = input.usable;
  return {
    efficiency: [seqLow / (w * parHigh), seqHigh / (w * parLow)],
    overhead: [(w * parLow - seqHigh) / input.tasks, (w * parHigh - seqLow) / input.tasks],
  };
}
