/**
 * The remote backend kind: a driver in another runtime (Python, Rust, Go: docs/drivers.md) that times its own
 * tasks, since a per-task message over a pipe would measure the pipe, not the runtime. The runner plans
 * a point with a session (calibrating on that runtime and timing its sequential reference), runs it,
 * and verifies the result fingerprints it sends back against TypeScript's own result for the same knob.
 *
 * A new remote kind (another interpreter, a cluster library, a native driver) is one file that builds a
 * `RemoteBackend` whose `start` opens a `RemoteSession`, plus one line in the registry (index.ts). It
 * receives everything it needs in the requests below and never imports the runner.
 */
import type { ClusterInfo, RuntimeInfo } from '../record/index.js';
import type { Knob } from '../../suites/index.js';
import type { BackendInfo, ExecutorSettings } from './backend.js';
import type { StartupBounds } from './startup.js';

/** A work knob chosen for a target grain, with what calibration measured for it. */
export interface TunedKnob {
  knob: Knob;
  /** Sequential time per task measured at `knob` (s). */
  perTask: number;
  /** false when even the smallest task is slower than the target grain. */
  reachable: boolean;
  /** Which knob set the grain: chunk size, rounds of work, or neither (the suite's floor). */
  tunedBy: 'chunk' | 'work' | 'floor';
}

/** Sequential samples of a task set, in seconds per pass (each sample may average `loops` passes). */
export interface SequentialSamples {
  /** Seconds per pass over the tasks, one per timed repetition. */
  samples: number[];
  /** Seconds per pass of the warm-up repetitions. */
  warmupSamples: number[];
  /** Inline passes per sample (batch timing for task sets shorter than minSampleSeconds). */
  loops: number;
}

/** What identifies a point's work to a driver: the suite, its parameters, the input's seed, repetitions. */
export interface DriverPointRequest {
  suite: string;
  params: Record<string, number | string | null>;
  /** Seed of the generated input. */
  seed: number;
  /** Warm-up repetitions. */
  warmup: number;
  /** Timed repetitions. */
  repeats: number;
  /**
   * Most tasks to run: a larger task set is measured on its sample (evenly spread independent tasks, or
   * a prefix of a task graph: src/runner/task-cap.ts), reference and repetitions alike; null: every task.
   */
  maxTasks?: number | null;
}

/** The driver's answer to `plan`: a knob tuned on its runtime and its own sequential reference. */
export interface RemotePlan extends TunedKnob {
  /** Tasks N of the point at the tuned knob (of its sample under maxTasks). */
  tasks: number;
  /** Tasks of the whole set when maxTasks took a sample of it; absent otherwise. */
  tasksInSet?: number;
  /** The runtime's own sequential reference (inline kernel calls, batch-timed) and its result fingerprint. */
  sequential: SequentialSamples & { checksum: string; tasks: number };
}

/** The driver's answer to `run`: seconds per repetition and the fingerprint of every repetition. */
export interface RemoteTiming {
  /** Pool start-up on the remote runtime (s), timed apart from the tasks. */
  startupSeconds: number;
  /** T_par of each timed repetition (s): first submit to last result, as the driver timed it. */
  samples: number[];
  /** T_par of each warm-up repetition (s). */
  warmupSamples: number[];
  /** The result fingerprint (suite.checksum) and task count of every repetition, warm-up first. */
  checksums: string[];
  /** Task count N of every repetition, warm-up first. */
  tasks: number[];
  /** Workers W the backend ran with, when it ran on the user's cluster (the cluster's, or fewer when asked). */
  workers?: number;
  /** The cluster it ran on, as the cluster reported itself; absent for a pool the driver started. */
  cluster?: ClusterInfo;
  /** Optional: the settings the driver's backend ran with (e.g. py-shm's result form), recorded as `point.executor`. */
  executor?: ExecutorSettings;
  /** Present when the request asked for `trace`: every task of the timed repetitions, stamped on the driver's clock. */
  trace?: RemoteTrace;
}

/**
 * A traced run's spans as a driver sends them: [task, repetition, worker, submitted, started, finished,
 * received], the four instants in nanoseconds of the driver's own clock (RemoteSession.clock), timed
 * repetitions only, repetitions counted from 0.
 */
export interface RemoteTrace {
  spans: [number, number, string, number, number, number, number][];
}

/** One grain of a driver's calibration sweep: the knob tuned on its runtime and the seconds the search took. */
export interface RemoteSweepRow extends TunedKnob {
  /** Target grain, seconds per task. */
  grain: number;
  /** Wall seconds the driver spent calibrating this grain. */
  seconds: number;
}

export interface RemoteSession {
  /** The runtime the session runs, as it reported itself when it started. */
  readonly runtime?: RuntimeInfo;
  /**
   * Calibrate every grain of `grains` (seconds per task) at once on the remote runtime, as the runner's
   * calibration sweep does (floors by majority, knobs monotone in the grain); rows in the order given.
   * Optional: a driver without it is planned grain by grain.
   */
  sweep?(request: Pick<DriverPointRequest, 'suite' | 'params' | 'seed'> & { grains: number[]; minSampleSeconds: number }): Promise<RemoteSweepRow[]>;
  /**
   * Time the sequential reference on the remote runtime at `knob` when given, else after calibrating for
   * `grain` (seconds per task) there.
   */
  plan(request: DriverPointRequest & { grain: number; minSampleSeconds: number; knob?: Knob }): Promise<RemotePlan>;
  /**
   * Run warm-up and repetitions on `backend` with `workers` workers at `knob`; `onRepeat` gets progress,
   * `onCompleted` (optional) the driver's running count of completed tasks. With `cluster` (a Dask
   * scheduler's or Ray cluster's address, a Parsl config file) the backend runs on that cluster,
   * `workers` null meaning the cluster's own count. With `trace` (only where `traces` is true) every
   * task is stamped and the reply carries `trace`.
   */
  run(request: DriverPointRequest & { backend: string; workers: number | null; knob: Knob; cluster?: string; trace?: true }, onRepeat?: (done: number, total: number) => void, onCompleted?: (tasks: number) => void): Promise<RemoteTiming>;
  /**
   * The driver's clock now, in nanoseconds (the clock its trace spans are stamped on); present only
   * where the driver traces (`traces`).
   */
  clock?(): Promise<number>;
  /** Whether the driver can trace tasks (its hello lists the optional `trace` and `clock` requests). */
  readonly traces?: boolean;
  /** Stop the session and every process it started; idempotent. */
  close(): Promise<void>;
}

/**
 * What starting a session needs; `startupTimeoutSeconds` bounds the start (STARTUP_TIMEOUT) and
 * `signal` stops it (INTERRUPTED), the driver and what it started stopped either way.
 */
export interface RemoteStartOptions extends StartupBounds {
  /** Seconds a request may make no progress before the session fails with TASK_TIMEOUT (0 disables). */
  taskTimeoutSeconds: number;
}

/** A backend timed by a driver in another runtime; the runner measures it through `start`, never `open`. */
export interface RemoteBackend extends BackendInfo {
  readonly kind: 'remote';
  /** Points of backends with the same key share one calibration and sequential reference per run. */
  readonly planKey: string;
  /** The suites the remote side implements; the planner skips this backend for the others. */
  readonly suites: readonly string[];
  /** Start a session; rejects with a ParbenchError (DRIVER_FAILED, STARTUP_TIMEOUT, INTERRUPTED …) when the driver does not start. */
  start(options: RemoteStartOptions): Promise<RemoteSession>;
}
