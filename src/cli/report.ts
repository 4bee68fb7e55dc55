/** `parbench report [run]`: per suite the overhead-vs-grain table, the METG/overhead/crossover summary, warnings. */
import { Command } from 'commander';
import { DEFAULT_RUNS_DIR, loadRun, runsDirectory } from '../record/index.js';
import { analyzeRun } from '../stats/analyze.js';
import { reportMarkdown, summaryCsv, summaryTable } from '../report/analysis-view.js';
import { runTables } from '../report/table.js';
import { tableWidth, useColor } from './color.js';
import { parseFormat, parseMetgThreshold } from './parse-options.js';

export const REPORT_FORMATS = ['table', 'md', 'csv', 'json'] as const;

interface ReportOptions {
  format?: string;
  metg?: string;
  runs?: string;
  config?: string;
  color?: boolean;
}

export function reportCommand(): Command {
  return new Command('report')
    .description('analyse a run: overhead by grain, METG, fitted per-task overhead, crossover, noise warnings')
    .argument('[run]', `run id, run directory or run.json (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured)`)
    .option('-f, --format <format>', `output format: ${REPORT_FORMATS.join(', ')}`, 'table')
    .option('--metg <efficiency>', 'efficiency threshold of METG, e.g. 0.8 (default 0.5)')
    .option('--runs <dir>', 'directory holding run directories (default: the configuration\'s outputDir, else results/runs)')
    .option('-c, --config <file>', 'configuration file whose outputDir holds the runs (default: ./bench.config.json when present)')
    .option('--no-color', 'plain tables even on a terminal')
    .action((run: string | undefined, opts: ReportOptions) => {
      const format = parseFormat(opts.format, REPORT_FORMATS, 'table');
      const metgThreshold = parseMetgThreshold(opts.metg);
      const { record, path } = loadRun(run, () => runsDirectory({ runs: opts.runs, config: opts.config }));
      const analysis = analyzeRun(record, metgThreshold === undefined ? {} : { metgThreshold });
      const write = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      if (format === 'json') write(JSON.stringify(analysis, null, 2));
      else if (format === 'csv') write(summaryCsv(analysis));
      else if (format === 'md') write(reportMarkdown(analysis));
      else {
        const color = opts.color !== false && useColor();
        const parts = [runTables(record, { color, width: tableWidth() }), summaryTable(analysis, { color })];
        if (analysis.warnings.length > 0) parts.push(['Warnings:', ...analysis.warnings.map((w) => `  ! ${w}`)].join('\n'));
        write(parts.join('\n\n'));
        process.stderr.write(`parbench: report of ${path}\n`);
      }
    });
}
