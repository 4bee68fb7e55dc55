/** `baseline save`: the baseline file the gate compares against, written from one or more completed runs. */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parbenchError } from '../errors.js';
import { MIN_SAMPLES } from '../gate/gate-runs.js';
import { BASELINE_FILE, checkOutputFile, loadRun, makeBaseline, writeBaseline, type Baseline, type RunRecord } from '../record/index.js';
import { runsDirOf, type LocateOptions } from './locate-options.js';

export interface SaveBaselineOptions extends LocateOptions {
  /** Runs of the same sweep (ids, run directories or run.json paths); empty: the latest run. */
  runs: string[];
  /** Where to write the baseline; default results/baseline.json, which is never overwritten without `force`. */
  out?: string;
  /** Overwrite an existing file. */
  force?: boolean;
}

/** Why a run cannot be a baseline (one phrase naming the first point at fault), or undefined when it can. */
function unfit(record: RunRecord, path: string): Error | undefined {
  if (record.status !== 'completed') return parbenchError('BAD_RUN', path, `status is "${record.status}"; a baseline needs a completed run`);
  if (record.injectedOverhead) return parbenchError('BAD_RUN', path, 'it was made with --inject-overhead (a test run); a baseline needs a normal run');
  if (record.traced) return parbenchError('TRACED_RUN', `run ${path}`);
  for (const p of record.points) {
    const n = Math.min(p.sequential.samples.length, p.parallel?.samples.length ?? Infinity);
    if (n < MIN_SAMPLES) return parbenchError('TOO_FEW_SAMPLES', path, `point ${p.suite} ${p.grain.target.toExponential(0)} ${p.backend}×${p.workers}`, n, MIN_SAMPLES);
  }
  return undefined;
}

/**
 * Read the runs, refuse any unfit for a baseline, and write them atomically as one baseline (several
 * runs capture the machine's run-to-run spread). Returns the baseline and the path written. Throws
 * BASELINE_EXISTS (exit 2) when the default results/baseline.json exists and `force` is not given (an
 * explicit `out` is written as asked); BAD_RUN (exit 2) for a run that is not `completed`, was made with
 * --inject-overhead, or is damaged; TOO_FEW_SAMPLES (exit 2) for a point with fewer than MIN_SAMPLES
 * timed samples; NO_RUNS / RUN_NOT_FOUND when a run cannot be found; WRITE_FAILED (checked before the
 * runs are read) when the file cannot be written.
 */
export function saveBaseline(options: SaveBaselineOptions): { baseline: Baseline; path: string } {
  const path = options.out ?? BASELINE_FILE;
  if (options.out === undefined && !options.force && existsSync(resolve(options.cwd ?? process.cwd(), path))) throw parbenchError('BASELINE_EXISTS', path);
  checkOutputFile(options.cwd === undefined ? path : resolve(options.cwd, path));
  const runsDir = runsDirOf(options);
  const loaded = (options.runs.length > 0 ? options.runs : [undefined]).map((name) => loadRun(name, runsDir));
  for (const { record, path: from } of loaded) {
    const error = unfit(record, from);
    if (error) throw error;
  }
  const baseline = makeBaseline(
    loaded.map((l) => l.record),
    loaded.map((l) => relative(options.cwd ?? process.cwd(), l.path) || l.path),
  );
  writeBaseline(baseline, resolve(options.cwd ?? process.cwd(), path));
  return { baseline, path };
}
