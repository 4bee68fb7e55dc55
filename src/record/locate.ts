/**
 * Locating runs: the latest, or one named by id, run directory or run.json path, in a runs directory that
 * defaults to the configured outputDir (the same directory `parbench run` writes to).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG } from '../config/defaults.js';
import { readConfigFile } from '../config/load.js';
import { describeError, parbenchError } from '../errors.js';
import { readRun } from './read.js';
import type { RunRecord } from './record-schema.js';
import { RUN_FILE } from './write.js';

/** The runs directory when neither a flag nor a configuration names one: `results/runs`. */
export const DEFAULT_RUNS_DIR = DEFAULT_CONFIG.outputDir;

/** A runs directory, or a function giving it: called only when a run has to be looked up in it. */
export type RunsDir = string | (() => string);

export interface RunsDirOptions {
  /** An explicit runs directory (`--runs`): wins over the configuration. */
  runs?: string | undefined;
  /** The configuration file (`-c/--config`); otherwise `./bench.config.json` when present. */
  config?: string | undefined;
  /** Directory relative paths are taken from; default the process's working directory. */
  cwd?: string | undefined;
}

/**
 * The directory holding run directories: `runs` when given, else the configuration's `outputDir`, else
 * `results/runs`. A relative result is relative to `cwd`, as `parbench run` resolves outputDir; it is
 * returned as written when `cwd` is not given, so messages show what the user wrote.
 * @throws ParbenchError CONFIG_UNREADABLE or BAD_CONFIG (exit 2) when the configuration file is consulted
 *   and cannot be read or is invalid.
 */
export function runsDirectory(options: RunsDirOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  let dir = options.runs;
  if (dir === undefined) {
    const implicit = resolve(cwd, CONFIG_FILE);
    const file = options.config !== undefined ? resolve(cwd, options.config) : existsSync(implicit) ? implicit : undefined;
    dir = (file ? readConfigFile(file).outputDir : undefined) ?? DEFAULT_RUNS_DIR;
  }
  return options.cwd === undefined ? dir : resolve(cwd, dir);
}

function dirOf(runsDir: RunsDir): string {
  return typeof runsDir === 'function' ? runsDir() : runsDir;
}

/**
 * The run ids under `dir`: its entries holding a run.json, in directory order; none when `dir` does
 * not exist. `shown` names the directory in the error (default `dir`).
 * @throws ParbenchError RUNS_DIR_UNUSABLE (exit 2) when `dir` is a file or cannot be listed.
 */
export function runIds(dir: string, shown = dir): string[] {
  if (!existsSync(dir)) return [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw parbenchError('RUNS_DIR_UNUSABLE', shown, code === 'ENOTDIR' ? 'it is a file, not a directory' : describeError(error));
  }
  return entries.filter((id) => existsSync(join(dir, id, RUN_FILE)));
}

/**
 * The run.json of the newest run under `runsDir` (run ids start with an ISO timestamp, so the newest
 * sorts last); only directories holding a run.json count.
 * @throws ParbenchError NO_RUNS (exit 2) when there is none.
 */
export function latestRunPath(runsDir: RunsDir): string {
  const shown = dirOf(runsDir);
  const dir = resolve(shown);
  const ids = runIds(dir, shown);
  if (ids.length === 0) throw parbenchError('NO_RUNS', shown);
  return join(dir, ids.sort().at(-1)!, RUN_FILE);
}

/**
 * The run.json path of `run`: a run.json path, a run directory, or a run id under `runsDir`, tried in
 * that order; absent, the latest run under `runsDir`. `runsDir` is consulted only when needed.
 * @throws ParbenchError RUN_NOT_FOUND (exit 2) naming every place looked at, or NO_RUNS.
 */
export function runPath(run: string | undefined, runsDir: RunsDir = DEFAULT_RUNS_DIR): string {
  if (run === undefined) return latestRunPath(runsDir);
  const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
  const direct = [resolve(run), join(resolve(run), RUN_FILE)];
  const found = direct.find(isFile);
  if (found) return found;
  const byId = join(resolve(dirOf(runsDir)), run, RUN_FILE);
  if (isFile(byId)) return byId;
  throw parbenchError('RUN_NOT_FOUND', run, [...direct, byId].join(', '));
}

/**
 * Locates and reads one run (see runPath), validated.
 * @returns the record as stored (unknown keys kept) and the absolute path of its run.json.
 * @throws ParbenchError NO_RUNS, RUN_NOT_FOUND or BAD_RUN (exit 2).
 */
export function loadRun(run: string | undefined, runsDir: RunsDir = DEFAULT_RUNS_DIR): { record: RunRecord; path: string } {
  const path = runPath(run, runsDir);
  return { record: readRun(path), path };
}
