/** `parbench baseline save [run]`: write results/baseline.json from a run, for the gate. */
import { relative } from 'node:path';
import { Command } from 'commander';
import { parbenchError } from '../errors.js';
import { BASELINE_FILE, DEFAULT_RUNS_DIR, loadRun, makeBaseline, runsDirectory, writeBaseline } from '../record/index.js';

export function baselineCommand(): Command {
  const command = new Command('baseline').description('manage the baseline the gate compares against');
  command
    .command('save')
    .description(`write ${BASELINE_FILE} from a run (the latest by default)`)
    .argument('[runs...]', `one or more runs of the same sweep: ids, run directories or run.json files (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured); several runs capture the machine's run-to-run spread`)
    .option('-o, --out <file>', 'where to write the baseline', BASELINE_FILE)
    .option('--runs <dir>', 'directory holding run directories (default: the configuration\'s outputDir, else results/runs)')
    .option('-c, --config <file>', 'configuration file whose outputDir holds the runs (default: ./bench.config.json when present)')
    .action((names: string[], opts: { out: string; runs?: string; config?: string }) => {
      const runsDir = () => runsDirectory({ runs: opts.runs, config: opts.config });
      const loaded = (names.length > 0 ? names : [undefined]).map((name) => loadRun(name, runsDir));
      for (const { record, path } of loaded) {
        if (record.status !== 'completed') throw parbenchError('BAD_RUN', path, `status is "${record.status}"; a baseline needs a completed run`);
      }
      const baseline = makeBaseline(
        loaded.map((l) => l.record),
        loaded.map((l) => relative(process.cwd(), l.path) || l.path),
      );
      writeBaseline(baseline, opts.out);
      process.stderr.write(`parbench: baseline ${opts.out} written from run(s) ${baseline.runs.map((r) => r.id).join(', ')}\n`);
    });
  return command;
}
