/** `parbench compare <runA> <runB> [...]`: machines side by side, then per backend the ratios B/A with intervals. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { Command } from 'commander';
import { compare } from '../api/compare.js';
import { compareMarkdown, compareTable } from '../report/compare-view.js';
import { useColor } from './color.js';
import { CONFIG_OPTION, parseFormat, pathFlag, parseMetgThreshold, RUNS_OPTION, write } from './parse-options.js';

export const COMPARE_FORMATS = ['table', 'md', 'json'] as const;

interface CompareFlags {
  format?: string;
  metg?: string;
  runs?: string;
  config?: string;
  color?: boolean;
}

/** The `compare` command: parses its flags, calls the API's `compare` and prints in the chosen format. */
export function compareCommand(): Command {
  return new Command('compare')
    .description('compare runs (other machines or versions) against the first: overhead, METG, per-core throughput, with intervals')
    .argument('<runs...>', 'two or more runs: ids, run directories or run.json files')
    .option('-f, --format <format>', `output format: ${COMPARE_FORMATS.join(', ')}`, 'table')
    .option('--metg <efficiency>', 'efficiency threshold of METG, e.g. 0.8 (default 0.5)')
    .option(...RUNS_OPTION)
    .option(...CONFIG_OPTION)
    .option('--no-color', 'plain tables even on a terminal')
    .action((runs: string[], flags: CompareFlags) => {
      const format = parseFormat(flags.format, COMPARE_FORMATS, 'table');
      const metgThreshold = parseMetgThreshold(flags.metg);
      const view = compare({ runs, runsDir: pathFlag('--runs', flags.runs), config: pathFlag('--config', flags.config), ...(metgThreshold === undefined ? {} : { metgThreshold }) });
      if (format === 'json') write(JSON.stringify(view, null, 2));
      else if (format === 'md') write(compareMarkdown(view));
      else {
        const c = new Chalk({ level: flags.color !== false && useColor() ? 1 : 0 });
        write(compareTable(view, (head) => new Table({ head: head.map((h) => c.bold(h)), style: { head: [], border: [], compact: true } })));
      }
    });
}
