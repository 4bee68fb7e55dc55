/**
 * The run record: `<outputDir>/<id>/run.json`, the source of truth every report is derived from.
 * One zod schema per part; every TypeScript type of the record is inferred from it, and the published
 * JSON Schema (schema/run.schema.json) is generated from it. Times are seconds, sizes bytes.
 *
 * Bump RUN_SCHEMA when a field changes meaning or disappears; readers accept the versions in
 * RUN_SCHEMAS (the current and the previous one) and refuse any other (docs/record.md).
 */
import { z } from 'zod/v4';
import { calibrationSecondsSchema, repetitionsSchema, timeAccountingSchema } from './schedule-schema.js';

/** The run-record format this parbench writes. */
export const RUN_SCHEMA = 'parbench.run/2';

/** Run-record formats this parbench reads: the current one and the previous one (upgraded when read, see RUN_UPGRADES). */
export const RUN_SCHEMAS: readonly string[] = [RUN_SCHEMA, 'parbench.run/1'];

/** The baseline file format (results/baseline.json) this parbench writes and reads. */
export const BASELINE_SCHEMA = 'parbench.baseline/1';

const count = (what: string) => z.number().int().min(1).describe(what);

export const machineInfoSchema = z
  .object({
    hostname: z.string(),
    cpuModel: z.string(),
    logicalCores: z.number().describe('Logical CPUs the OS reports.'),
    physicalCores: z.number().nullable().describe('Physical cores, where the OS tells them (Linux /proc/cpuinfo); null otherwise.'),
    availableParallelism: z.number().describe('CPUs this process may run on (os.availableParallelism: respects affinity such as taskset).'),
    memoryBytes: z.number().describe('Total memory in bytes.'),
    os: z.string(),
    arch: z.string(),
    node: z.string(),
    v8: z.string(),
    fingerprint: z
      .string()
      .describe('12 hex digits naming the machine for comparisons: a hash of CPU model, logical/physical cores, usable CPUs, memory in whole GiB, OS, arch, Node and V8 (src/record/fingerprint.ts); the hostname is not part of it.'),
  })
  .describe('The machine that measured the run.');

export const grainInfoSchema = z
  .object({
    target: z.number().describe('Target grain g in seconds.'),
    achieved: z.number().describe('Achieved grain ĝ in seconds: median sequential time of the point\'s tasks / number of tasks.'),
    calibrated: z.number().describe('Per-task time in seconds the calibration measured for the chosen knob.'),
    chunk: z.number().describe('Chunk size of one task, in chunkUnit.'),
    work: z.number().describe('Rounds of extra work per task.'),
    chunkUnit: z.string(),
    reachable: z.boolean().describe('false when the suite\'s smallest task is slower than the target (achieved is the floor).'),
    withinTolerance: z.boolean().describe('|achieved − target| ≤ 15% of target.'),
    tunedBy: z.enum(['chunk', 'work', 'floor']).describe('Which knob set the grain: chunk size, rounds of work, or neither (floor).'),
  })
  .describe('The grain of a point: target, achieved, and the knob that set it.');

export const loadImbalanceSchema = z
  .object({
    ratio: z.number().describe('max task time / mean task time.'),
    maxSeconds: z.number(),
    meanSeconds: z.number(),
    callsPerTiming: z.number(),
  })
  .describe('Load imbalance of a point\'s task set, timed task by task sequentially (suites that ask for it).');

export const summarySchema = z
  .object({
    n: z.number().describe('Number of samples.'),
    median: z.number(),
    mad: z.number().describe('Median absolute deviation (unscaled).'),
    mean: z.number(),
    min: z.number(),
    max: z.number(),
    cv: z.number().describe('Coefficient of variation: sample standard deviation / mean (0 with fewer than 2 samples).'),
    ci95: z.tuple([z.number(), z.number()]).describe('95% confidence interval of the median, percentile bootstrap (2,000 resamples, fixed seed).'),
    outliers: z.array(z.number()).describe('Indices of samples whose modified z-score exceeds 3.5: flagged, never dropped.'),
  })
  .describe('Summary statistics of a set of timing samples (seconds).');

