/**
 * `parbench gate`: exit 0 when every check passed, 1 when any regressed, 3 when none regressed but some
 * were inconclusive (`--inconclusive pass|fail` maps 3 to 0 or 1), 2 on usage errors.
 */
import { Command, Option } from 'commander';
import { gate, type GateOutcome, type GateStatus } from '../api/gate.js';
import { DEFAULT_ROUNDS, gateAgainst } from '../api/gate-against.js';
import { parseInteger, parseNumber } from '../config/parse.js';
import { BASELINE_FILE, DEFAULT_RUNS_DIR } from '../api/locate-options.js';
import { isParbenchError, parbenchError } from '../errors.js';
import { gateMarkdown, gateTable } from '../report/gate-view.js';
import { useColor } from './color.js';
import { parseFormat, parseMaxRegression, pathFlag, parseMetgThreshold, RUNS_OPTION, write } from './parse-options.js';

export const GATE_FORMATS = ['table', 'md', 'json'] as const;

/** Exit code of each status: 0 pass, 1 regressed, 3 inconclusive. */
export const GATE_EXIT: Record<GateStatus, number> = { pass: 0, regressed: 1, inconclusive: 3 };

/** What `--inconclusive` may say an inconclusive gate is. */
export const INCONCLUSIVE_AS = ['pass', 'fail'] as const;

