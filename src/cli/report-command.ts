/** `parbench report [run]`: per suite the overhead-vs-grain table, the METG/overhead/crossover summary, warnings. */
import { Command } from 'commander';
import { report } from '../api/report.js';
import { DEFAULT_RUNS_DIR } from '../api/locate-options.js';
import { reportMarkdown, summaryCsv, summaryTable } from '../report/analysis-view.js';
import { runTables } from '../report/table.js';
import { warningsBlock } from '../report/warnings-view.js';
import { tableWidth, useColor } from './color.js';
import { CONFIG_OPTION, parseFormat, pathFlag, parseMetgThreshold, RUNS_OPTION, write } from './parse-options.js';

export const REPORT_FORMATS = ['table', 'md', 'csv', 'json'] as const;

interface ReportFlags {
  format?: string;
  metg?: string;
  runs?: string;
  config?: string;
  color?: boolean;
}

/** The `report` command: parses its flags, calls the API's `report` and prints in the chosen format. */
export function reportCommand(): Command {
  return new Command('report')
    .description('analyse a run: overhead by grain, METG, fitted per-task overhead, crossover, noise warnings')
    .argument('[run]', `run id, run directory or run.json (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured)`)
    .option('-f, --format <format>', `output format: ${REPORT_FORMATS.join(', ')}`, 'table')
    .option('--metg <efficiency>', 'efficiency threshold of METG, e.g. 0.8 (default 0.5)')
    .option(...RUNS_OPTION)
    .option(...CONFIG_OPTION)
    .option('--no-color', 'plain tables even on a terminal')
    .action((run: string | undefined, flags: ReportFlags) => {
      const format = parseFormat(flags.format, REPORT_FORMATS, 'table');
      const metgThreshold = parseMetgThreshold(flags.metg);
      const { record, path, analysis } = report({ run, runsDir: pathFlag('--runs', flags.runs), config: pathFlag('--config', flags.config), ...(metgThreshold === undefined ? {} : { metgThreshold }) });
      if (format === 'json') write(JSON.stringify(analysis, null, 2));
      else if (format === 'csv') write(summaryCsv(analysis));
      else if (format === 'md') write(reportMarkdown(analysis));
      else {
        const color = flags.color !== false && useColor();
        const parts = [runTables(record, { color, width: tableWidth() }), summaryTable(analysis, { color })];
        if (analysis.warnings.length > 0) parts.push(warningsBlock(analysis.warnings, { color }));
        write(parts.join('\n\n'));
        process.stderr.write(`parbench: report of ${path}\n`);
      }
    });
}
