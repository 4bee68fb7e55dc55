import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRunRecord, machineFingerprint, parseBaseline, readBaseline, readRun, RUN_SCHEMA, RUN_SCHEMAS, RUN_UPGRADES } from '../../src/record/index.js';
import { ParbenchError } from '../../src/errors.js';
import { syntheticRun, SWEEP } from '../helpers/synthetic.js';
import { FIXTURES } from '../helpers/cli.js';
import { tempDir } from '../cli/cli.js';
import { DAMAGED, damagedRun, validRun } from '../helpers/damaged.js';

const BASELINE = join(FIXTURES, 'baseline-run1.json');

function refusal(fn: () => unknown): ParbenchError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ParbenchError);
    return error as ParbenchError;
  }
  throw new Error('expected a refusal');
}

describe('reading a run record', () => {
  it('accepts the recorded fixtures (parbench.run/1, upgraded), a recorded baseline of them and synthetic runs', () => {
    for (const file of ['run-one-core.json', 'run-two-cores.json']) expect(readRun(join(FIXTURES, file)).schema).toBe(RUN_SCHEMA);
    const baseline = readBaseline(BASELINE);
    expect(baseline.runs.map((r) => r.schema)).toEqual([RUN_SCHEMA, RUN_SCHEMA, RUN_SCHEMA]);
    const synthetic = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP }]);
    expect(checkRunRecord(JSON.parse(JSON.stringify(synthetic)), 'synthetic.json')).toEqual(synthetic);
  });

  it.each(DAMAGED)('refuses $name, naming the first bad field', (c) => {
    const error = refusal(() => checkRunRecord(damagedRun(c), 'run.json'));
    expect(error.code).toBe('BAD_RUN');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`not a usable run record: run.json: ${c.detail}`);
  });

  it('names the first of several bad fields, in the order of the record', () => {
    const run = validRun();
    run.points[4].parallel.summary.ci95 = [1, 'x'];
    run.points[5].grain.tunedBy = 'guess';
    expect(refusal(() => checkRunRecord(run, 'f')).message).toBe('not a usable run record: f: points[4].parallel.summary.ci95[1] is a string, expected a number');
    delete run.points[4].parallel;
    expect(refusal(() => checkRunRecord(run, 'f')).message).toBe('not a usable run record: f: points[4].parallel is missing');
    run.points[4].parallel = null;
    expect(refusal(() => checkRunRecord(run, 'f')).message).toBe('not a usable run record: f: points[5].grain.tunedBy is "guess", expected "chunk", "work" or "floor"');
  });

  it('describes other kinds of damage in one line', () => {
    const cases: [(r: Record<string, any>) => void, string][] = [
      [(r) => (r.cores = 1.5), 'cores is 1.5, expected a whole number'],
      [(r) => (r.points = {}), 'points is an object, expected a list'],
      [(r) => (r.points[0].params.n = {}), 'points[0].params.n is an object, expected a number, a string or null'],
      [(r) => (r.machine = 'vm'), 'machine is a string, expected an object'],
      [(r) => (r.points[0].workers = 0), 'points[0].workers is 0, expected at least 1'],
    ];
    for (const [damage, detail] of cases) {
      const run = validRun();
      damage(run);
      expect(refusal(() => checkRunRecord(run, 'f')).message).toBe(`not a usable run record: f: ${detail}`);
    }
    expect(refusal(() => checkRunRecord([], 'f')).message).toBe('not a usable run record: f: a list, not a JSON object');
    expect(refusal(() => checkRunRecord(null, 'f')).message).toBe('not a usable run record: f: null, not a JSON object');
  });

  it('keeps keys it does not know, at every level', () => {
    const run = validRun();
    run.future = { note: 'kept' };
    run.points[0].grain.extra = 1;
    const read = checkRunRecord(run, 'f') as unknown as Record<string, any>;
    expect(read.future).toEqual({ note: 'kept' });
    expect(read.points[0].grain.extra).toBe(1);
  });

  it('refuses another schema version, saying which parbench reads it', () => {
    const older = { ...validRun(), schema: 'parbench.run/0', parbench: '0.0.1' };
    expect(refusal(() => checkRunRecord(older, 'f')).message).toBe(
      'not a usable run record: f: schema is "parbench.run/0", this parbench reads "parbench.run/2" or "parbench.run/1"; it was written by parbench 0.0.1: read it with that version',
    );
    const newer = { ...validRun(), schema: 'parbench.run/7', parbench: '9.0.0' };
    expect(refusal(() => checkRunRecord(newer, 'f')).message).toBe(
      'not a usable run record: f: schema is "parbench.run/7", this parbench reads "parbench.run/2" or "parbench.run/1"; it was written by parbench 9.0.0: read it with that version or later',
    );
    expect(refusal(() => checkRunRecord({ schema: 'parbench.run/0' }, 'f')).message).toMatch(/it was written by an older parbench/);
    expect(refusal(() => checkRunRecord({ points: [] }, 'f')).message).toBe('not a usable run record: f: schema is missing, this parbench reads "parbench.run/2" or "parbench.run/1"');
  });

  it('reads the current version and at most the previous one, each older one with an upgrade', () => {
    expect(RUN_SCHEMAS[0]).toBe(RUN_SCHEMA);
    expect(RUN_SCHEMAS.length).toBeLessThanOrEqual(2);
    for (const version of RUN_SCHEMAS.slice(1)) expect(RUN_UPGRADES[version], version).toBeTypeOf('function');
  });

  it('upgrades a parbench.run/1 record: the machine gains its fingerprint, the input is not changed', () => {
    const old = validRun();
    expect(old.schema).toBe('parbench.run/1');
    const read = checkRunRecord(old, 'f');
    expect(read.schema).toBe('parbench.run/2');
    expect(read.machine.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(read.machine.fingerprint).toBe(machineFingerprint(old.machine));
    expect(old.schema).toBe('parbench.run/1');
    expect(old.machine.fingerprint).toBeUndefined();
  });

  it('gives one line for a file that cannot be read or is not JSON', () => {
    const dir = tempDir();
    expect(refusal(() => readRun(join(dir, 'none.json'))).message).toBe(`not a usable run record: ${join(dir, 'none.json')}: cannot read it: no such file or directory (ENOENT)`);
    writeFileSync(join(dir, 'broken.json'), '{"schema": ');
    expect(refusal(() => readRun(join(dir, 'broken.json'))).message).toMatch(/^not a usable run record: .*broken\.json: not valid JSON \(.*\)$/);
  });
});

describe('reading a baseline', () => {
  const baseline = () => JSON.parse(readFileSync(BASELINE, 'utf8'));

  it('names a damaged run inside by its place in the file', () => {
    const b = baseline();
    b.runs[0].points[3].sequential.summary.median = null;
    expect(refusal(() => parseBaseline(b, 'baseline.json')).message).toBe('not a usable run record: baseline.json: runs[0].points[3].sequential.summary.median is null');
  });

  it('takes a plain run.json as a baseline of that run, and refuses a damaged one like any run', () => {
    expect(parseBaseline(validRun(), 'run.json').runs).toHaveLength(1);
    expect(refusal(() => parseBaseline(damagedRun(DAMAGED[3]!), 'run.json')).message).toBe('not a usable run record: run.json: cores is 0, expected at least 1');
  });

  it('refuses a baseline whose own fields are damaged', () => {
    const b = baseline();
    b.sources = 'x';
    const error = refusal(() => parseBaseline(b, 'baseline.json'));
    expect(error.code).toBe('BAD_BASELINE');
    expect(error.message).toBe('baseline baseline.json: sources is a string, expected a list');
  });
});
