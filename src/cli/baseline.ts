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
    .argument('[runs...]', `one or more runs of the same sweep: ids, run directories or run.json files (default: the latest in ${RUNS_DIR}); several runs capture the machine's run-to-run spread`)
    .option('-o, --out <file>', 'where to write the baseline', BASELINE_FILE)
    .option('--runs <dir>', 'directory holding run directories', RUNS_DIR)
    .action((names: string[], opts: { out: string; runs: string }) => {
      const loaded = (names.length > 0 ? names : [undefined]).map((name) => loadRun(name, opts.runs));
      for (const { record, path } of loaded) {
        if (record.status !== 'completed') throw parbenchError('BAD_RUN', path, `status is "${record.status}"; a baseline needs a completed run`);
      }
      const baseline = makeBaseline(
        loaded.map((l) => l.record),
        loaded.map((l) => relative(process.cwd(), l.path) || l.path),
      );
      mkdirSync(dirname(opts.out), { recursive: true });
      writeFileSync(`${opts.out}.tmp`, `${JSON.stringify(baseline)}\n`);
      renameSync(`${opts.out}.tmp`, opts.out);
      process.stderr.write(`parbench: baseline ${opts.out} written from run(s) ${baseline.runs.map((r) => r.id).join(', ')}\n`);
    });
  return command;
}
