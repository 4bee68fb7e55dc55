/**
 * A whole run: for each suite × grain, calibrate and time the sequential reference, then every backend
 * × worker count on the same tasks. The record is handed to `persist` after every point, so what was
 * measured survives a crash or Ctrl-C.
 */
import { availableParallelism } from 'node:os';
import { findBackend, type Backend } from '../backends/index.js';
import { runnableUrl } from '../backends/paths.js';
import { packageVersion } from '../version.js';
import type { ResolvedConfig } from '../config/schema.js';
import { RUN_SCHEMA, type PointRecord, type RunRecord } from '../record/index.js';
import { pointMetrics } from '../stats/metrics.js';
import { summarize } from '../stats/summary.js';
import { findSuite, suiteModule, type AnySuite } from '../../suites/index.js';
import { calibrate, TOLERANCE } from './calibrate.js';
import { prepare } from './execute.js';
import { measureImbalance } from './imbalance.js';
import { gitInfo, machineInfo } from './machine.js';
import { measureBackend, measureSequential } from './measure.js';
import { measureRemote, type Reference, type ReferenceCache } from './remote.js';

export interface Progress {
  suite: string;
  grain: number;
  backend: string;
  workers: number;
  /** 1-based index of the point being measured and the number of points in the run. */
  point: number;
  points: number;
  repeat: number;
  repeats: number;
}

export interface RunHooks {
  persist: (record: RunRecord) => void;
  onProgress?: (progress: Progress) => void;
  onPoint?: (point: PointRecord) => void;
  /** Set by the caller (e.g. on SIGINT) to stop after closing the open executor. */
  signal?: AbortSignal;
}

export function newRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
  return `${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}

/** Remote backends run only the suites their driver implements (`remote.suites`). */
function runs(backend: Backend, suite: string): boolean {
  return !backend.remote || backend.remote.suites.includes(suite);
}

function countPoints(config: ResolvedConfig): number {
  let perGrain = 0;
  for (const suite of config.suites) {
    for (const name of config.backends) {
      const backend = findBackend(name)!;
      if (runs(backend, suite)) perGrain += backend.parallel ? config.workers.length : 1;
    }
  }
  return config.grains.length * perGrain;
}

export async function runBenchmarks(config: ResolvedConfig, hooks: RunHooks, id = newRunId()): Promise<RunRecord> {
  const cores = availableParallelism();
  const record: RunRecord = {
    schema: RUN_SCHEMA,
    id,
    status: 'running',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    parbench: packageVersion(),
    git: gitInfo(),
    machine: machineInfo(),
    config,
    cores,
    points: [],
    errors: [],
    skipped: config.suites.flatMap((suite) =>
      config.backends
        .filter((name) => !runs(findBackend(name)!, suite))
        .map((backend) => ({ suite, backend, reason: `${backend} does not implement ${suite}` })),
    ),
  };
  hooks.persist(record);
  const total = countPoints(config);
  let current: { close(): Promise<void> } | undefined;
  const references: ReferenceCache = new Map();
  const aborted = () => hooks.signal?.aborted === true;
  hooks.signal?.addEventListener('abort', () => void current?.close());

  outer: for (const suiteName of config.suites) {
    const suite: AnySuite = findSuite(suiteName)!;
    const params = config.suiteParams[suite.name]!;
    const input = suite.makeInput(params, config.seed);
    const context = suite.context?.(input);
    const module = suiteModule(suite);
    const suiteUrl = runnableUrl(module.url);
    for (const grain of config.grains) {
      if (aborted()) break outer;
      const cal = calibrate(suite, input, context, grain, config);
      const tasks = suite.split(input, cal.knob);
      const prepared = prepare(tasks);
      const reps = { warmup: config.warmup, repeats: config.repeats, minSampleSeconds: config.minSampleSeconds };
      const seq = measureSequential(suite, input, context, prepared, reps);
      const local: Reference = { ...cal, tasks: tasks.length, sequential: { ...seq, summary: summarize(seq.samples) }, checksum: suite.checksum(seq.expected) };
      const range = suite.knobRange(input);
      const imbalance = suite.reportImbalance ? measureImbalance(suite, tasks, context) : undefined;
      for (const backendName of config.backends) {
        const backend = findBackend(backendName)!;
        if (!runs(backend, suite.name)) continue;
        for (const workers of backend.parallel ? config.workers : [1]) {
          if (aborted()) break outer;
          const pointNo = record.points.length + 1;
          const progress = (repeat: number, repeats: number) =>
            hooks.onProgress?.({ suite: suite.name, grain, backend: backend.name, workers, point: pointNo, points: total, repeat, repeats });
          progress(0, reps.warmup + reps.repeats);
          // Remote-timed backends (Python) calibrate and time on their own interpreter: their own reference.
          const remote = backend.remote
            ? await measureRemote(
                backend,
                { suite, input, context, params, seed: config.seed, grain, workers, reps, taskTimeoutSeconds: config.taskTimeoutSeconds },
                references,
                { onRepeat: progress, aborted, onSession: (s) => (current = s) },
              )
            : null;
          const timing =
            remote?.timing ??
            (await measureBackend(
              backend,
              { workers, suiteUrl, suiteExport: module.exportName, context, taskTimeoutSeconds: config.taskTimeoutSeconds },
              suite,
              input,
              prepared,
              seq.expected,
              reps,
              { onRepeat: progress, aborted, onExecutor: (e) => (current = e) },
            ));
          const ref = remote?.reference ?? local;
          const seqSummary = ref.sequential.summary;
          const achieved = seqSummary.median / ref.tasks;
          // A point cut short by Ctrl-C is not a measurement: drop it, keep the ones before.
          if (aborted() || timing.error?.code === 'INTERRUPTED') break outer;
          const parallel = timing.samples.length > 0 ? { samples: timing.samples, warmupSamples: timing.warmupSamples, summary: summarize(timing.samples) } : null;
          const point: PointRecord = {
            suite: suite.name,
            params,
            backend: backend.name,
            workers,
            tasks: ref.tasks,
            grain: {
              target: grain,
              achieved,
              calibrated: ref.perTask,
              chunk: ref.knob.chunk,
              work: ref.knob.work,
              chunkUnit: range.chunkUnit,
              reachable: ref.reachable,
              withinTolerance: Math.abs(achieved - grain) <= TOLERANCE * grain,
              tunedBy: ref.tunedBy,
            },
            status: timing.verified ? 'completed' : 'failed',
            ...(timing.error ? { error: timing.error } : {}),
            startupSeconds: timing.startupSeconds,
            sequential: { samples: ref.sequential.samples, warmupSamples: ref.sequential.warmupSamples, loops: ref.sequential.loops, summary: seqSummary },
            parallel,
            metrics:
              timing.verified && parallel
                ? pointMetrics({ tSeq: seqSummary.median, tPar: parallel.summary.median, tasks: ref.tasks, workers, cores })
                : null,
            verified: timing.verified,
            checksum: ref.checksum,
            ...(timing.executor ? { executor: timing.executor } : {}),
            ...(timing.runtime ? { runtime: timing.runtime } : {}),
            ...(imbalance && !remote ? { imbalance } : {}),
            ...(suite.sharing ? { sharing: suite.sharing } : {}),
          };
          record.points.push(point);
          if (timing.error) record.errors.push(timing.error);
          hooks.persist(record);
          hooks.onPoint?.(point);
        }
      }
    }
  }
  record.status = aborted() ? 'interrupted' : record.points.some((p) => p.status === 'failed') ? 'failed' : 'completed';
  record.finishedAt = new Date().toISOString();
  hooks.persist(record);
  return record;
}
