/** The programmatic API: what the CLI itself uses. */
import type { ResolvedConfig } from './config/schema.js';
import { runDir, writeRunFiles, type PointRecord, type RunRecord } from './record/index.js';
import { newRunId, runBenchmarks, type Progress } from './runner/run.js';

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  onPoint?: (point: PointRecord) => void;
  signal?: AbortSignal;
  id?: string;
}

/**
 * Run a resolved configuration (see runBenchmarks), writing run.json and results.csv under
 * `config.outputDir` after every point. Resolves with the finished record and its directory; rejects
 * with what runBenchmarks throws and with the file system's errors when a write fails.
 */
export async function run(config: ResolvedConfig, options: RunOptions = {}): Promise<{ record: RunRecord; dir: string }> {
  const id = options.id ?? newRunId();
  const record = await runBenchmarks(
    config,
    {
      persist: (r) => writeRunFiles(r, config.outputDir),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onPoint ? { onPoint: options.onPoint } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    id,
  );
  return { record, dir: runDir(config.outputDir, id) };
}

export { resolveConfig, type RunRequest } from './config/load.js';
export type { ResolvedConfig } from './config/schema.js';
export { ParbenchError, isParbenchError } from './errors.js';
export {
  RUN_SCHEMA,
  RUN_SCHEMAS,
  BASELINE_SCHEMA,
  runRecordSchema,
  baselineSchema,
  readRun,
  loadRun,
  runsDirectory,
  readBaseline,
  type PointRecord,
  type RunRecord,
  type MachineInfo,
  type Baseline,
} from './record/index.js';
export { runTables, suiteTable } from './report/table.js';
export { toCsv } from './report/csv.js';
export { summarize, type Summary } from './stats/summary.js';
export { pointMetrics, type PointMetrics } from './stats/metrics.js';
export { backends, findBackend } from './backends/index.js';
export { suites, findSuite } from '../suites/index.js';
export type { Progress } from './runner/run.js';
export { analyzeRun, type RunAnalysis, type SeriesAnalysis } from './stats/analyze.js';
export { compareSeries, pairSeries, type SeriesComparison } from './stats/series-comparison.js';
export { fitOverhead, type OverheadFit } from './stats/fit.js';
export { thresholdGrain, type ThresholdGrain } from './stats/threshold.js';
export { gateRuns, type GateResult } from './gate/gate-runs.js';
