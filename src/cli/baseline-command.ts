/** `parbench baseline save [runs...]`: write a baseline file from runs, for `gate --baseline`. */
import { Command } from 'commander';
import { saveBaseline } from '../api/save-baseline.js';
import { BASELINE_FILE, DEFAULT_RUNS_DIR } from '../api/locate-options.js';
import { CONFIG_OPTION, pathFlag, RUNS_OPTION } from './parse-options.js';

/** The `baseline` command and its `save` subcommand: parses flags, calls the API's `saveBaseline`, says what it wrote. */
export function baselineCommand(): Command {
  const command = new Command('baseline').description('manage a baseline for "gate --baseline" (runs kept from this kind of machine)');
  command
    .command('save')
    .description(`write ${BASELINE_FILE} (or -o FILE) from completed runs with at least 5 samples per point; an existing ${BASELINE_FILE} is kept unless --force`)
    .argument('[runs...]', `one or more runs of the same sweep: ids, run directories or run.json files (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured); several runs capture the machine's run-to-run spread`)
    .option('-o, --out <file>', `where to write the baseline (default ${BASELINE_FILE})`)
    .option('--force', `overwrite an existing ${BASELINE_FILE}`)
    .option(...RUNS_OPTION)
    .option(...CONFIG_OPTION)
    .action((runs: string[], flags: { out?: string; force?: boolean; runs?: string; config?: string }) => {
      const { baseline, path } = saveBaseline({ runs, out: pathFlag('--out', flags.out), force: flags.force === true, runsDir: pathFlag('--runs', flags.runs), config: pathFlag('--config', flags.config) });
      process.stderr.write(`parbench: baseline ${path} written from run(s) ${baseline.runs.map((r) => r.id).join(', ')}\n`);
    });
  return command;
}
