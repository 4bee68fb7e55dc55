/** Writing run and baseline files: every file is replaced whole or not at all. */
import { accessSync, closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { osReason, parbenchError } from '../errors.js';
import type { RunRecord } from './record-schema.js';

/** The file a run's record is written to, inside its run directory. */
export const RUN_FILE = 'run.json';
/** The tidy CSV derived from the record, next to it. */
export const CSV_FILE = 'results.csv';

/** The Chrome trace-event file of a traced run (run --trace), beside run.json. */
export const TRACE_FILE = 'trace.json';

/**
 * Replaces `path` with `text` (UTF-8) atomically: writes `<path>.tmp` in the same directory, flushes it
 * to disk (fsync), then renames it over `path`. A reader sees the old file or the new one, never a part;
 * on failure the temporary file is removed and `path` is untouched. The directory must exist.
 * @throws ParbenchError WRITE_FAILED (exit 2) naming the file and the system's error code.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'w');
    writeFileSync(fd, text, 'utf8');
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the write's error is the one to report
      }
    }
    rmSync(temporary, { force: true });
    throw parbenchError('WRITE_FAILED', path, osReason(error));
  }
}

/** What is at `path`: a directory, something else, or nothing. Throws WRITE_FAILED naming `label` for any other failure (EACCES, ENOTDIR, ELOOP …). */
function entryAt(path: string, label: string): 'directory' | 'other' | 'absent' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw parbenchError('WRITE_FAILED', label, osReason(error));
  }
}

/**
 * Create directory `dir` and its missing parents, one level at a time (never a recursive mkdir, which
 * Node 20 can spin on forever under /proc). `label` names the target in messages.
 * @throws ParbenchError WRITE_FAILED (exit 2) naming `label` and the system's reason: an existing part of
 *   the path that is not a directory, or a level that cannot be created.
 */
export function makeDirectory(dir: string, label: string = dir): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const entry = entryAt(at, label);
    if (entry === 'directory') break;
    if (entry === 'other') throw parbenchError('WRITE_FAILED', label, at === resolve(label) ? 'it is not a directory' : `${at} is not a directory`);
    if (dirname(at) === at) throw parbenchError('WRITE_FAILED', label, `${at} does not exist`);
    missing.push(at);
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw parbenchError('WRITE_FAILED', label, `cannot create ${level}: ${osReason(error)}`);
    }
  }
}

/** Write an empty probe file into directory `dir` and remove it. Throws WRITE_FAILED naming `label` with the system's reason. */
function probeWrite(dir: string, label: string): void {
  const probe = join(dir, `.parbench-write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (error) {
    rmSync(probe, { force: true });
    throw parbenchError('WRITE_FAILED', label, osReason(error));
  }
}

/**
 * Check, before anything is measured, that run files can be written under `dir`: create it (and its
 * parents, see makeDirectory), write a small probe file into it and remove it again.
 * @throws ParbenchError WRITE_FAILED (exit 2) naming `dir` and the system's reason.
 */
export function checkOutputDirectory(dir: string): void {
  makeDirectory(dir);
  probeWrite(dir, dir);
}

/**
 * Check, before anything else is done, that file `path` can be written, leaving nothing behind: it is
 * not a directory, every existing level above it is a directory, and the deepest existing one takes a
 * new entry (a probe file written and removed there when it is the file's own directory, write and
 * search permission otherwise). Missing levels are made only when the file is written (writeBaseline).
 * @throws ParbenchError WRITE_FAILED (exit 2) naming `path` and the system's reason.
 */
export function checkOutputFile(path: string): void {
  if (entryAt(path, path) === 'directory') throw parbenchError('WRITE_FAILED', path, 'it is a directory');
  let at = resolve(dirname(path));
  for (let entry = entryAt(at, path); entry !== 'directory'; entry = entryAt(at, path)) {
    if (entry === 'other') throw parbenchError('WRITE_FAILED', path, `${at} is not a directory`);
    if (dirname(at) === at) throw parbenchError('WRITE_FAILED', path, `${at} does not exist`);
    at = dirname(at);
  }
  if (at === resolve(dirname(path))) return probeWrite(at, path);
  try {
    accessSync(at, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw parbenchError('WRITE_FAILED', path, `cannot create a directory in ${at}: ${osReason(error)}`);
  }
}

/** The directory of run `id` under the runs directory `outputDir`: `<outputDir>/<id>`. */
export function runDir(outputDir: string, id: string): string {
  return join(outputDir, id);
}

/**
 * Writes a run's files into `<outputDir>/<record.id>/` (created if needed): run.json (the record, the
 * source of truth) and results.csv (`csv`, the caller's rendering of the same record: report/csv.ts
 * `toCsv`), and trace.json when `trace` (its text) is given, each replaced atomically. Called after every
 * point, so a run cut short keeps what it measured.
 * @returns the run directory.
 * @throws ParbenchError WRITE_FAILED when a file cannot be written.
 */
export function writeRunFiles(record: RunRecord, outputDir: string, csv: string, trace?: string): string {
  const dir = runDir(outputDir, record.id);
  makeDirectory(dir);
  // The trace goes first, so a run.json that names it never points at an older one.
  if (trace !== undefined) writeFileAtomic(join(dir, TRACE_FILE), trace);
  writeFileAtomic(join(dir, RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
  writeFileAtomic(join(dir, CSV_FILE), csv);
  return dir;
}
