/** Finding and reading a run record: the latest in results/runs, or one named by id, directory or file. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parbenchError } from '../errors.js';
import { RUN_SCHEMA, type RunRecord } from '../record/index.js';

export const RUNS_DIR = 'results/runs';

/** Checks the parts of a record the analysis relies on; throws BAD_RUN naming the problem. */
export function checkRunRecord(data: unknown, path: string): RunRecord {
  const r = data as Partial<RunRecord> | null;
  if (!r || typeof r !== 'object') throw parbenchError('BAD_RUN', path, 'not a JSON object');
  if (r.schema !== RUN_SCHEMA) throw parbenchError('BAD_RUN', path, `schema is ${JSON.stringify(r.schema ?? null)}, this parbench reads "${RUN_SCHEMA}"`);
  if (!Array.isArray(r.points)) throw parbenchError('BAD_RUN', path, 'no "points" list');
  if (!r.machine || typeof r.cores !== 'number') throw parbenchError('BAD_RUN', path, 'no machine metadata');
  return r as RunRecord;
}

export function readJson(path: string, bad: (detail: string) => Error): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw bad(`cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bad(`not valid JSON (${(error as Error).message})`);
  }
}

export function readRun(path: string): RunRecord {
  return checkRunRecord(
    readJson(path, (d) => parbenchError('BAD_RUN', path, d)),
    path,
  );
}

/** Newest run directory (ids start with an ISO timestamp) that holds a run.json. */
export function latestRunPath(runsDir: string): string {
  const dir = resolve(runsDir);
  const ids = existsSync(dir) ? readdirSync(dir).filter((id) => existsSync(join(dir, id, 'run.json'))) : [];
  if (ids.length === 0) throw parbenchError('NO_RUNS', runsDir);
  return join(dir, ids.sort().at(-1)!, 'run.json');
}

/** `run` may be a run.json path, a run directory, or an id under runsDir; absent: the latest run. */
export function runPath(run: string | undefined, runsDir = RUNS_DIR): string {
  if (run === undefined) return latestRunPath(runsDir);
  const candidates = [resolve(run), join(resolve(run), 'run.json'), join(resolve(runsDir), run, 'run.json')];
  const found = candidates.find((p) => existsSync(p) && statSync(p).isFile());
  if (!found) throw parbenchError('RUN_NOT_FOUND', run, candidates.join(', '));
  return found;
}

export function loadRun(run: string | undefined, runsDir = RUNS_DIR): { record: RunRecord; path: string } {
  const path = runPath(run, runsDir);
  return { record: readRun(path), path };
}
