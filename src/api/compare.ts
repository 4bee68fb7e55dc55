/** `compare`: runs (other machines or versions) against the first, series by series, with intervals. */
import { parbenchError } from '../errors.js';
import { machineChanges } from '../gate/same-machine.js';
import { loadRun, type RunRecord } from '../record/index.js';
import { clusterPhrases } from '../report/cluster-view.js';
import type { CompareView, ComparisonView } from '../report/compare-view.js';
import { DEFAULT_METG_THRESHOLD } from '../stats/analyze.js';
import { referenceShift } from '../stats/reference-shift.js';
import { compareSeries, pairSeries } from '../stats/series-comparison.js';
import { seriesOf } from '../stats/series.js';
import { injectedLines } from './gate.js';
import { runsDirOf, type LocateOptions } from './locate-options.js';

export interface CompareOptions extends LocateOptions {
  /** Two or more runs: ids, run directories or run.json paths; the first is A, the rest B, C, … */
  runs: string[];
  /** Efficiency threshold of METG, in (0, 1]; default 0.5. */
  metgThreshold?: number;
}

const label = (i: number) => String.fromCharCode(65 + i);
const g = (xs: number[]) => xs.map((x) => x.toExponential(0)).join(', ');

/** Run `b` (labelled `name`) against run `a`: what differs between them first, then the series. */
function comparison(a: RunRecord, b: RunRecord, name: string, metgThreshold: number): ComparisonView {
  const machine = machineChanges([a], [b]);
  const pairing = pairSeries(seriesOf(a), seriesOf(b));
  const series = pairing.pairs.map(([sa, sb]) => compareSeries(sa, sb, { metgThreshold, pairBy: 'achieved' }));
  const shift = referenceShift(a, b);
  return {
    against: `${name} against A (${b.id} vs ${a.id})`,
    fingerprints: [a.machine.fingerprint, b.machine.fingerprint],
    machineDifferences: machine,
    reference: shift,
    machineState: shift === null ? 'unknown' : machine.length > 0 ? 'other machine' : shift.significant ? 'differed' : 'same',
    workerPairs: pairing.pairs.filter(([sa, sb]) => sa.workers !== sb.workers).map(([sa, sb]) => `${sa.suite} ${sa.backend}×${sa.workers} (A) with ×${sb.workers} (${name}): the only worker counts of that backend in each run`),
    series,
    unmatched: [
      ...pairing.onlyA.map((s) => `${s.suite} ${s.backend}×${s.workers}: only in A`),
      ...pairing.onlyB.map((s) => `${s.suite} ${s.backend}×${s.workers}: only in ${name}`),
      ...series.filter((s) => s.onlyA.length + s.onlyB.length > 0).map((s) => `${s.suite} ${s.backend}: grains only in A ${g(s.onlyA) || 'none'}; only in ${name} ${g(s.onlyB) || 'none'}`),
    ],
  };
}

/**
 * Every run after the first against the first. Per run: the machine fingerprint differences, whether
 * the sequential reference of the same task sets shifted (on one fingerprint: the machine's state
 * differed between the runs), worker counts paired across runs, then per series (suite × parameters ×
 * backend × workers) the points paired by nearest achieved grain and the ratios B/A of per-task overhead
 * (seconds), METG (seconds; not for one usable worker), per-core and whole-machine throughput (tasks/s),
 * with whole-machine throughput per grain. What only one side holds is listed in `unmatched`. Pure.
 */
export function compareRuns(records: RunRecord[], metgThreshold = DEFAULT_METG_THRESHOLD): CompareView {
  const [first, ...rest] = records;
  return {
    runs: records.map((r, i) => ({ label: label(i), id: r.id, machine: r.machine, cores: r.cores, clusters: clusterPhrases(r.points) })),
    comparisons: rest.map((record, i) => comparison(first!, record, label(i + 1), metgThreshold)),
    metgThreshold,
    injected: injectedLines(records),
  };
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
