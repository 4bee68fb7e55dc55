/** `run`: measure a resolved configuration and keep its files (run.json, results.csv) current. */
import type { ResolvedConfig } from '../config/config-schema.js';
import { runDir, writeRunFiles, type PointRecord, type RunRecord } from '../record/index.js';
import { toCsv } from '../report/csv.js';
import { newRunId, runBenchmarks, type Progress } from '../runner/run-benchmarks.js';

export interface RunOptions {
  /** Called as repetitions go by (point i of n, repeat j of m). */
  onProgress?: (progress: Progress) => void;
  /** Called with every point once it is measured and written. */
  onPoint?: (point: PointRecord) => void;
  /** Aborting stops the run after closing every open pool and isolate; the groups measured before are kept. */
  signal?: AbortSignal;
  /** The run's id (its directory name under outputDir); default a fresh timestamped id. */
  id?: string;
}

/**
 * Run a resolved configuration (see runBenchmarks), writing run.json and results.csv under
 * `config.outputDir` after every suite × grain group. Resolves with the finished record and its directory; rejects
 * with what runBenchmarks throws and with WRITE_FAILED when a file cannot be written.
 */
export async function run(config: ResolvedConfig, options: RunOptions = {}): Promise<{ record: RunRecord; dir: string }> {
  const id = options.id ?? newRunId();
  const record = await runBenchmarks(
    config,
    {
      persist: (r) => writeRunFiles(r, config.outputDir, toCsv(r)),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onPoint ? { onPoint: options.onPoint } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    id,
  );
  return { record, dir: runDir(config.outputDir, id) };
}
export type { Progress } from '../runner/run-benchmarks.js';
