import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, writeJson } from '../helpers/cli.js';
import { tempDir } from './cli.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

const TWO = join(FIXTURES, 'run-two-cores.json');

function setup(currentOverhead: number) {
  const dir = tempDir();
  const base = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 1 }], { id: 'base' });
  const current = syntheticRun([{ backend: 'worker', workers: 2, o: currentOverhead, c: 1e-3, points: SWEEP, noise: 0.03, seed: 2 }], { id: 'current' });
  writeJson(join(dir, 'results/runs/base/run.json'), base);
  writeJson(join(dir, 'results/runs/current/run.json'), current);
  expect(cli(['baseline', 'save', 'base'], dir).code).toBe(0);
  return dir;
}

describe('parbench baseline save and gate', () => {
  it('saves a baseline with its schema and the run', () => {
    const dir = setup(40e-6);
    const saved = JSON.parse(readFileSync(join(dir, 'results/baseline.json'), 'utf8'));
    expect(saved.schema).toBe('parbench.baseline/1');
    expect(saved.runs.map((r: { id: string }) => r.id)).toEqual(['base']);
    expect(saved.sources).toEqual(['results/runs/base/run.json']);
  });

  it('saves a baseline from several runs, and refuses a run that did not complete', () => {
    const dir = setup(40e-6);
    expect(cli(['baseline', 'save', 'base', 'current'], dir).code).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'results/baseline.json'), 'utf8'));
    expect(saved.runs.map((r: { id: string }) => r.id)).toEqual(['base', 'current']);
    const partial = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP }], { id: 'partial' });
    partial.status = 'interrupted';
    writeJson(join(dir, 'results/runs/partial/run.json'), partial);
    const r = cli(['baseline', 'save', 'partial'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/status is "interrupted"; a baseline needs a completed run/);
  });

  it('exits 0 without a regression and prints every checked metric', () => {
    const dir = setup(40.8e-6);
    const r = cli(['gate', '--baseline', 'results/baseline.json', 'current'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/overhead o/);
    expect(r.stdout).toMatch(/METG/);
    expect(r.stdout).toMatch(/gate: PASS — 2 checks, none regressed/);
  });

  it('exits 1 when overhead regresses 50%, with a markdown summary on request', () => {
    const dir = setup(60e-6);
    const r = cli(['gate', 'current', '--format', 'md'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## parbench gate: ❌ FAIL/);
    expect(r.stdout).toMatch(/\| overhead o \| 4\d(\.\d)? µs \| [56]\d(\.\d)? µs \| \+\d\d% \| \+\d\d% … \+\d\d% \| \+10% \| REGRESSED \|/);
  });

  it('with several current runs, a regression must hold across them', () => {
    const dir = setup(60e-6);
    const again = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 5 }], { id: 'again' });
    writeJson(join(dir, 'results/runs/again/run.json'), again);
    expect(cli(['gate', 'current'], dir).code).toBe(1);
    const both = cli(['gate', 'current', 'again', '--format', 'json'], dir);
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout).runs).toEqual(['current', 'again']);
  });

  it('takes thresholds from --max-regression and from the config', () => {
    const dir = setup(60e-6);
    expect(cli(['gate', 'current', '--max-regression', '100%'], dir).code).toBe(0);
    writeFileSync(join(dir, 'bench.config.json'), JSON.stringify({ gate: { maxOverheadRegression: 1, maxMetgRegression: 1 } }));
    expect(cli(['gate', 'current'], dir).code).toBe(0);
    writeFileSync(join(dir, 'bench.config.json'), JSON.stringify({ gate: { maxRegression: 0.1 } }));
    expect(cli(['gate', 'current'], dir).code).toBe(1);
  });

  it('exits 2 for usage and config errors, including a baseline of another schema', () => {
    const dir = setup(60e-6);
    const old = writeJson(join(dir, 'old.json'), { schema: 'parbench.baseline/0', runs: [] });
    const oldRun = writeJson(join(dir, 'old-run.json'), { schema: 'parbench.baseline/1', runs: [{ schema: 'parbench.run/0' }] });
    const cases: [string[], RegExp][] = [
      [['gate', 'current', '--baseline', old], /baseline .*old\.json: schema "parbench\.baseline\/0" is not supported \(expected "parbench\.baseline\/1" or a run record, "parbench\.run\/2" or "parbench\.run\/1"\)/],
      [['gate', 'current', '--baseline', oldRun], /a run in it has schema "parbench\.run\/0"/],
      [['gate', 'current', '--baseline', 'missing.json'], /baseline missing\.json: cannot read it \(ENOENT\)/],
      [['gate', 'current', '--max-regression', 'ten'], /--max-regression: "ten" is not a number/],
      [['gate', 'current', '--format', 'html'], /--format: "html" is not allowed/],
      [['gate', TWO], /nothing to compare: run 2026-11-26_12-05-46-28fa shares no suite × backend × grain/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    writeFileSync(join(dir, 'bench.config.json'), JSON.stringify({ gate: { maxRegression: 'lots' } }));
    const bad = cli(['gate', 'current'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bench\.config\.json: key "gate\.maxRegression": must be a number/);
  });

  it('passes a recorded run against itself', () => {
    const dir = tempDir();
    expect(cli(['gate', '--baseline', TWO, TWO], dir).code).toBe(0);
  });
});
