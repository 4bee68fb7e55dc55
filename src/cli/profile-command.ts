/** `parbench profile <suite> --backend B --grain g`: one point under sampling profilers, summarised. */
import { Command } from 'commander';
import { profile } from '../api/profile.js';
import { parseInteger } from '../config/parse.js';
import { parbenchError } from '../errors.js';
import { profileView } from '../report/profile-view.js';
import { backendNames } from '../backends/index.js';
import { suiteNames } from '../../suites/index.js';
import { suiteParamNames, suiteParamOptions } from './run-command.js';

/**
 * The `profile` command: parses the flags, profiles the point through the API (Ctrl-C, SIGTERM or
 * SIGHUP stops the child run), prints the summary on stdout and where the files are on stderr.
 */
export function profileCommand(): Command {
  const command = new Command('profile')
    .description('run one point under sampling profilers on every thread and process, and show where the time goes')
    .argument('<suite>', `the suite (${suiteNames().join(', ')})`)
    .requiredOption('-b, --backend <name>', 'the backend')
    .requiredOption('-g, --grain <seconds>', 'the target grain, seconds per task, e.g. 1e-6')
    .option('-w, --workers <n>', 'workers W', '2')
    .option('-r, --repeats <n>', 'timed repetitions of the point (all taken)', '30')
    .option('--top <n>', 'functions listed', '15')
    .option('-o, --out <dir>', 'directory for the profiles and the run (default results/profiles/<suite>-<backend>-<time>)')
    .option('--parsl-logging', "Parsl backends: keep Parsl's own logging on (its default; parbench turns it off)");
  for (const option of suiteParamOptions()) command.addOption(option);
  command.addHelpText(
    'after',
    `
Backends: ${backendNames().join(', ')}.
Node backends write one .cpuprofile per thread and process (Chrome DevTools, speedscope); Python
backends one .pstats per driver thread and worker process (SnakeViz, pstats).

Examples:
  parbench profile fib --n 5 --backend parsl-threads --grain 1e-6
  parbench profile square --backend piscina --grain 1e-6`,
  );
  command.action(async (suite: string, opts: Record<string, string | boolean | undefined>) => {
    const top = parseInteger('--top', String(opts.top));
    if (top < 1) throw parbenchError('BAD_NUMBER', '--top', String(opts.top), 'a whole number of 1 or more');
    const controller = new AbortController();
    const stop = () => controller.abort();
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    for (const s of signals) process.on(s, stop);
    try {
      const params: Record<string, string | undefined> = {};
      for (const name of suiteParamNames()) params[name] = opts[name] as string | undefined;
      const result = await profile({
        suite,
        backend: String(opts.backend),
        grain: String(opts.grain),
        workers: String(opts.workers),
        repeats: String(opts.repeats),
        top,
        ...(typeof opts.out === 'string' ? { out: opts.out } : {}),
        parslLogging: opts.parslLogging === true,
        params,
        signal: controller.signal,
      });
      process.stdout.write(`${profileView(result)}\n`);
      process.stderr.write(`parbench: profiles in ${result.dir}\n`);
    } finally {
      for (const s of signals) process.off(s, stop);
    }
  });
  return command;
}