export const timingSchema = z
  .object({
    samples: z.array(z.number()).describe('Wall times in seconds, one per repetition.'),
    warmupSamples: z.array(z.number()).describe('Wall times in seconds of the warm-up repetitions (not summarised).'),
    summary: summarySchema,
  })
  .describe('The timed repetitions of one measurement.');

export const sequentialTimingSchema = timingSchema
  .extend({ loops: z.number().describe('Times each sample looped over the tasks; the sample is the total divided by it.') })
  .describe('T_seq: the same tasks in-process, no dispatch.');

export const pointMetricsSchema = z
  .object({
    usableWorkers: z.number().describe('min(W, cores): the parallelism a backend can actually use.'),
    speedup: z.number().describe('S = T_seq / T_par'),
    efficiency: z.number().describe('E = S / min(W, cores)'),
    overheadPerTask: z.number().describe('o = (min(W, cores) · T_par − T_seq) / N: CPU-seconds a backend adds per task.'),
    tasksPerSecond: z.number().describe('N / T_par'),
  })
  .describe('The overhead model of one point, from the medians of T_seq and T_par.');

export const runtimeInfoSchema = z
  .object({
    implementation: z.string().describe('CPython or PyPy; Rust or Go for the native drivers.'),
    python: z.string().optional().describe('The Python language version, e.g. 3.11.7 (PyPy 7.3.11 implements 3.9.16); present for Python drivers.'),
    parsl: z.string().nullable().optional().describe('Parsl\'s version in that interpreter\'s environment; null where Parsl is not installed; present for Python drivers.'),
    pypy: z.string().optional().describe('PyPy\'s own version; present for PyPy only.'),
    version: z.string().optional().describe('The compiler or toolchain version of a native driver, e.g. 1.95.0 (rustc) or go1.26.8.'),
    libraries: z.record(z.string(), z.string()).optional().describe('Versions of the libraries a native driver runs its backends on, e.g. {"rayon": "1.12.0"}.'),
  })
  .describe('The runtime that measured a remote-timed point (Python, Rust or Go drivers), as its driver reports it in its hello reply.');

export const clusterInfoSchema = z
  .object({
    address: z.string().describe('The Dask scheduler\'s or Ray cluster\'s address, or the path of the Parsl config file.'),
    workers: z.number().int().positive().describe('Workers the cluster has, as it reports them (Dask: workers; Ray: CPUs; Parsl: threads plus connected HTEX workers).'),
    cores: z.number().positive().describe('Cores the cluster reports (Dask: worker threads; Ray: CPUs; Parsl: its workers): min(W, cores) of the metrics is taken against these.'),
    usedCores: z.number().positive().optional().describe('Cores of the workers used when --workers asked for fewer than the cluster has (Dask).'),
    nodes: z.number().int().positive().optional().describe('Nodes of a Ray cluster.'),
    executors: z.array(z.string()).optional().describe('Labels of the executors of a Parsl config file.'),
    versions: z.record(z.string(), z.string()).describe('Versions the cluster reports (Dask scheduler: python, dask, distributed; Ray; Parsl).'),
  })
  .describe('The cluster a point ran on (--dask-scheduler, --ray-address, --parsl-config), as the cluster reported itself; absent for pools parbench started.');

