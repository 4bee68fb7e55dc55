/** `report`: one run record, located and validated, with its analysis (METG, fitted overhead, warnings). */
import { loadRun, type RunRecord } from '../record/index.js';
import { runsDirOf, type LocateOptions } from './locate-options.js';
import { analyzeRun, type RunAnalysis } from '../stats/analyze.js';

export interface ReportOptions extends LocateOptions {
  /** Run id, run directory or run.json path; absent: the latest run in the runs directory. */
  run?: string;
  /** Efficiency threshold of METG, in (0, 1]; default 0.5. */
  metgThreshold?: number;
}

export interface ReportResult {
  record: RunRecord;
  /** The run.json the record was read from. */
  path: string;
  analysis: RunAnalysis;
}

/**
 * Locate a run (see `loadRun`: by id, directory or file, else the latest in the runs directory given by
 * `runs`, else the configuration's outputDir) and analyse it. Throws NO_RUNS, RUN_NOT_FOUND and BAD_RUN
 * (exit 2) for a missing or damaged record, BAD_CONFIG for an unreadable configuration.
 */
export function report(options: ReportOptions = {}): ReportResult {
  const { record, path } = loadRun(options.run, runsDirOf(options));
  const analysis = analyzeRun(record, options.metgThreshold === undefined ? {} : { metgThreshold: options.metgThreshold });
  return { record, path, analysis };
}
