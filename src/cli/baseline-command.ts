/** `parbench baseline save [run]`: write results/baseline.json from a run, for the gate. */
import { Command } from 'commander';
import { saveBaseline } from '../api/save-baseline.js';
import { BASELINE_FILE, DEFAULT_RUNS_DIR } from '../api/locate-options.js';
import { CONFIG_OPTION, pathFlag, RUNS_OPTION } from './parse-options.js';

/** The `baseline` command and its `save` subcommand: parses flags, calls the API's `saveBaseline`, says what it wrote. */
export function baselineCommand(): Command {
  const command = new Command('baseline').description('manage the baseline the gate compares against');
  command
    .command('save')
    .description(`write ${BASELINE_FILE} from a run (the latest by default)`)
    .argument('[runs...]', `one or more runs of the same sweep: ids, run directories or run.json files (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured); several runs capture the machine's run-to-run spread`)
    .option('-o, --out <file>', 'where to write the baseline', BASELINE_FILE)
    .option(...RUNS_OPTION)
    .option(...CONFIG_OPTION)
    .action((runs: string[], flags: { out: string; runs?: string; config?: string }) => {
      const { baseline, path } = saveBaseline({ runs, out: pathFlag('--out', flags.out)!, runsDir: pathFlag('--runs', flags.runs), config: pathFlag('--config', flags.config) });
      process.stderr.write(`parbench: baseline ${path} written from run(s) ${baseline.runs.map((r) => r.id).join(', ')}\n`);
    });
  return command;
}