interface GateFlags {
  baseline: string;
  against?: string;
  aa?: boolean;
  rounds?: string;
  /** false with --no-lockstep. */
  lockstep?: boolean;
  out?: string;
  injectOverhead?: string;
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

/** Ctrl-C or SIGTERM aborts `controller` (the gate removes its worktree and stops); a second one exits at once (the worktree is removed on exit). */
function onSignals(controller: AbortController, worktree: boolean): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`parbench: ${signal}: stopping the runs${worktree ? ' and removing the temporary worktree' : ''} (again to force)\n`);
    controller.abort(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** `gate --against <ref>` or `gate --aa`: measure in rounds (lockstep unless --no-lockstep), then decide; resolves with the outcome. */
async function againstAction(sweep: string[], flags: GateFlags, common: { maxRegression?: number; metgThreshold?: number }): Promise<GateOutcome> {
  const rounds = flags.rounds === undefined ? DEFAULT_ROUNDS : parseInteger('--rounds', flags.rounds);
  if (!(rounds >= 1 && rounds <= 100)) throw parbenchError('BAD_FLAG', '--rounds', `"${flags.rounds}" must be a whole number from 1 to 100`);
  const inject = flags.injectOverhead === undefined ? undefined : parseNumber('--inject-overhead', flags.injectOverhead);
  const controller = new AbortController();
  const release = onSignals(controller, flags.against !== undefined);
  try {
    return await gateAgainst({
      ...(flags.against === undefined ? {} : { against: flags.against }),
      rounds,
      sweep,
      ...(flags.lockstep === false ? { lockstep: false } : {}),
      ...(inject === undefined ? {} : { injectOverheadSeconds: inject }),
      ...(flags.out === undefined ? {} : { out: flags.out }),
      ...(flags.config === undefined ? {} : { config: flags.config }),
      ...common,
      signal: controller.signal,
      onProgress: (line) => process.stderr.write(`parbench: gate: ${line}\n`),
    });
  } finally {
    release();
  }
}

/** Refuses flags that belong to another way of gating. */
function checkModes(command: Command, flags: GateFlags): void {
  if (flags.against !== undefined && flags.aa) throw parbenchError('BAD_FLAG', '--aa', 'measures the working tree against itself; with --against the reference\'s own rounds give the A/A noise floor (4 rounds or more)');
  const measured = flags.against !== undefined || flags.aa === true;
  if (measured && command.getOptionValueSource('baseline') === 'cli') throw parbenchError('BAD_FLAG', '--baseline', `gates against recorded runs; ${flags.aa ? '--aa' : '--against'} measures its own reference: give one of them`);
  if (!measured) {
    for (const flag of ['rounds', 'out', 'injectOverhead'] as const) {
      if (flags[flag] !== undefined) throw parbenchError('BAD_FLAG', `--${flag === 'injectOverhead' ? 'inject-overhead' : flag}`, 'only with --against <ref> or --aa');
    }
    if (flags.lockstep === false) throw parbenchError('BAD_FLAG', '--no-lockstep', 'only with --against <ref> or --aa');
  }
}

/** The `gate` command: parses its flags, calls the API's `gate` (or `gateAgainst`), prints the checks and sets the exit code (GATE_EXIT). */
export function gateCommand(): Command {
  const command = new Command('gate');
  return command
    .description('check per-task overhead and METG against a reference: exit 0 pass, 1 regressed, 3 inconclusive, 2 usage error, 130 interrupted')
    .argument('[args...]', `with --baseline: run ids, run directories or run.json files (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured), several runs one side; with --against or --aa: after "--", the arguments of "parbench run" for one sweep`)
    .option('--against <git-ref>', 'measure the ref (checked out into a temporary worktree, npm ci, build) and the working tree in rounds on this machine, the two runs in lockstep, then decide')
    .option('--aa', 'measure the working tree against itself in lockstep rounds: what the gate says about unchanged code on this machine')
    .option('--no-lockstep', 'with --against or --aa: measure the sides\' runs one after the other instead of together in lockstep (one process measuring at a time, handing over after every repetition)')
    .option('--rounds <n>', `rounds of the sweep per side with --against or --aa (default ${DEFAULT_ROUNDS}; 4 or more give the A/A noise floor)`)
    .option('--out <dir>', `directory for the runs of --against or --aa (default ${DEFAULT_RUNS_DIR}/gate-<id>)`)
    .addOption(new Option('--inject-overhead <seconds>', 'test only: busy work per executor task on the working tree\'s side').hideHelp())
    .option('--baseline <file>', 'baseline written by "parbench baseline save" (or a run.json), measured on this kind of machine', BASELINE_FILE)
    .option('--allow-other-machine', 'gate against a baseline of another machine fingerprint or worker count (otherwise refused, exit 2)')
    .option('--max-regression <fraction>', 'allowed regression of every metric, e.g. 10% or 0.1 (default: config gate keys, else 10%)')
    .option('--inconclusive <as>', `exit code of an inconclusive gate: ${INCONCLUSIVE_AS.join(' (0) or ')} (1) instead of 3`)
    .option('--metg <efficiency>', 'efficiency threshold of METG (default 0.5)')
    .option('-f, --format <format>', `output format: ${GATE_FORMATS.join(', ')} (md suits a CI job summary)`, 'table')
    .option('-c, --config <file>', 'configuration file with "gate" thresholds and the outputDir holding the runs (default: ./bench.config.json when present)')
    .option(...RUNS_OPTION)
    .option('--no-color', 'plain tables even on a terminal')
    .action(async (runs: string[], flags: GateFlags) => {
      const format = parseFormat(flags.format, GATE_FORMATS, 'table');
      const metgThreshold = parseMetgThreshold(flags.metg);
      const maxRegression = parseMaxRegression(flags.maxRegression);
      const inconclusive = parseInconclusive(flags.inconclusive);
      checkModes(command, flags);
      const color = flags.color !== false && useColor();
      if (flags.against !== undefined || flags.aa) {
        const common = { ...(maxRegression === undefined ? {} : { maxRegression }), ...(metgThreshold === undefined ? {} : { metgThreshold }) };
        try {
          process.exitCode = printGate(await againstAction(runs, flags, common), format, color, inconclusive);
        } catch (error) {
          if (!isParbenchError(error) || error.code !== 'INTERRUPTED') throw error;
          process.stderr.write(`parbench: ${error.message}\n`);
          process.exitCode = 130;
        }
        return;
      }
      const outcome = gate({
        runs,
        baseline: pathFlag('--baseline', flags.baseline),
        runsDir: pathFlag('--runs', flags.runs),
        config: pathFlag('--config', flags.config),
        allowOtherMachine: flags.allowOtherMachine === true,
        ...(maxRegression === undefined ? {} : { maxRegression }),
        ...(metgThreshold === undefined ? {} : { metgThreshold }),
      });
      for (const { path, status } of outcome.incomplete) process.stderr.write(`parbench: warning: run ${path} is ${status}; checking the points it holds\n`);
      process.exitCode = printGate(outcome, format, color, inconclusive);
    });
}
