/**
 * The programmatic API: what the CLI itself uses. Each command is one function here that takes options
 * and returns a typed result (run, report, compare, gate, saveBaseline, listing, setupPython); the CLI
 * only parses flags and prints.
 */
export { run, type RunOptions, type RunResult, type RunWarning } from './api/run.js';
export { report, type ReportOptions, type ReportResult } from './api/report.js';
export { reportHtml, type HtmlReportOptions, type HtmlReportResult } from './api/html-report.js';
export { compare, compareRuns, type CompareOptions } from './api/compare.js';
export { gate, gateThresholds, type GateOptions, type GateOutcome } from './api/gate.js';
export { saveBaseline, type SaveBaselineOptions } from './api/save-baseline.js';
export { listing } from './api/list.js';
export { setupPython } from './api/setup-python.js';
export type { LocateOptions } from './api/locate-options.js';
export type { CompareView } from './report/compare-view.js';
export { resolveConfig, type RunRequest } from './config/load.js';
export type { ResolvedConfig } from './config/config-schema.js';
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
export type { Progress } from './runner/run-benchmarks.js';
export { analyzeRun, type RunAnalysis, type SeriesAnalysis } from './stats/analyze.js';
export { suiteVerdicts, type SuiteVerdict } from './stats/verdict.js';
export { compareSeries, pairSeries, type SeriesComparison } from './stats/series-comparison.js';
export { fitOverhead, type OverheadFit } from './stats/fit.js';
export { thresholdGrain, type ThresholdGrain } from './stats/threshold.js';
export { gateRuns, type GateResult } from './gate/gate-runs.js';
