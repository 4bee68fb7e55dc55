/**
 * `parbench gate`: exit 0 when every check passed, 1 when any regressed, 3 when none regressed but some
 * were inconclusive (`--inconclusive pass|fail` maps 3 to 0 or 1), 2 on usage errors.
 */
import { Command } from 'commander';
import { gate, type GateOutcome, type GateStatus } from '../api/gate.js';
import { BASELINE_FILE, DEFAULT_RUNS_DIR } from '../api/locate-options.js';
import { parbenchError } from '../errors.js';
import { gateMarkdown, gateTable } from '../report/gate-view.js';
import { useColor } from './color.js';
import { parseFormat, parseMaxRegression, parseMetgThreshold, RUNS_OPTION, write } from './parse-options.js';

export const GATE_FORMATS = ['table', 'md', 'json'] as const;

/** Exit code of each status: 0 pass, 1 regressed, 3 inconclusive. */
export const GATE_EXIT: Record<GateStatus, number> = { pass: 0, regressed: 1, inconclusive: 3 };

/** What `--inconclusive` may say an inconclusive gate is. */
export const INCONCLUSIVE_AS = ['pass', 'fail'] as const;

interface GateFlags {
  baseline: string;
  maxRegression?: string;
  metg?: string;
  format?: string;
  config?: string;
  runs?: string;
  color?: boolean;
  allowOtherMachine?: boolean;
  inconclusive?: string;
}

/** The exit code of an outcome: GATE_EXIT, with inconclusive mapped to 0 (`pass`) or 1 (`fail`) when asked. */
export function gateExitCode(status: GateStatus, inconclusive?: (typeof INCONCLUSIVE_AS)[number]): number {
  if (status === 'inconclusive' && inconclusive) return inconclusive === 'pass' ? 0 : 1;
  return GATE_EXIT[status];
}

function parseInconclusive(text: string | undefined): (typeof INCONCLUSIVE_AS)[number] | undefined {
  if (text === undefined) return undefined;
  if (!(INCONCLUSIVE_AS as readonly string[]).includes(text)) throw parbenchError('BAD_FLAG', '--inconclusive', `"${text}" is not allowed (allowed: ${INCONCLUSIVE_AS.join(', ')})`);
  return text as (typeof INCONCLUSIVE_AS)[number];
}

/** Print an outcome in the chosen format, warnings on stderr, and return its exit code. */
export function printGate(outcome: GateOutcome & { incomplete?: unknown }, format: (typeof GATE_FORMATS)[number], color: boolean, inconclusive?: (typeof INCONCLUSIVE_AS)[number]): number {
  for (const d of outcome.machineDifferences) process.stderr.write(`parbench: warning: machines differ: ${d}\n`);
  const { incomplete: _, ...json } = outcome;
  if (format === 'json') write(JSON.stringify(json, null, 2));
  else if (format === 'md') write(gateMarkdown(outcome));
  else write(gateTable(outcome, { color }));
  return gateExitCode(outcome.status, inconclusive);
}

/** The `gate` command: parses its flags, calls the API's `gate`, prints the checks and sets the exit code (GATE_EXIT). */
export function gateCommand(): Command {
  return new Command('gate')
    .description('check per-task overhead and METG against a reference: exit 0 pass, 1 regressed, 3 inconclusive, 2 usage error')
    .argument('[runs...]', `run ids, run directories or run.json files (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured); several runs are one side, their median the value`)
    .option('--baseline <file>', 'baseline written by "parbench baseline save" (or a run.json), measured on this kind of machine', BASELINE_FILE)
    .option('--allow-other-machine', 'gate against a baseline of another machine fingerprint or worker count (otherwise refused, exit 2)')
    .option('--max-regression <fraction>', 'allowed regression of every metric, e.g. 10% or 0.1 (default: config gate keys, else 10%)')
    .option('--inconclusive <as>', `exit code of an inconclusive gate: ${INCONCLUSIVE_AS.join(' (0) or ')} (1) instead of 3`)
    .option('--metg <efficiency>', 'efficiency threshold of METG (default 0.5)')
    .option('-f, --format <format>', `output format: ${GATE_FORMATS.join(', ')} (md suits a CI job summary)`, 'table')
    .option('-c, --config <file>', 'configuration file with "gate" thresholds and the outputDir holding the runs (default: ./bench.config.json when present)')
    .option(...RUNS_OPTION)
    .option('--no-color', 'plain tables even on a terminal')
    .action((runs: string[], flags: GateFlags) => {
      const format = parseFormat(flags.format, GATE_FORMATS, 'table');
      const metgThreshold = parseMetgThreshold(flags.metg);
      const maxRegression = parseMaxRegression(flags.maxRegression);
      const inconclusive = parseInconclusive(flags.inconclusive);
      const outcome = gate({
        runs,
        baseline: flags.baseline,
        runsDir: flags.runs,
        config: flags.config,
        allowOtherMachine: flags.allowOtherMachine === true,
        ...(maxRegression === undefined ? {} : { maxRegression }),
        ...(metgThreshold === undefined ? {} : { metgThreshold }),
      });
      for (const { path, status } of outcome.incomplete) process.stderr.write(`parbench: warning: run ${path} is ${status}; checking the points it holds\n`);
      process.exitCode = printGate(outcome, format, flags.color !== false && useColor(), inconclusive);
    });
}
