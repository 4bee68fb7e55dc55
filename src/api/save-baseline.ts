/** `baseline save`: the baseline file the gate compares against, written from one or more completed runs. */
import { relative } from 'node:path';
import { parbenchError } from '../errors.js';
import { BASELINE_FILE, checkOutputFile, loadRun, makeBaseline, writeBaseline, type Baseline } from '../record/index.js';
import { runsDirOf, type LocateOptions } from './locate-options.js';

export interface SaveBaselineOptions extends LocateOptions {
  /** Runs of the same sweep (ids, run directories or run.json paths); empty: the latest run. */
  runs: string[];
  /** Where to write the baseline; default results/baseline.json. */
  out?: string;
}

/**
 * Read the runs, refuse any that did not complete, and write them atomically as one baseline (several
 * runs capture the machine's run-to-run spread). Returns the baseline and the path written. Throws
 * BAD_RUN (exit 2) for a run that is not `completed` or is damaged, NO_RUNS / RUN_NOT_FOUND when a run
 * cannot be found, and WRITE_FAILED (checked before the runs are read) when the file cannot be written.
 */
export function saveBaseline(options: SaveBaselineOptions): { baseline: Baseline; path: string } {
  const path = options.out ?? BASELINE_FILE;
  checkOutputFile(path);
  const runsDir = runsDirOf(options);
  const loaded = (options.runs.length > 0 ? options.runs : [undefined]).map((name) => loadRun(name, runsDir));
  for (const { record, path } of loaded) {
    if (record.status !== 'completed') throw parbenchError('BAD_RUN', path, `status is "${record.status}"; a baseline needs a completed run`);
  }
  const baseline = makeBaseline(
    loaded.map((l) => l.record),
    loaded.map((l) => relative(options.cwd ?? process.cwd(), l.path) || l.path),
  );
  writeBaseline(baseline, path);
  return { baseline, path };
}
