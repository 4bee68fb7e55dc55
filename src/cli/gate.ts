/** `parbench gate --baseline results/baseline.json [runs...]`: exit 1 on a significant regression, 0 otherwise, 2 on usage errors. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { CONFIG_FILE } from '../config/defaults.js';
import { readConfigFile } from '../config/load.js';
import { parbenchError } from '../errors.js';
import { DEFAULT_THRESHOLDS, gateRuns, type GateThresholds } from '../gate/gate-runs.js';
import { BASELINE_FILE, DEFAULT_RUNS_DIR, loadRun, readBaseline, runsDirectory } from '../record/index.js';
import { gateMarkdown, gateTable } from '../report/gate-view.js';
import { useColor } from './color.js';
import { parseFormat, parseFraction, parseMetgThreshold } from './parse-options.js';

export const GATE_FORMATS = ['table', 'md', 'json'] as const;

interface GateOptions {
  baseline: string;
  maxRegression?: string;
  metg?: string;
  format?: string;
  config?: string;
  runs?: string;
  color?: boolean;
}

/** Thresholds: --max-regression, else the config's gate keys (per metric, then maxRegression), else 10%. */
export function gateThresholds(flag: string | undefined, configPath: string | undefined, cwd = process.cwd()): GateThresholds {
  const implicit = resolve(cwd, CONFIG_FILE);
  const path = configPath ? resolve(cwd, configPath) : existsSync(implicit) ? implicit : undefined;
  const gate = path ? (readConfigFile(path).gate ?? {}) : {};
  const fromFlag = flag === undefined ? undefined : parseFraction('--max-regression', flag);
  if (fromFlag !== undefined && !(fromFlag >= 0)) throw parbenchError('BAD_FLAG', '--max-regression', `"${flag}" must be 0% or more`);
  const general = fromFlag ?? gate.maxRegression;
  return {
    overhead: fromFlag ?? gate.maxOverheadRegression ?? general ?? DEFAULT_THRESHOLDS.overhead,
    metg: fromFlag ?? gate.maxMetgRegression ?? general ?? DEFAULT_THRESHOLDS.metg,
    minOverheadSeconds: gate.minOverheadSeconds ?? DEFAULT_THRESHOLDS.minOverheadSeconds,
  };
}

export function gateCommand(): Command {
  return new Command('gate')
    .description('fail (exit 1) when per-task overhead or METG regresses significantly beyond a threshold against a baseline')
    .argument('[runs...]', `run ids, run directories or run.json files (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured); several runs must all show a regression for it to count`)
    .option('--baseline <file>', 'baseline written by "parbench baseline save" (or a run.json)', BASELINE_FILE)
    .option('--max-regression <fraction>', 'allowed regression of every metric, e.g. 10% or 0.1 (default: config gate keys, else 10%)')
    .option('--metg <efficiency>', 'efficiency threshold of METG (default 0.5)')
    .option('-f, --format <format>', `output format: ${GATE_FORMATS.join(', ')} (md suits a CI job summary)`, 'table')
    .option('-c, --config <file>', 'configuration file with "gate" thresholds and the outputDir holding the runs (default: ./bench.config.json when present)')
    .option('--runs <dir>', 'directory holding run directories (default: the configuration\'s outputDir, else results/runs)')
    .option('--no-color', 'plain tables even on a terminal')
    .action((names: string[], opts: GateOptions) => {
      const format = parseFormat(opts.format, GATE_FORMATS, 'table');
      const metgThreshold = parseMetgThreshold(opts.metg);
      const thresholds = gateThresholds(opts.maxRegression, opts.config);
      const baseline = readBaseline(opts.baseline);
      const runsDir = () => runsDirectory({ runs: opts.runs, config: opts.config });
      const loaded = (names.length > 0 ? names : [undefined]).map((name) => loadRun(name, runsDir));
      for (const { record, path } of loaded) {
        if (record.status !== 'completed') process.stderr.write(`parbench: warning: run ${path} is ${record.status}; checking the points it holds\n`);
      }
      const records = loaded.map((l) => l.record);
      const record = records[0]!;
      const result = gateRuns(baseline.runs, records, { thresholds, ...(metgThreshold === undefined ? {} : { metgThreshold }) });
      if (result.checks.length === 0) {
        throw parbenchError('NOTHING_TO_COMPARE', `run ${record.id} shares no suite × backend × grain with baseline ${opts.baseline}`);
      }
      const text =
        format === 'json' ? JSON.stringify({ baseline: baseline.runs.map((r) => r.id), runs: records.map((r) => r.id), thresholds, ...result }, null, 2) : format === 'md' ? gateMarkdown(result) : gateTable(result, { color: opts.color !== false && useColor() });
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      process.exitCode = result.failed ? 1 : 0;
    });
}
