/** `parbench setup python`: the command over the API's setupPython. */
import { Command } from 'commander';
import { setupPython } from '../api/setup-python.js';
import { venvDir } from '../backends/python/venv.js';
import { pathFlag } from './parse-options.js';

/** The `setup` command and its `python` subcommand: parses flags, calls setupPython, says what is installed. */
export function setupCommand(): Command {
  const setup = new Command('setup').description('prepare optional backends (python: a virtual environment with pinned Parsl)');
  setup
    .command('python')
    .description('create .venv/ at the package root and install python/requirements.txt (pinned Parsl) into it')
    .option('--python <exe>', 'the Python 3.10+ interpreter to create the environment from', process.env.PARBENCH_PYTHON ?? 'python3')
    .option('--dev', 'also install the Python test dependencies (python/requirements-dev.txt: pytest)')
    .option('--force', 'recreate even when the installed requirements are current')
    .action((opts: { python: string; dev?: boolean; force?: boolean }) => {
      const state = setupPython({ python: pathFlag('--python', opts.python)!, dev: opts.dev === true, force: opts.force === true });
      process.stdout.write(`Python ${state.python} with Parsl ${state.parsl ?? '(none)'} in ${venvDir()}\n`);
    });
  return setup;
}
