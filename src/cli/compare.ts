/** `parbench compare <runA> <runB> [...]`: machines side by side, then per backend the ratios B/A with intervals. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { Command } from 'commander';
import { parbenchError } from '../errors.js';
import { loadRun, runsDirectory, type RunRecord } from '../record/index.js';
import { compareMarkdown, compareTable, type CompareView } from '../report/compare-view.js';
import { DEFAULT_METG_THRESHOLD } from '../stats/analyze.js';
import { compareSeries, pairSeries } from '../stats/series-comparison.js';
import { seriesOf } from '../stats/series.js';
import { useColor } from './color.js';
import { parseFormat, parseMetgThreshold } from './parse-options.js';

export const COMPARE_FORMATS = ['table', 'md', 'json'] as const;

/** Every run after the first against the first, on the series and grains they share. */
export function compareRuns(records: RunRecord[], metgThreshold = DEFAULT_METG_THRESHOLD): CompareView {
  const [first, ...rest] = records;
  const label = (i: number) => String.fromCharCode(65 + i);
  const view: CompareView = {
    runs: records.map((r, i) => ({ label: label(i), id: r.id, machine: r.machine, cores: r.cores })),
    comparisons: [],
    metgThreshold,
  };
  const seriesA = seriesOf(first!);
  rest.forEach((record, i) => {
    const pairing = pairSeries(seriesA, seriesOf(record));
    const series = pairing.pairs.map(([a, b]) => compareSeries(a, b, { metgThreshold }));
    const g = (xs: number[]) => xs.map((x) => x.toExponential(0)).join(', ');
    const unmatched = [
      ...pairing.onlyA.map((s) => `${s.suite} ${s.backend}×${s.workers}: only in A`),
      ...pairing.onlyB.map((s) => `${s.suite} ${s.backend}×${s.workers}: only in ${label(i + 1)}`),
      ...series
        .filter((s) => s.onlyA.length + s.onlyB.length > 0)
        .map((s) => `${s.suite} ${s.backend}: grains only in A ${g(s.onlyA) || 'none'}; only in ${label(i + 1)} ${g(s.onlyB) || 'none'}`),
    ];
    view.comparisons.push({ against: `${label(i + 1)} against A (${record.id} vs ${first!.id})`, series, unmatched });
  });
  return view;
}

export function compareCommand(): Command {
  return new Command('compare')
    .description('compare runs (other machines or versions) against the first: overhead, METG, per-core throughput, with intervals')
    .argument('<runs...>', 'two or more runs: ids, run directories or run.json files')
    .option('-f, --format <format>', `output format: ${COMPARE_FORMATS.join(', ')}`, 'table')
    .option('--metg <efficiency>', 'efficiency threshold of METG, e.g. 0.8 (default 0.5)')
    .option('--runs <dir>', 'directory holding run directories (default: the configuration\'s outputDir, else results/runs)')
    .option('-c, --config <file>', 'configuration file whose outputDir holds the runs (default: ./bench.config.json when present)')
    .option('--no-color', 'plain tables even on a terminal')
    .action((runs: string[], opts: { format?: string; metg?: string; runs?: string; config?: string; color?: boolean }) => {
      const format = parseFormat(opts.format, COMPARE_FORMATS, 'table');
      const metgThreshold = parseMetgThreshold(opts.metg) ?? DEFAULT_METG_THRESHOLD;
      if (runs.length < 2) throw parbenchError('NOTHING_TO_COMPARE', `give at least two runs (got ${runs.length})`);
      const runsDir = () => runsDirectory({ runs: opts.runs, config: opts.config });
      const records = runs.map((r) => loadRun(r, runsDir).record);
      const view = compareRuns(records, metgThreshold);
      if (view.comparisons.every((c) => c.series.length === 0)) throw parbenchError('NOTHING_TO_COMPARE', 'the runs share no suite × backend');
      let text: string;
      if (format === 'json') text = JSON.stringify(view, null, 2);
      else if (format === 'md') text = compareMarkdown(view);
      else {
        const c = new Chalk({ level: opts.color !== false && useColor() ? 1 : 0 });
        text = compareTable(view, (head) => new Table({ head: head.map((h) => c.bold(h)), style: { head: [], border: [], compact: true } }));
      }
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    });
}
