/**
 * `gate`: does the current code regress per-task overhead or METG? Against a baseline file (runs
 * recorded earlier on the same kind of machine) here; against a git ref measured in alternation on this
 * machine, or the working tree against itself (A/A), in gate-against.ts.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE } from '../config/defaults.js';
import { readConfigFile } from '../config/load.js';
import { parbenchError } from '../errors.js';
import { DEFAULT_THRESHOLDS, gateRuns, type GateResult, type GateThresholds, type NoiseFloor } from '../gate/gate-runs.js';

export type { GateStatus, Verdict } from '../gate/gate-runs.js';
import { machineChanges } from '../gate/same-machine.js';
import { BASELINE_FILE, loadRun, readBaseline, type RunRecord } from '../record/index.js';
import { injectedOverheadText } from '../stats/warnings.js';
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
  /** Gate even when the baseline's machine fingerprint or worker counts differ from the current run's. */
  allowOtherMachine?: boolean;
}

/** How the reference side was obtained. */
export type GateMode = 'baseline' | 'against' | 'aa';

export interface GateOutcome extends GateResult {
  mode: GateMode;
  /** Ids of the reference side's runs (the baseline's) and of the current runs. */
  baseline: string[];
  runs: string[];
  thresholds: GateThresholds;
  /** Current runs that did not complete (their points are checked all the same): path and status. */
  incomplete: { path: string; status: string }[];
  /** Machine fingerprint and worker-count differences between the sides (only with allowOtherMachine). */
  machineDifferences: string[];
  /** One line per run of either side made with --inject-overhead (test only). */
  injected: string[];
  /** The A/A noise floor, when one was measured: largest noise per metric over the checks (fractions). */
  noise?: { overhead?: number; metg?: number; runs: number };
  /** gate --against / --aa in lockstep: how often the machine changed hands between the sides' runs. */
  lockstep?: { rounds: number; handovers: number };
  /** gate --against / --aa: runs of the sweep a side. */
  rounds?: number;
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

/** Lines naming the runs of `runs` made with --inject-overhead. */
export function injectedLines(runs: readonly RunRecord[]): string[] {
  return runs.flatMap((r) => (r.injectedOverhead ? [`run ${r.id}: ${injectedOverheadText(r.injectedOverhead)}`] : []));
}

/**
 * Throws TRACED_RUN (exit 2) naming the first traced run (run --trace) among the current runs (by path)
 * and the baseline's runs (by the baseline's path and the run's id); returns otherwise.
 */
export function refuseTraced(current: readonly { path: string; record: RunRecord }[], baseline: readonly RunRecord[], baselinePath: string): void {
  const run = current.find((l) => l.record.traced);
  if (run) throw parbenchError('TRACED_RUN', `run ${run.path}`);
  const base = baseline.find((r) => r.traced);
  if (base) throw parbenchError('TRACED_RUN', `run ${base.id} of baseline ${baselinePath}`);
}

/** The largest noise per metric over a noise floor's checks, for the outcome. */
export function noiseSummary(floor: NoiseFloor, runs: number): NonNullable<GateOutcome['noise']> {
  const largest = (metric: string) => Math.max(...[...floor.checks].filter(([k]) => k.endsWith(`|${metric}`)).map(([, v]) => v));
  const out: NonNullable<GateOutcome['noise']> = { runs };
  for (const metric of ['overhead', 'metg'] as const) if (Number.isFinite(largest(metric))) out[metric] = largest(metric);
  return out;
}

/**
 * Gate the current runs against the baseline (see gateRuns for the decision rule). Refuses, unless
 * `allowOtherMachine`, a baseline whose machine fingerprint or worker counts differ from the current
 * runs': OTHER_MACHINE (exit 2) naming what differs. Throws NOTHING_TO_COMPARE (exit 2) when the runs
 * share no suite × backend × grain with the baseline, BAD_BASELINE (exit 2, saying how to make one or to
 * use --against when the file does not exist) / BAD_RUN / NO_RUNS / RUN_NOT_FOUND (exit 2) for missing or
 * damaged files, and BAD_CONFIG for a bad configuration.
 */
export function gate(options: GateOptions): GateOutcome {
  const thresholds = gateThresholds(options.maxRegression, options.config, options.cwd);
  const baselinePath = options.baseline ?? BASELINE_FILE;
  if (!existsSync(baselinePath)) {
    throw parbenchError('BAD_BASELINE', baselinePath, 'it does not exist; save one on this machine with "parbench baseline save", or measure a reference here with "parbench gate --against <git-ref>"');
  }
  const baseline = readBaseline(baselinePath);
  const runsDir = runsDirOf(options);
  const loaded = (options.runs.length > 0 ? options.runs : [undefined]).map((name) => loadRun(name, runsDir));
  const records = loaded.map((l) => l.record);
  refuseTraced(loaded, baseline.runs, baselinePath);
  const metg = options.metgThreshold === undefined ? {} : { metgThreshold: options.metgThreshold };
  const result = gateRuns(baseline.runs, records, { thresholds, ...metg });
  const differences = [...machineChanges(baseline.runs, records), ...result.workerMismatches.map((w) => `workers ${w}`)];
  if (differences.length > 0 && !options.allowOtherMachine) throw parbenchError('OTHER_MACHINE', `baseline ${baselinePath}`, differences.join('; '));
  if (result.checks.every((c) => c.note === 'missing in the current run')) {
    throw parbenchError('NOTHING_TO_COMPARE', `run ${records[0]!.id} shares no suite × backend × grain with baseline ${baselinePath}`);
  }
  return {
    mode: 'baseline',
    baseline: baseline.runs.map((r) => r.id),
    runs: records.map((r) => r.id),
    thresholds,
    ...result,
    incomplete: loaded.filter((l) => l.record.status !== 'completed').map((l) => ({ path: l.path, status: l.record.status })),
    machineDifferences: differences,
    injected: injectedLines([...baseline.runs, ...records]),
  };
}
