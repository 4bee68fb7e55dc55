/** `parbench report [run…]`: per suite the overhead-vs-grain table, the METG/overhead/crossover summary, warnings; or the HTML report. */
import { Command } from 'commander';
import { report } from '../api/report.js';
import { reportHtml } from '../api/html-report.js';
import { openInBrowser } from '../api/open-browser.js';
import { DEFAULT_RUNS_DIR } from '../api/locate-options.js';
import { parbenchError } from '../errors.js';
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
  html?: boolean;
  open?: boolean;
  output?: string;
}

/** Whether the flags ask for the HTML report (--html, or --open which implies it); throws BAD_FLAG (exit 2) for flags that contradict it. */
function wantsHtml(runs: readonly string[], flags: ReportFlags): boolean {
  const html = flags.html === true || flags.open === true;
  if (html && flags.format !== undefined) throw parbenchError('BAD_FLAG', '--format', 'the HTML report has no format: give --html or --format, not both');
  if (!html && flags.output !== undefined) throw parbenchError('BAD_FLAG', '--output', 'names the HTML report file: give it with --html');
  if (!html && runs.length > 1) throw parbenchError('BAD_FLAG', 'report', `${runs.length} runs given: several runs are shown together only with --html (or compare them with "parbench compare")`);
  return html;
}

/** `report --html`: writes the file, prints its path on stdout and, with --open, starts the browser BROWSER names. */
function htmlAction(runs: string[], flags: ReportFlags, metgThreshold: number | undefined): void {
  const result = reportHtml({ runs, runsDir: pathFlag('--runs', flags.runs), config: pathFlag('--config', flags.config), output: pathFlag('--output', flags.output), ...(metgThreshold === undefined ? {} : { metgThreshold }) });
  write(result.path);
  process.stderr.write(`parbench: HTML report of ${result.runs.map((r) => r.path).join(', ')}\n`);
  if (flags.open) {
    const outcome = openInBrowser(result.path);
    process.stderr.write(outcome.opened ? `parbench: opened with ${outcome.detail}\n` : `parbench: not opened: ${outcome.detail}; open ${result.path}\n`);
  }
}

/** The `report` command: parses its flags, calls the API's `report` (or `reportHtml`) and prints in the chosen format. */
export function reportCommand(): Command {
  return new Command('report')
    .description('analyse runs: overhead by grain, METG, fitted per-task overhead, crossover, warnings; --html for charts in one HTML file')
    .argument('[runs...]', `run ids, run directories or run.json files (default: the latest in the runs directory, ${DEFAULT_RUNS_DIR} unless configured); several only with --html`)
    .option('-f, --format <format>', `output format: ${REPORT_FORMATS.join(', ')} (default: table)`)
    .option('--html', 'write one self-contained HTML file with charts (default: report.html beside the first run.json) and print its path')
    .option('--open', 'with --html (implied): also open the file in the browser BROWSER names')
    .option('-o, --output <file>', 'the HTML file to write (with --html)')
    .option('--metg <efficiency>', 'efficiency threshold of METG, e.g. 0.8 (default 0.5)')
    .option(...RUNS_OPTION)
    .option(...CONFIG_OPTION)
    .option('--no-color', 'plain tables even on a terminal')
    .action((runs: string[], flags: ReportFlags) => {
      const metgThreshold = parseMetgThreshold(flags.metg);
      if (wantsHtml(runs, flags)) return htmlAction(runs, flags, metgThreshold);
      const format = parseFormat(flags.format, REPORT_FORMATS, 'table');
      const { record, path, analysis } = report({ run: runs[0], runsDir: pathFlag('--runs', flags.runs), config: pathFlag('--config', flags.config), ...(metgThreshold === undefined ? {} : { metgThreshold }) });
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
