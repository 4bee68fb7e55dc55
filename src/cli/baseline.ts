/** `parbench baseline save [run]`: write results/baseline.json from a run, for the gate. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { Command } from 'commander';
import { parbenchError } from '../errors.js';
import { BASELINE_FILE, makeBaseline } from '../gate/baseline.js';
import { loadRun, RUNS_DIR } from './load-run.js';

export function baselineCommand(): Command {
  const command = new Command('baseline').description('manage the baseline the gate compares against');
  command
    .command('save')
    .description(`write ${BASELINE_FILE} from a run (the latest by default)`)
    .argument('[run]', `run id, run directory or run.json (default: the latest in ${RUNS_DIR})`)
    .option('-o, --out <file>', 'where to write the baseline', BASELINE_FILE)
    .option('--runs <dir>', 'directory holding run directories', RUNS_DIR)
    .action((run: string | undefined, opts: { out: string; runs: string }) => {
      const { record, path } = loadRun(run, opts.runs);
      if (record.status !== 'completed') throw parbenchError('BAD_RUN', path, `status is "${record.status}"; a baseline needs a completed run`);
      const baseline = makeBaseline(record, relative(process.cwd(), path) || path);
      mkdirSync(dirname(opts.out), { recursive: true });
      writeFileSync(`${opts.out}.tmp`, `${JSON.stringify(baseline, null, 2)}\n`);
      renameSync(`${opts.out}.tmp`, opts.out);
      process.stderr.write(`parbench: baseline ${opts.out} written from run ${record.id}\n`);
    });
  return command;
}
