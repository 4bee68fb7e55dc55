/** `parbench gate --baseline results/baseline.json [runs...]`: exit 1 on a significant regression, 0 otherwise, 2 on usage errors. */
import { Command } from 'commander';
import { gate } from '../api/gate.js';
import { BASELINE_FILE, DEFAULT_RUNS_DIR } from '../api/locate-options.js';
import { gateMarkdown, gateTable } from '../report/gate-view.js';
import { useColor } from './color.js';
import { parseFormat, parseMaxRegression, pathFlag, parseMetgThreshold, RUNS_OPTION, write } from './parse-options.js';

export const GATE_FORMATS = ['table', 'md', 'json'] as const;

interface GateFlags {
  baseline: string;
  maxRegression?: string;
  metg?: string;
  format?: string;
  config?: string;
  runs?: string;
  color?: boolean;
}

/** The `gate` command: parses its flags, calls the API's `gate`, prints the checks and sets exit 1 on a regression. */
export function gateCommand(): Command {
  return new Command('gate')
    .description('fail (exit 1) when per-task overhead or METG regresses significantly beyond a threshold against a baseline')
    .argument('[runs...]', `run ids, run directories or run.json files (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured); several runs must all show a regression for it to count`)
    .option('--baseline <file>', 'baseline written by "parbench baseline save" (or a run.json)', BASELINE_FILE)
    .option('--max-regression <fraction>', 'allowed regression of every metric, e.g. 10% or 0.1 (default: config gate keys, else 10%)')
    .option('--metg <efficiency>', 'efficiency threshold of METG (default 0.5)')
    .option('-f, --format <format>', `output format: ${GATE_FORMATS.join(', ')} (md suits a CI job summary)`, 'table')
    .option('-c, --config <file>', 'configuration file with "gate" thresholds and the outputDir holding the runs (default: ./bench.config.json when present)')
    .option(...RUNS_OPTION)
    .option('--no-color', 'plain tables even on a terminal')
    .action((runs: string[], flags: GateFlags) => {
      const format = parseFormat(flags.format, GATE_FORMATS, 'table');
      const metgThreshold = parseMetgThreshold(flags.metg);
      const maxRegression = parseMaxRegression(flags.maxRegression);
      const outcome = gate({
        runs,
        baseline: pathFlag('--baseline', flags.baseline)!,
        runsDir: pathFlag('--runs', flags.runs),
        config: pathFlag('--config', flags.config),
        ...(maxRegression === undefined ? {} : { maxRegression }),
        ...(metgThreshold === undefined ? {} : { metgThreshold }),
      });
      for (const { path, status } of outcome.incomplete) process.stderr.write(`parbench: warning: run ${path} is ${status}; checking the points it holds\n`);
      const { incomplete: _, ...json } = outcome;
      if (format === 'json') write(JSON.stringify(json, null, 2));
      else if (format === 'md') write(gateMarkdown(outcome));
      else write(gateTable(outcome, { color: flags.color !== false && useColor() }));
      process.exitCode = outcome.failed ? 1 : 0;
    });
}
