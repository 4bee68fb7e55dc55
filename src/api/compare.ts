/** `compare`: runs (other machines or versions) against the first, series by series, with intervals. */
import { parbenchError } from '../errors.js';
import { loadRun, type RunRecord } from '../record/index.js';
import type { CompareView } from '../report/compare-view.js';
import { DEFAULT_METG_THRESHOLD } from '../stats/analyze.js';
import { compareSeries, pairSeries } from '../stats/series-comparison.js';
import { seriesOf } from '../stats/series.js';
import { runsDirOf, type LocateOptions } from './locate-options.js';

export interface CompareOptions extends LocateOptions {
  /** Two or more runs: ids, run directories or run.json paths; the first is A, the rest B, C, … */
  runs: string[];
  /** Efficiency threshold of METG, in (0, 1]; default 0.5. */
  metgThreshold?: number;
}

/**
 * Every run after the first against the first, on the series (suite × parameters × backend × workers)
 * and grains they share; what only one side holds is listed in `unmatched`. Ratios are B/A of per-task
 * overhead (seconds), METG (seconds) and per-core throughput (tasks per second per core). Pure.
 */
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

/**
 * Locate and read the runs, then compare them (see compareRuns). Throws NOTHING_TO_COMPARE (exit 2)
 * for fewer than two runs or runs that share no suite × backend, and what `loadRun` throws (NO_RUNS,
 * RUN_NOT_FOUND, BAD_RUN) for a missing or damaged record.
 */
export function compare(options: CompareOptions): CompareView {
  if (options.runs.length < 2) throw parbenchError('NOTHING_TO_COMPARE', `give at least two runs (got ${options.runs.length})`);
  const runsDir = runsDirOf(options);
  const records = options.runs.map((r) => loadRun(r, runsDir).record);
  const view = compareRuns(records, options.metgThreshold ?? DEFAULT_METG_THRESHOLD);
  if (view.comparisons.every((c) => c.series.length === 0)) throw parbenchError('NOTHING_TO_COMPARE', 'the runs share no suite × backend');
  return view;
}
