/**
 * The run record: `results/runs/<id>/run.json`, the source of truth every report is derived from.
 * Bump RUN_SCHEMA when a field changes meaning or disappears.
 */
import type { ResolvedConfig } from '../config/schema.js';
import type { PointMetrics } from '../stats/metrics.js';
import type { Summary } from '../stats/summary.js';

export const RUN_SCHEMA = 'parbench.run/1';

export interface MachineInfo {
  hostname: string;
  cpuModel: string;
  /** Logical CPUs the OS reports. */
  logicalCores: number;
  /** Physical cores, where the OS tells them (Linux /proc/cpuinfo); null otherwise. */
  physicalCores: number | null;
  /** CPUs this process may run on (os.availableParallelism: respects affinity such as taskset). */
  availableParallelism: number;
  memoryBytes: number;
  os: string;
  arch: string;
  node: string;
  v8: string;
}

export interface GrainInfo {
  /** Target grain g in seconds. */
  target: number;
  /** Achieved grain ĝ: median sequential time of the point's tasks / number of tasks. */
  achieved: number;
  /** Per-task time the calibration measured for the chosen knob. */
  calibrated: number;
  chunk: number;
  work: number;
  chunkUnit: string;
  /** false when the suite's smallest task is slower than the target (achieved is the floor). */
  reachable: boolean;
  /** |achieved − target| ≤ 15% of target. */
  withinTolerance: boolean;
  /** Which knob set the grain: chunk size, rounds of work, or neither (floor). */
  tunedBy: 'chunk' | 'work' | 'floor';
}

/** Load imbalance of a point's task set, timed task by task sequentially (suites that ask for it). */
export interface LoadImbalance {
  /** max task time / mean task time. */
  ratio: number;
  maxSeconds: number;
  meanSeconds: number;
  callsPerTiming: number;
}

export interface Timing {
  samples: number[];
  warmupSamples: number[];
  summary: Summary;
}

export type PointStatus = 'completed' | 'failed';

/** The interpreter that measured a remote-timed point (Python backends), as its driver reports it. */
export interface RuntimeInfo {
  /** CPython or PyPy. */
  implementation: string;
  /** The Python language version, e.g. 3.11.7 (PyPy 7.3.11 implements 3.9.16). */
  python: string;
  /** Parsl's version in that interpreter's environment; null where Parsl is not installed. */
  parsl: string | null;
  /** PyPy's own version; present for PyPy only. */
  pypy?: string;
}

export interface PointRecord {
  suite: string;
  params: Record<string, number | string | null>;
  backend: string;
  workers: number;
  tasks: number;
  grain: GrainInfo;
  status: PointStatus;
  /** Present when status is failed: what went wrong, one line. */
  error?: { code: string; message: string };
  /** Pool start-up (open) in seconds, timed apart from the tasks. */
  startupSeconds: number | null;
  /** T_seq: the same tasks in-process, no dispatch (each sample may loop `loops` times, divided). */
  sequential: Timing & { loops: number };
  /** T_par: first submit to last result. */
  parallel: Timing | null;
  metrics: PointMetrics | null;
  verified: boolean;
  checksum: string;
  /** Settings of the executor the point ran on, when it reports them (e.g. shm: spin length, result path). */
  executor?: Record<string, string | number | boolean | null>;
  /** Optional: load imbalance of the task set, for suites that report it (e.g. primes). */
  imbalance?: LoadImbalance;
  /** Optional: how the suite's input reaches workers (e.g. once per worker as context). */
  sharing?: string;
  /** Optional: the interpreter of a remote-timed point (Python backends). */
  runtime?: RuntimeInfo;
}

export interface RunRecord {
  schema: typeof RUN_SCHEMA;
  id: string;
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
  parbench: string;
  git: { commit: string | null; dirty: boolean | null };
  machine: MachineInfo;
  config: ResolvedConfig;
  /** Cores used by the efficiency model: min(W, cores). */
  cores: number;
  points: PointRecord[];
  errors: { code: string; message: string }[];
  /** Suite × backend pairs not measured because the backend does not implement the suite. */
  skipped?: { suite: string; backend: string; reason: string }[];
}
