/**
 * The measurement model (see DESIGN): speed-up, efficiency and per-task overhead of one point, from the
 * median sequential time of the tasks and the median parallel wall time.
 */
export interface PointMetrics {
  /** min(W, cores): the parallelism a backend can actually use. */
  usableWorkers: number;
  /** S = T_seq / T_par */
  speedup: number;
  /** E = S / min(W, cores) */
  efficiency: number;
  /** o = (min(W, cores) · T_par − T_seq) / N: CPU-seconds a backend adds per task. */
  overheadPerTask: number;
  /** N / T_par */
  tasksPerSecond: number;
}

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