export const traceDecompositionSchema = z
  .object({
    tasks: z.number().describe('Task spans the decomposition is computed from (every task of the traced repetitions).'),
    repetitions: z.number().describe('Traced repetitions the spans come from (warm-up excluded).'),
    dispatchSeconds: z.number().describe('Mean per task of submitted → started (seconds): queueing and hand-off to a worker.'),
    queuedSeconds: z.number().describe('The part of dispatchSeconds a task waited while its worker was still running its previous task (seconds, mean per task).'),
    executeSeconds: z.number().describe('Mean per task of started → finished on the worker (seconds): the kernel as the worker ran it.'),
    returnSeconds: z.number().describe('Mean per task of finished → result received by the submitting side (seconds).'),
    idlePerTaskSeconds: z.number().describe('Worker time not spent in kernels, per task: (Σ over workers of window − busy) / tasks, window = first submit → last result of each repetition (seconds).'),
    workers: z
      .array(
        z.object({
          worker: z.string().describe('The worker as the trace names it (thread or process).'),
          tasks: z.number(),
          busySeconds: z.number().describe('Σ started → finished of its tasks, all traced repetitions (seconds).'),
          idleSeconds: z.number().describe('Σ over traced repetitions of window − busy (seconds).'),
        }),
      )
      .describe('Per worker: tasks run, busy and idle time.'),
  })
  .describe('Where a task\'s time goes, from per-task timestamps (src/trace/decompose.ts).');

export const pointTraceSchema = z
  .object({
    parallel: timingSchema.nullable().describe('T_par of the traced repetitions (seconds), timed like the untraced ones; null when none completed.'),
    overheadPerTaskSeconds: z.number().nullable().describe('Tracing overhead per task: (median traced T_par − median untraced T_par) / tasks (seconds); null when either is missing.'),
    decomposition: traceDecompositionSchema.nullable().describe('null when no traced repetition completed.'),
    clock: z
      .object({
        source: z.string().describe('Clock every timestamp was read from and how it was mapped to the common one.'),
        alignmentErrorSeconds: z.number().nullable().describe('Bound on the error mapping the backend\'s clock onto the common clock (seconds): half the shortest round trip of the offset measurement; 0 when every thread reads the same clock; null when not measured.'),
        negativeIntervals: z.number().describe('Intervals (dispatch or return) found negative, i.e. clamped to 0: a sign of clock misalignment.'),
      })
      .describe('The clock of the timestamps.'),
    error: z.object({ code: z.string(), message: z.string() }).optional().describe('What stopped the traced repetitions, one line.'),
  })
  .describe('A traced point (run --trace): extra repetitions with per-task timestamps, after the untraced ones.');

export const errorRecordSchema = z
  .object({ code: z.string(), message: z.string().describe('One line.') })
  .describe('What went wrong, one line.');

const paramValue = z.union([z.number(), z.string(), z.null()]);

export const pointStatusSchema = z.enum(['completed', 'failed']);

export const pointRecordSchema = z
  .object({
    suite: z.string(),
    params: z.record(z.string(), paramValue).describe('The suite\'s parameters.'),
    backend: z.string(),
    workers: count('Workers W the backend was opened with.'),
    tasks: count('Tasks N of the point.'),
    grain: grainInfoSchema,
    status: pointStatusSchema,
    error: errorRecordSchema.optional().describe('Present when status is failed: what went wrong, one line.'),
    startupSeconds: z.number().nullable().describe('Pool start-up (open) in seconds, timed apart from the tasks.'),
    poolOpenedFor: z
      .number()
      .optional()
      .describe('Target grain (seconds) of the earlier suite × grain group that opened the pool this point ran on: pools stay open across the grains of a suite, and startupSeconds is that opening\'s. Absent when the pool was opened for this point.'),
    sequential: sequentialTimingSchema.describe(
      'T_seq: the same tasks run one after another, no dispatch; timed in a fresh worker isolate for executor points (by the driver for remote ones). The metrics use it.',
    ),
    sequentialInline: sequentialTimingSchema
      .optional()
      .describe('The same tasks timed in the main thread (in-process, after calibration): the figure T_seq was before it moved to an isolate. Present for executor points.'),
    parallel: timingSchema.nullable().describe('T_par: first submit to last result; null when nothing was timed.'),
    metrics: pointMetricsSchema.nullable().describe('null when the point failed or has no parallel timing.'),
    verified: z.boolean(),
    checksum: z.string(),
    executor: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .optional()
      .describe('Settings of the executor the point ran on, when it reports them (e.g. shm: spin length, result path).'),
    imbalance: loadImbalanceSchema.optional(),
    sharing: z.string().optional().describe('How the suite\'s input reaches workers (e.g. once per worker as context).'),
    runtime: runtimeInfoSchema.optional(),
    cluster: clusterInfoSchema.optional(),
    calibrationSeconds: calibrationSecondsSchema.optional(),
    repetitions: repetitionsSchema.optional(),
    sameTasksAs: z.number().optional().describe('Target grain (seconds) of the earlier point of this suite, backend and workers whose measurement this row reuses: calibration chose the same knob for both targets (e.g. both below the suite\'s floor), so they are the same tasks.'),
    interleaved: z
      .boolean()
      .optional()
      .describe('true when the point\'s repetitions were taken in rounds with the reference and the other executor points of its suite × grain; false when measured point after point.'),
    trace: pointTraceSchema.optional().describe('Present in a traced run (run --trace): the traced repetitions, the decomposition and the tracing overhead.'),
  })
  .describe('One measured point: a suite at one grain on one backend with W workers.');

