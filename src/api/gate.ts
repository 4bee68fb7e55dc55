/** `gate`: does the current run (or several) regress per-task overhead or METG against a baseline? */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE } from '../config/defaults.js';
import { readConfigFile } from '../config/load.js';
import { parbenchError } from '../errors.js';
import { DEFAULT_THRESHOLDS, gateRuns, type GateResult, type GateThresholds } from '../gate/gate-runs.js';
import { BASELINE_FILE, loadRun, readBaseline } from '../record/index.js';
import { runsDirOf, type LocateOptions } from './locate-options.js';

export interface GateOptions extends LocateOptions {
  /** Current runs (ids, directories or run.json paths); empty: the latest run. */
  runs: string[];
  /** Baseline file (or a run.json used as one); default results/baseline.json. */
  baseline?: string;
  /** Allowed regression of every metric as a fraction (0.1 = 10%); overrides the configuration's gate keys. */
  maxRegression?: number;
  /** Efficiency threshold of METG, in (0, 1]; default 0.5. */
  metgThreshold?: number;
}

export interface GateOutcome extends GateResult {
  /** Ids of the baseline's runs and of the current runs. */
  baseline: string[];
  runs: string[];
  thresholds: GateThresholds;
  /** Current runs that did not complete (their points are checked all the same): path and status. */
  incomplete: { path: string; status: string }[];
}

/**
 * Thresholds, in order of precedence: `maxRegression` (every metric), else the configuration's gate
 * keys (per metric, then `maxRegression`), else 10%. The configuration is `configPath`, else
 * ./bench.config.json when present. Throws BAD_CONFIG / CONFIG_UNREADABLE (exit 2) for a bad file.
 */
export function gateThresholds(maxRegression: number | undefined, configPath: string | undefined, cwd = process.cwd()): GateThresholds {
  const implicit = resolve(cwd, CONFIG_FILE);
  const path = configPath ? resolve(cwd, configPath) : existsSync(implicit) ? implicit : undefined;
  const gate = path ? (readConfigFile(path).gate ?? {}) : {};
  const general = maxRegression ?? gate.maxRegression;
  return {
    overhead: maxRegression ?? gate.maxOverheadRegression ?? general ?? DEFAULT_THRESHOLDS.overhead,
    metg: maxRegression ?? gate.maxMetgRegression ?? general ?? DEFAULT_THRESHOLDS.metg,
    minOverheadSeconds: gate.minOverheadSeconds ?? DEFAULT_THRESHOLDS.minOverheadSeconds,
  };
}

/**
 * Gate the current runs against the baseline (see gateRuns for the decision rule). `failed` is true
 * when a check regressed. Throws NOTHING_TO_COMPARE (exit 2) when the runs share no suite × backend ×
 * grain with the baseline, BAD_BASELINE / BAD_RUN / NO_RUNS / RUN_NOT_FOUND (exit 2) for missing or
 * damaged files, and BAD_CONFIG for a bad configuration.
 */
export function gate(options: GateOptions): GateOutcome {
  const thresholds = gateThresholds(options.maxRegression, options.config, options.cwd);
  const baselinePath = options.baseline ?? BASELINE_FILE;
  const baseline = readBaseline(baselinePath);
  const runsDir = runsDirOf(options);
  const loaded = (options.runs.length > 0 ? options.runs : [undefined]).map((name) => loadRun(name, runsDir));
  const records = loaded.map((l) => l.record);
  const metg = options.metgThreshold === undefined ? {} : { metgThreshold: options.metgThreshold };
  const result = gateRuns(baseline.runs, records, { thresholds, ...metg });
  if (result.checks.length === 0) {
    throw parbenchError('NOTHING_TO_COMPARE', `run ${records[0]!.id} shares no suite × backend × grain with baseline ${baselinePath}`);
  }
  return {
    baseline: baseline.runs.map((r) => r.id),
    runs: records.map((r) => r.id),
    thresholds,
    ...result,
    incomplete: loaded.filter((l) => l.record.status !== 'completed').map((l) => ({ path: l.path, status: l.record.status })),
  };
}
