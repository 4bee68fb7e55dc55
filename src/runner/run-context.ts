/**
 * What the points of one run share: the configuration, the clock, the cores of the efficiency model,
 * and what is built once and reused by the points that follow.
 */
import { backendNames, findBackend, type Backend } from '../backends/index.js';
import { runnableUrl } from '../backends/paths.js';
import type { ResolvedConfig } from '../config/config-schema.js';
import { parbenchError } from '../errors.js';
import type { PointRecord } from '../record/index.js';
import type { PointSpans } from '../trace/spans.js';
import { findSuite, suiteModule, suiteNames, type AnySuite, type Knob, type SuiteParams } from '../../suites/index.js';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SweepRow } from './calibrate-sweep.js';
import { calibrateInIsolate } from './reference-isolate.js';
import type { Clock } from './clock.js';
import type { LiveBoard } from './live.js';
import { TimeAccount } from './time-account.js';
import type { Repetitions } from './measure.js';
import { localReference, type LocalReference } from './reference.js';
import { remoteCache, type RemoteCache } from './measure-remote.js';
import type { SuitePools } from './suite-pools.js';

/** A suite set up for a run: its parameters, its input (built once) and where workers load its kernel. */
export interface SuiteSetup {
  suite: AnySuite;
  params: SuiteParams;
  input: unknown;
  context: unknown;
  /** file: URL of the suite module a worker imports (runnable JavaScript) and the export holding the suite. */
  suiteUrl: string;
  suiteExport: string;
  /** What one unit of the knob's chunk is, for the record. */
  chunkUnit: string;
}

/** The key of a suite's task set at a knob: the same key, the same tasks. */
function tasksKey(suite: string, knob: Knob): string {
  return `${suite}\u0000${JSON.stringify(knob)}`;
}

/**
 * The run's shared state. A plan visits its points suite by suite and grain by grain, so only the latest
 * suite's input and the latest suite × grain's executor reference are kept (earlier ones are freed);
 * remote references are kept for the whole run, by planKey × suite × parameters × seed × grain, and
 * the executor points measured for a suite's tasks by suite × knob (a later target that calibrates to
 * the same knob restates them, so equal knobs show equal achieved grains).
 */
export class RunContext {
  /** Remote references and calibration sweeps shared across the run's remote points (see measureRemote). */
  readonly remote: RemoteCache = remoteCache();
  private setup: SuiteSetup | undefined;
  private local: { suite: string; grain: number; reference: LocalReference } | undefined;
  private sweep: { suite: string; rows: SweepRow[] } | undefined;
  private readonly measured = new Map<string, PointRecord[]>();
  private granted: Repetitions | undefined;
  /** Rounds of busy work every executor task does before its kernel (`--inject-overhead`); 0 normally. */
  injectRounds = 0;
  /** The live view's counters (`run --live`): each group's thread pools write theirs there. Absent normally. */
  live: LiveBoard | undefined;
  /** Pools and the reference isolate kept across the grains of a suite (interleaved runs); absent: every group opens its own. */
  pools: SuitePools | undefined;
  /** Receives the task spans of every traced point (run --trace), for the trace file. */
  onSpans: ((spans: PointSpans) => void) | undefined;
  /** Lockstep's hand-over (RunHooks.handOver), absent normally; call it through `handOver`. */
  handOverHook: (() => void) | undefined;

  /**
   * Between two measurements (a repetition of the reference or of a lane, a group): hand the machine to
   * another process of the same lockstep and wait until it comes back (RunHooks.handOver), the time
   * counted as `handover`. Nothing when the run is not in lockstep.
   */
  readonly handOver = (): void => {
    const hook = this.handOverHook;
    if (hook) this.account.measure('handover', hook);
  };

  /**
   * `cores`: CPUs of the efficiency model; `clock`: what every timing of the run reads (seconds);
   * `lookup`: resolves backend names (the registry by default); `aborted`: whether the run was
   * interrupted, checked between the samples of the inline reference.
   */
  constructor(
    readonly config: ResolvedConfig,
    readonly cores: number,
    readonly clock: Clock,
    private readonly lookup: (name: string) => Backend | undefined = findBackend,
    private accountGiven?: TimeAccount,
    private readonly aborted: () => boolean = () => false,
  ) {}

  /**
   * Awaited between the samples of the inline reference, which is otherwise synchronous: it lets the
   * event loop run (so Ctrl-C's handler does) and rejects with INTERRUPTED once the run is aborted, so a
   * stop waits for one sample, not the whole reference. (Calibration runs in an isolate the stop ends.)
   */
  readonly between = async (): Promise<void> => {
    await nextTurn();
    if (this.aborted()) throw parbenchError('INTERRUPTED', 'signal');
  };