/**
 * The resolved configuration the run used (ResolvedConfig of src/config/config-schema.ts). The analysis reads
 * none of it, so only the types of the keys present are checked; src/config/config-schema.ts owns its rules.
 */
export const recordedConfigSchema = z
  .object({
    suites: z.array(z.string()),
    backends: z.array(z.string()),
    grains: z.array(z.number()),
    workers: z.array(z.number()),
    repeats: z.number(),
    warmup: z.number(),
    outputDir: z.string(),
    seed: z.number(),
    taskTimeoutSeconds: z.number(),
    startupTimeoutSeconds: z.number(),
    minSampleSeconds: z.number(),
    interleave: z.boolean(),
    precision: z.number().nullable(),
    maxRepeats: z.number(),
    timeBudgetSeconds: z.number().nullable(),
    maxTasks: z.number().nullable(),
    trace: z.boolean().describe('true when the run was traced (run --trace).'),
    injectOverheadSeconds: z.number().describe('Test only: the busy work asked of every executor task (--inject-overhead), seconds; see injectedOverhead.'),
    suiteParams: z.record(z.string(), z.record(z.string(), paramValue)),
  })
  .partial()
  .describe('The resolved configuration of the run.');

export const machineProbeSchema = z
  .object({
    durationSeconds: z.number().describe('Wall time of the probe in seconds (the spin test and the /proc/stat reads around it).'),
    loadAverage: z.tuple([z.number(), z.number(), z.number()]).describe('os.loadavg(): runnable tasks averaged over 1, 5 and 15 minutes (all zero on Windows).'),
    cores: z.number().describe('CPUs the probe judged the load against (os.availableParallelism).'),
    cpuBusy: z.number().nullable().describe('Fraction of all CPUs busy (user, nice, system, irq, softirq, steal) between two reads of /proc/stat around the spin test, our own spin included; null without /proc/stat.'),
    cpuSteal: z.number().nullable().describe('Fraction of all CPU time stolen by the hypervisor over the same interval; null without /proc/stat.'),
    spin: z
      .object({
        slices: z.number().describe('Fixed work slices timed.'),
        medianSeconds: z.number().describe('Median time of one slice (s).'),
        robustCv: z.number().describe('1.4826·MAD / median of the slice times: rises when other work preempts ours.'),
        maxOverMedian: z.number().describe('Slowest slice / median slice.'),
      })
      .describe('The spin test: identical slices of arithmetic timed one by one on the main thread.'),
    verdict: z.enum(['quiet', 'busy']).describe('busy when any rule of docs/record.md fires: steal > 5%, others\' CPU > 25% of the machine, 1-minute load per core beyond our own > 0.5, or spin robust CV > 10%.'),
    reasons: z.array(z.string()).describe('The rules that fired, one phrase each; empty when quiet.'),
  })
  .describe('A short probe of the machine taken before the run, outside every measured point.');

