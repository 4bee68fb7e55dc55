/** Synthetic run records that obey W·T_par = T_seq + N·o + c, with seeded multiplicative noise. */
import { machineFingerprint, RUN_SCHEMA, type PointRecord, type RunRecord } from '../../src/record/index.js';
import { pointMetrics } from '../../src/stats/metrics.js';
import { summarize } from '../../src/stats/summary.js';
import { mulberry32 } from '../../suites/random.js';

export interface SeriesSpec {
  suite?: string;
  backend: string;
  workers: number;
  /** Per-task overhead and fixed cost (CPU-seconds). */
  o: number;
  c?: number;
  /** [grain, tasks] per point. */
  points: [number, number][];
  /** Relative noise (uniform ±noise) on every sample. */
  noise?: number;
  repeats?: number;
  seed?: number;
  /** Override efficiency per grain index instead of the model (for METG shapes). */
  efficiency?: number[];
}

export interface RunOptions {
  id?: string;
  cores?: number;
  cpu?: string;
  memory?: number;
  node?: string;
}

export function syntheticRun(specs: SeriesSpec[], options: RunOptions = {}): RunRecord {
  const cores = options.cores ?? 2;
  const points: PointRecord[] = [];
  for (const spec of specs) {
    const random = mulberry32(spec.seed ?? 7);
    const jitter = (x: number) => x * (1 + (spec.noise ?? 0) * (2 * random() - 1));
    const usable = Math.min(spec.workers, cores);
    spec.points.forEach(([grain, tasks], i) => {
      const tSeq = grain * tasks;
      const eff = spec.efficiency?.[i];
      const tPar = eff !== undefined ? tSeq / (usable * eff) : (tSeq + tasks * spec.o + (spec.c ?? 0)) / usable;
      const n = spec.repeats ?? 10;
      const seq = Array.from({ length: n }, () => jitter(tSeq));
      const par = Array.from({ length: n }, () => jitter(tPar));
      const seqSummary = summarize(seq);
      const parSummary = summarize(par);
      points.push({
        suite: spec.suite ?? 'square',
        params: { n: 25 },
        backend: spec.backend,
        workers: spec.workers,
        tasks,
        grain: { target: grain, achieved: seqSummary.median / tasks, calibrated: grain, chunk: 1, work: 1, chunkUnit: 'elements', reachable: true, withinTolerance: true, tunedBy: 'chunk' },
        status: 'completed',
        startupSeconds: 0.01,
        sequential: { samples: seq, warmupSamples: [], loops: 1, summary: seqSummary },
        parallel: { samples: par, warmupSamples: [], summary: parSummary },
        metrics: pointMetrics({ tSeq: seqSummary.median, tPar: parSummary.median, tasks, workers: spec.workers, cores }),
        verified: true,
        checksum: 'x',
      });
    });
  }
  return {
    schema: RUN_SCHEMA,
    id: options.id ?? 'synthetic',
    status: 'completed',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    parbench: '0.1.0',
    git: { commit: null, dirty: null },
    machine: syntheticMachine(options),
    config: {} as RunRecord['config'],
    cores,
    points,
    errors: [],
  };
}

/** A sweep of grains 1e-7 … 1e-3 where N shrinks as the grain grows (as square's chunking does). */
export const SWEEP: [number, number][] = [
  [1e-7, 20000],
  [1e-6, 5000],
  [1e-5, 1000],
  [3e-5, 400],
  [1e-4, 200],
  [1e-3, 100],
];

/** The machine of a synthetic run, with its fingerprint. */
export function syntheticMachine(options: RunOptions = {}): RunRecord['machine'] {
  const cores = options.cores ?? 2;
  const identity = {
    cpuModel: options.cpu ?? 'Test CPU',
    logicalCores: cores,
    physicalCores: cores,
    availableParallelism: cores,
    memoryBytes: options.memory ?? 8 * 2 ** 30,
    os: 'Linux',
    arch: 'x64',
    node: options.node ?? '20.0.0',
    v8: '11',
  };
  return { hostname: 'test', ...identity, fingerprint: machineFingerprint(identity) };
}

/** The record with every point's sequential samples multiplied by `factor` (summaries and metrics recomputed): the same tasks on a slower or faster moment. */
export function scaleSequential(record: RunRecord, factor: number): RunRecord {
  const points = record.points.map((p) => {
    const samples = p.sequential.samples.map((x) => x * factor);
    const summary = summarize(samples);
    const metrics = p.metrics && p.parallel ? pointMetrics({ tSeq: summary.median, tPar: p.parallel.summary.median, tasks: p.tasks, workers: p.workers, cores: record.cores }) : p.metrics;
    return { ...p, grain: { ...p.grain, achieved: summary.median / p.tasks }, sequential: { ...p.sequential, samples, summary }, metrics };
  });
  return { ...record, points };
}
