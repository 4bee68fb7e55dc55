/** Writing a run's files: run.json (the source of truth) and results.csv, replaced atomically. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../record/index.js';
import { toCsv } from './csv.js';

function writeAtomic(path: string, text: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

export function runDir(outputDir: string, id: string): string {
  return join(outputDir, id);
}

export function writeRunFiles(record: RunRecord, outputDir: string): string {
  const dir = runDir(outputDir, record.id);
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
  writeAtomic(join(dir, 'results.csv'), toCsv(record));
  return dir;
}
