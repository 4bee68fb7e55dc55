import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParbenchError } from '../../src/errors.js';
import { checkOutputDirectory, checkOutputFile, makeBaseline, makeDirectory, readBaseline, readRun, runDir, writeBaseline, writeFileAtomic, writeRunFiles } from '../../src/record/index.js';
import { toCsv } from '../../src/report/csv.js';
import { tempDir } from '../cli/cli.js';
import { syntheticRun, SWEEP } from '../helpers/synthetic.js';

// Issue 14, case 1: output locations are checked up front, one level at a time, and leave nothing behind.
describe('output locations', () => {
  const failure = (f: () => void): string => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(ParbenchError);
      expect((error as ParbenchError).exitCode).toBe(2);
      return (error as ParbenchError).message;
    }
    throw new Error('expected WRITE_FAILED');
  };

  it('makes missing levels of a directory, and accepts one that exists', () => {
    const dir = tempDir();
    makeDirectory(join(dir, 'a/b/c'));
    expect(readdirSync(join(dir, 'a/b'))).toEqual(['c']);
    makeDirectory(join(dir, 'a/b/c'));
  });

  it('checks a directory by writing a probe into it and removing it', () => {
    const dir = join(tempDir(), 'runs');
    checkOutputDirectory(dir);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the path and the reason when a level is a file, under /proc, or the target is a directory', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f'), 'x');
    expect(failure(() => checkOutputDirectory(join(dir, 'f')))).toBe(`cannot write ${join(dir, 'f')}: it is not a directory`);
    expect(failure(() => checkOutputDirectory(join(dir, 'f', 'g')))).toBe(`cannot write ${join(dir, 'f', 'g')}: not a directory (ENOTDIR)`);
    expect(failure(() => checkOutputDirectory('/proc/parbench-x/y'))).toBe('cannot write /proc/parbench-x/y: cannot create /proc/parbench-x: no such file or directory (ENOENT)');
    expect(failure(() => checkOutputFile(dir))).toBe(`cannot write ${dir}: it is a directory`);
    expect(failure(() => checkOutputFile(join(dir, 'f', 'x.json')))).toBe(`cannot write ${join(dir, 'f', 'x.json')}: not a directory (ENOTDIR)`);
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('checks a file in directories still to be made without making them', () => {
    const dir = tempDir();
    checkOutputFile(join(dir, 'a', 'b', 'baseline.json'));
    checkOutputFile(join(dir, 'baseline.json'));
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('atomic write', () => {
  it('replaces the target whole and leaves no temporary file', () => {
    const dir = tempDir();
    const file = join(dir, 'data.json');
    writeFileSync(file, 'x'.repeat(100_000));
    writeFileAtomic(file, '{"short":true}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"short":true}\n');
    writeFileAtomic(file, 'é'.repeat(50_000));
    expect(readFileSync(file, 'utf8')).toBe('é'.repeat(50_000));
    expect(readdirSync(dir)).toEqual(['data.json']);
  });

  it('on failure leaves the target untouched, removes the temporary file and says which file', () => {
    const dir = tempDir();
    const target = join(dir, 'is-a-directory');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'kept');
    let error: unknown;
    try {
      writeFileAtomic(target, 'text');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParbenchError);
    expect((error as ParbenchError).message).toMatch(new RegExp(`^cannot write ${target}: [a-z ]+ \\(E[A-Z]+\\)$`));
    expect(readdirSync(dir)).toEqual(['is-a-directory']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept');
    expect(() => writeFileAtomic(join(dir, 'missing', 'f.json'), 'x')).toThrow(/cannot write .*f\.json: no such file or directory \(ENOENT\)/);
  });
});

describe('run and baseline files', () => {
  const record = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP }], { id: '2026-01-01_00-00-00-abcd' });

  it('writes run.json and results.csv into <outputDir>/<id>, readable back', () => {
    const out = join(tempDir(), 'runs');
    const dir = writeRunFiles(record, out, toCsv(record));
    expect(dir).toBe(runDir(out, record.id));
    expect(readdirSync(dir).sort()).toEqual(['results.csv', 'run.json']);
    expect(readRun(join(dir, 'run.json'))).toEqual(record);
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(toCsv(record));
    writeRunFiles({ ...record, status: 'failed' }, out, toCsv({ ...record, status: 'failed' }));
    expect(readRun(join(dir, 'run.json')).status).toBe('failed');
    expect(readdirSync(dir).sort()).toEqual(['results.csv', 'run.json']);
  });

  it('writes a baseline that reads back, creating its directory', () => {
    const file = join(tempDir(), 'results', 'baseline.json');
    const baseline = makeBaseline([record], ['results/runs/x/run.json'], '2026-01-01T00:00:00.000Z');
    writeBaseline(baseline, file);
    expect(readBaseline(file)).toEqual(baseline);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });
});
