/** `parbench setup python` and `parbench setup native`: the commands over the API's setupPython and setupNative. */
import { Command } from 'commander';
import { LANGUAGE_NAMES, setupNative } from '../api/setup-native.js';
import { setupPython } from '../api/setup-python.js';
import { onPath, PYPY_HINT, venvDir } from '../backends/python/venv.js';
import { pathFlag } from './parse-options.js';

/** The `setup` command and its `python` and `native` subcommands: parse flags, call the API, say what is installed. */
export function setupCommand(): Command {
  const setup = new Command('setup').description('prepare optional backends (python: a virtual environment with pinned Parsl; native: the Rust and Go drivers)');
  setup
    .command('python')
    .description('create .venv/ at the package root and install python/requirements.txt (pinned Parsl, Dask, Ray) into it; say whether PyPy is there')
    .option('--python <exe>', 'the Python 3.10+ interpreter to create the environment from', process.env.PARBENCH_PYTHON ?? 'python3')
    .option('--dev', 'also install the Python test dependencies (python/requirements-dev.txt: pytest)')
    .option('--force', 'recreate even when the installed requirements are current')
    .action((opts: { python: string; dev?: boolean; force?: boolean }) => {
      const state = setupPython({ python: pathFlag('--python', opts.python)!, dev: opts.dev === true, force: opts.force === true });
      const libraries = Object.entries(state.libraries ?? {}).map(([name, version]) => `, ${name} ${version}`).join('');
      process.stdout.write(`Python ${state.python} with Parsl ${state.parsl ?? '(none)'}${libraries} in ${venvDir()}\n`);
      const pypy = onPath('pypy3');
      process.stdout.write(pypy ? `PyPy: ${pypy} (pypy-sequential, pypy-threads)\n` : `PyPy: ${PYPY_HINT}; the pypy-* backends need it\n`);
    });
  setup
    .command('native')
    .description('build the Rust (cargo, release) and Go drivers of native/ into .native/ at the package root')
    .option('--force', 'rebuild even when the drivers were built from the current sources')
    .action((opts: { force?: boolean }) => {
      setupNative({
        force: opts.force === true,
        onDone: (s) => process.stdout.write(`${LANGUAGE_NAMES[s.language]} driver ${s.built ? 'built' : 'up to date'} (${s.toolchain}): ${s.driver}\n`),
      });
    });
  return setup;
}
