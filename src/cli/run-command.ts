/** `parbench run [suites]`: resolve the config, measure, write files, print the tables. */
import { lockstepFromEnv } from '../api/lockstep.js';
import { Command, Option } from 'commander';
import { resolveConfig, suitesArgument, type RunRequest } from '../config/load.js';
import { runOptions } from '../config/options.js';
import { isAbsolute, join, relative } from 'node:path';
import { availableParallelism } from 'node:os';
import { RunStop, watchParent } from '../api/interrupt.js';
import { LiveRun } from '../api/live.js';
import { liveDisplay } from './live-display.js';
import { MAX_RUN_WARNINGS, newRunId, run, runDir, startWarnings, type PointRecord, type Progress, type RunRecord, type SuiteVerdict } from '../api/run.js';
import { runVerdict } from '../report/verdict-view.js';
import { runTables } from '../report/table.js';
import { suites, suiteNames } from '../../suites/index.js';
import { backendNames } from '../backends/index.js';
import { tableWidth, useColor } from './color.js';
import { formatDuration, progressLine } from './progress.js';

/** One commander option per distinct suite parameter name (e.g. --n is taken by fib and square), for `run` and `profile`. */
export function suiteParamOptions(): Option[] {
  const byName = new Map<string, { type: string; takers: string[]; description: string }>();
  for (const suite of suites) {
    for (const spec of suite.params) {
      const entry = byName.get(spec.name) ?? { type: spec.type, takers: [], description: spec.description };
      entry.takers.push(`${suite.name}: ${spec.description}, default ${spec.default}`);
      byName.set(spec.name, entry);
    }
  }
  return [...byName.entries()].map(([name, entry]) => new Option(`--${name} <value>`, entry.takers.join('; ')));
}

/** The distinct parameter names of every suite (each becomes one `--<name>` flag of `run`). */
export function suiteParamNames(): string[] {
  return [...new Set(suites.flatMap((s) => s.params.map((p) => p.name)))];
}

/** How the verdict names a run on the command line: its directory relative to the working directory, or absolute when outside it. */
export function runArgument(dir: string, cwd = process.cwd()): string {
  const rel = relative(cwd, dir);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
}

/**
 * What `run` prints on stdout: the tables (unless `quiet`), then the verdict: per suite METG, fitted
 * overhead and the fastest backend by grain, at most MAX_RUN_WARNINGS warnings (the rest counted, with
 * the report command that lists them) and the next command.
 */
export function runOutput(result: { record: RunRecord; dir: string; warnings: readonly string[]; verdicts: readonly SuiteVerdict[] }, options: { color: boolean; quiet: boolean }): string {
  const { color } = options;
  const verdict = runVerdict(result.verdicts, result.warnings, { color, run: runArgument(result.dir), limit: MAX_RUN_WARNINGS });
  return options.quiet ? verdict : `${runTables(result.record, { color, width: tableWidth() })}\n\n${verdict}`;
}

/**
 * What `run`'s parsed command line asks for: the suites argument (BAD_FLAG when it names none), the
 * config flags given on the command line, the suite parameters and --config. Throws nothing else.
 */
export function runRequest(command: Command, suitesArg: string | undefined, opts: Record<string, string | boolean | undefined>): RunRequest {
  const flags: Record<string, string | undefined> = {};
  for (const option of runOptions) {
    // A negatable flag (--no-interleave) has a value even when not given: take it only from the command line.
    if (command.getOptionValueSource(option.attribute) !== 'cli') continue;
    flags[option.attribute] = String(opts[option.attribute]);
  }
  const params: Record<string, string | undefined> = {};
  for (const name of suiteParamNames()) params[name] = opts[name] as string | undefined;
  return { suites: suitesArg !== undefined ? suitesArgument(suitesArg) : [], flags, params, configPath: opts.config as string | undefined };
}

/**
 * The run's stop (RunStop) wired to SIGINT, SIGTERM, SIGHUP and the parent process going away: the first
 * stops the run after closing its pools, the next (or the grace period) kills what it started and
 * exits 130. `clear` clears the progress line first. `release`, once the run has ended, stops the
 * grace period and the watch on the parent; the signal handlers stay (they do not keep the process
 * alive), so a Ctrl-C while the results are printed exits 130 at once instead of killing parbench
 * with the signal.
 */
function stopOnRequest(clear: () => void): { stop: RunStop; release: () => void } {
  const stop = new RunStop(() => {
    clear();
    process.stderr.write('parbench: forced stop: every process the run started was killed; results measured so far were written\n');
    process.exit(130);
  });
  const onStop = (why: string) => {
    if (stop.request() === 'stopping') process.stderr.write(`\nparbench: ${why}: stopping after closing the open pools (again to force)\n`);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onStop);
  const unwatch = watchParent(() => onStop('the parent process has gone'));
  const release = () => {
    stop.dispose();
    unwatch();
  };
  return { stop, release };
}