  /** Where the run's wall time goes, by phase (calibration, setup, reference, startup, samples, …); made on first use. */
  get account(): TimeAccount {
    this.accountGiven ??= new TimeAccount(this.clock);
    return this.accountGiven;
  }

  /** The backend called `name`. Throws UNKNOWN_BACKEND. */
  backend(name: string): Backend {
    const backend = this.lookup(name);
    if (!backend) throw parbenchError('UNKNOWN_BACKEND', name, backendNames());
    return backend;
  }

  /** The repetitions points take now: the configuration's, or what a time budget granted the current group. */
  get reps(): Repetitions {
    return this.granted ?? this.configuredReps;
  }

  /** The repetitions the configuration asks of every point. */
  get configuredReps(): Repetitions {
    const { warmup, repeats, minSampleSeconds, precision, maxRepeats, maxTasks } = this.config;
    return { warmup, repeats, minSampleSeconds, precision, maxRepeats, maxTasks };
  }

  /** From now on, points take `reps` (a time budget's grant for the next group) instead of the configuration's. */
  useReps(reps: Repetitions): void {
    this.granted = reps;
  }

  /** The suite called `name`, set up once (its input built from the run's parameters and seed). Throws UNKNOWN_SUITE. */
  suiteSetup(name: string): SuiteSetup {
    if (this.setup?.suite.name === name) return this.setup;
    const suite = findSuite(name);
    if (!suite) throw parbenchError('UNKNOWN_SUITE', name, suiteNames());
    const params = this.config.suiteParams[name] ?? {};
    const input = suite.makeInput(params, this.config.seed);
    const module = suiteModule(suite);
    this.setup = {
      suite,
      params,
      input,
      context: suite.context?.(input),
      suiteUrl: runnableUrl(module.url),
      suiteExport: module.exportName,
      chunkUnit: suite.knobRange(input).chunkUnit,
    };
    return this.setup;
  }

  /** The executor points' reference for the suite at `grain` (seconds), computed once (see localReference); calibrateSuite first. Rejects as `between` does. */
  async localReference(setup: SuiteSetup, grain: number): Promise<LocalReference> {
    if (this.local?.suite === setup.suite.name && this.local.grain === grain) return this.local.reference;
    const row = this.calibration(setup, grain);
    const work = { suite: setup.suite, input: setup.input, context: setup.context, grain };
    const measured = await this.account.measure('reference', () => localReference(work, row.calibration, this.reps, this.clock, this.between));
    const reference = { ...measured, calibrationSeconds: row.seconds };
    this.local = { suite: setup.suite.name, grain, reference };
    return reference;
  }

  /**
   * Calibrate the suite for every grain of the run at once, when it is first needed: one sweep
   * (calibrateSweep: floors by majority, knobs monotone in the grain) in a fresh worker isolate
   * (calibrateInIsolate), where the tasks are timed as the reference and the workers run them; `signal`
   * (the run's stop) ends it at once. Rejects with TASK_FAILED (the kernel threw there), WORKER_EXITED
   * or INTERRUPTED.
   */
  async calibrateSuite(setup: SuiteSetup, signal?: AbortSignal): Promise<void> {
    if (this.sweep?.suite === setup.suite.name) return;
    const work = { suite: setup.suite, input: setup.input, context: setup.context, suiteUrl: setup.suiteUrl, suiteExport: setup.suiteExport };
    const rows = await this.account.measure('calibration', () => calibrateInIsolate(work, this.config.grains, this.config.minSampleSeconds, signal));
    this.sweep = { suite: setup.suite.name, rows };
  }

  /**
   * The calibration of the suite at `grain` (seconds, one of the run's grains), from the sweep
   * calibrateSuite made. Throws a RangeError when the suite was not calibrated or `grain` is not one of
   * the run's grains.
   */
  calibration(setup: SuiteSetup, grain: number): SweepRow {
    const row = this.sweep?.suite === setup.suite.name ? this.sweep.rows.find((r) => r.grain === grain) : undefined;
    if (!row) throw new RangeError(`${setup.suite.name} at ${grain} s was not calibrated (calibrateSuite first, with the run's grains)`);
    return row;
  }

  /** Executor points already measured for `suite`'s tasks at `knob` in this run (one per backend × workers), if any. */
  measuredPoints(suite: string, knob: Knob): PointRecord[] | undefined {
    return this.measured.get(tasksKey(suite, knob));
  }

  /** Keep the executor points measured for `suite`'s tasks at `knob`, for later targets that calibrate to the same knob. */
  rememberPoints(suite: string, knob: Knob, points: PointRecord[]): void {
    this.measured.set(tasksKey(suite, knob), points);
  }


}
