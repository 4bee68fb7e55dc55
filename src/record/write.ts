/** Writing run and baseline files: every file is replaced whole or not at all. */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parbenchError } from '../errors.js';
import type { RunRecord } from './record-schema.js';

/** The file a run's record is written to, inside its run directory. */
export const RUN_FILE = 'run.json';
/** The tidy CSV derived from the record, next to it. */
export const CSV_FILE = 'results.csv';

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
    throw parbenchError('WRITE_FAILED', path, (error as NodeJS.ErrnoException).code ?? String(error));
  }
}

/** The directory of run `id` under the runs directory `outputDir`: `<outputDir>/<id>`. */
export function runDir(outputDir: string, id: string): string {
  return join(outputDir, id);
}

/**
 * Writes a run's files into `<outputDir>/<record.id>/` (created if needed): run.json (the record, the
 * source of truth) and results.csv (`csv`, the caller's rendering of the same record: report/csv.ts
 * `toCsv`), each replaced atomically. Called after every
 * point, so a run cut short keeps what it measured.
 * @returns the run directory.
 * @throws ParbenchError WRITE_FAILED when a file cannot be written.
 */
export function writeRunFiles(record: RunRecord, outputDir: string, csv: string): string {
  const dir = runDir(outputDir, record.id);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw parbenchError('WRITE_FAILED', dir, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  writeFileAtomic(join(dir, RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
  writeFileAtomic(join(dir, CSV_FILE), csv);
  return dir;
}