/**
 * The `run` command: resolves the configuration from flags and bench.config.json, runs it through the API
 * (Ctrl-C, SIGTERM, SIGHUP or the parent process going away stops it after closing the open pools; a
 * second one, or 10 s of closing, forces — see RunStop), prints the tables and the verdict (the verdict
 * alone with --quiet; the record with --json) and sets the exit code: 1 when a point failed, 130 when
 * interrupted.
 */
export function runCommand(): Command {
  const command = new Command('run')
    .description('measure per-task overhead and efficiency of backends across task grains')
    .argument('[suites]', `comma-separated suites, or "all" (${suiteNames().join(', ')})`)
    .option('-c, --config <file>', 'configuration file (default: ./bench.config.json when present)')
    .option('--json', 'print the run record as JSON on stdout instead of tables')
    .option('-q, --quiet', 'print only the verdict (no tables, no progress lines)')
    .option('--no-color', 'plain tables even on a terminal')
    .option('--live', 'on a terminal, a live view of the point and each worker, redrawn 4 times a second (elsewhere, one line per point); published in the run directory for `parbench monitor`');
  for (const option of runOptions) {
    const flag = new Option(option.flags, option.description);
    command.addOption(option.hidden ? flag.hideHelp() : flag);
  }
  for (const option of suiteParamOptions()) command.addOption(option);
  command.addHelpText(
    'after',
    `
Backends: ${backendNames().join(', ')} (or "all"). Grains are seconds of sequential work per task.
Results go to <out>/<run-id>/run.json and results.csv, written after every suite × grain.

Examples:
  parbench run fib --n 5 --backends all
  parbench run square --n 25 --grains 1e-8,1e-6,1e-4,1e-3 --backends sequential,worker,piscina
  parbench run all --backends sequential,worker,process,piscina
  parbench run all --workers 1,2 --time-budget 5m`,
  );
  command.action(async (suitesArg: string | undefined, opts: Record<string, string | boolean | undefined>) => {
    const config = resolveConfig(runRequest(command, suitesArg, opts));
    const handOver = lockstepFromEnv(process.env);
    const progress = progressLine();
    const { stop, release } = stopOnRequest(() => progress.clear());
    for (const warning of startWarnings(config, availableParallelism())) process.stderr.write(`parbench: warning: ${warning}\n`);
    const quiet = opts.quiet === true;
    const id = newRunId();
    const live = opts.live === true ? new LiveRun() : undefined;
    const display = live ? liveDisplay(live, runDir(config.outputDir, id)) : undefined;
    const lines = !quiet && !(live && process.stderr.isTTY);
    let planned = 0;
    try {
      const { record, dir, warnings, verdicts } = await run(config, {
        id,
        ...(live ? { live: live.board } : {}),
        onProgress: (p: Progress) => {
          live?.onProgress(p);
          if (lines) progress.update(p);
        },
        onPoint: (p: PointRecord, eta: number) => {
          live?.onEta(eta);
          if (lines) progress.pointDone(p, eta);
        },
        onEstimate: (schedule) => {
          const { estimate, warning } = schedule;
          planned = estimate.perPoint.length;
          if (!quiet) process.stderr.write(`parbench: ${estimate.perPoint.length} point${estimate.perPoint.length === 1 ? '' : 's'}, about ${formatDuration(estimate.totalSeconds)} by prior estimates\n`);
          if (warning) process.stderr.write(`parbench: warning: ${warning}\n`);
        },
        signal: stop.signal,
        ...(handOver ? { handOver } : {}),
      });
      display?.stop();
      progress.clear();
      if (opts.json) {
        // stdout stays the record alone; the warnings the tables would carry go to stderr.
        process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        for (const w of warnings.slice(0, MAX_RUN_WARNINGS)) process.stderr.write(`parbench: warning: ${w.text}\n`);
      } else {
        const output = runOutput({ record, dir, warnings: warnings.map((w) => w.text), verdicts }, { color: opts.color !== false && useColor(), quiet });
        process.stdout.write(`${output}\n`);
      }
      process.stderr.write(`parbench: results in ${dir}\n`);
      if (record.traced) process.stderr.write(`parbench: task trace in ${join(dir, record.traced.file)} (open it in Perfetto or chrome://tracing; report --html shows the task stream)\n`);
      for (const skip of record.skipped ?? []) process.stderr.write(`parbench: skipped: ${skip.reason}\n`);
      for (const error of record.errors) process.stderr.write(`parbench: ${error.message}\n`);
      if (record.status === 'interrupted') {
        process.stderr.write(`parbench: interrupted: the tables and verdict above hold the ${record.points.length} of ${planned} points measured before the stop\n`);
        process.exitCode = 130;
      }
      else if (record.status === 'failed') process.exitCode = 1;
    } finally {
      display?.stop();
      progress.clear();
      release();
    }
  });
  return command;
}