export const injectedOverheadSchema = z
  .object({
    seconds: z.number().describe('Busy work asked of every task, in seconds (--inject-overhead).'),
    rounds: z.number().describe('Rounds of busy work each task did: seconds / secondsPerRound, rounded.'),
    secondsPerRound: z.number().describe('Time of one round, calibrated on the main thread before the first point.'),
  })
  .describe('Test only: every task of every executor backend did this busy work before its kernel, so the run\'s overheads are not the backends\' own (present only for such runs).');

export const skippedSchema = z
  .object({ suite: z.string(), backend: z.string(), reason: z.string() })
  .describe('A suite × backend pair not measured because the backend does not implement the suite.');

export const runRecordSchema = z
  .object({
    schema: z.literal(RUN_SCHEMA),
    id: z.string(),
    status: z.enum(['running', 'completed', 'failed', 'interrupted']),
    startedAt: z.string().describe('ISO 8601 time the run started.'),
    finishedAt: z.string().nullable().describe('ISO 8601 time the run ended; null while running.'),
    parbench: z.string().describe('Version of the parbench that wrote the record.'),
    git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
    machine: machineInfoSchema,
    config: recordedConfigSchema,
    cores: count('CPUs this run could use (os.availableParallelism); the efficiency model uses min(W, cores).'),
    points: z.array(pointRecordSchema),
    errors: z.array(errorRecordSchema),
    skipped: z.array(skippedSchema).optional(),
    probe: machineProbeSchema.optional(),
    injectedOverhead: injectedOverheadSchema.optional(),
    timeAccounting: timeAccountingSchema.optional(),
    traced: z
      .object({ file: z.string().describe('The trace-event file beside run.json (Chrome trace-event JSON), e.g. trace.json.') })
      .optional()
      .describe('Present when the run was traced (run --trace): the gate refuses such a run as evidence.'),
  })
  .meta({ title: 'parbench run record', description: `A parbench run (${RUN_SCHEMA}): results/runs/<id>/run.json. Readers ignore keys they do not know.` });

export const baselineSchema = z
  .object({
    schema: z.literal(BASELINE_SCHEMA),
    savedAt: z.string().describe('ISO 8601 time the baseline was saved.'),
    sources: z.array(z.string()).describe('Where the runs came from (their run.json paths as given).'),
    runs: z.array(runRecordSchema).min(1).describe('One or more runs of the same sweep; several capture the machine\'s run-to-run spread.'),
  })
  .meta({ title: 'parbench baseline', description: `The reference the gate compares against (${BASELINE_SCHEMA}): results/baseline.json.` });

export type MachineInfo = z.infer<typeof machineInfoSchema>;
export type GrainInfo = z.infer<typeof grainInfoSchema>;
export type LoadImbalance = z.infer<typeof loadImbalanceSchema>;
export type Summary = z.infer<typeof summarySchema>;
export type Timing = z.infer<typeof timingSchema>;
export type PointMetrics = z.infer<typeof pointMetricsSchema>;
export type RuntimeInfo = z.infer<typeof runtimeInfoSchema>;
/** The cluster a point ran on, as the cluster reported itself (clusterInfoSchema). */
export type ClusterInfo = z.infer<typeof clusterInfoSchema>;
export type ErrorRecord = z.infer<typeof errorRecordSchema>;
export type PointStatus = z.infer<typeof pointStatusSchema>;
export type PointRecord = z.infer<typeof pointRecordSchema>;
export type MachineProbe = z.infer<typeof machineProbeSchema>;
export type InjectedOverhead = z.infer<typeof injectedOverheadSchema>;
export type RecordedConfig = z.infer<typeof recordedConfigSchema>;
export type RunRecord = z.infer<typeof runRecordSchema>;
export type Baseline = z.infer<typeof baselineSchema>;
export type TraceDecomposition = z.infer<typeof traceDecompositionSchema>;
export type PointTrace = z.infer<typeof pointTraceSchema>;
