import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(cli(['baseline', 'save', 'base', 'current', '--force'], dir).code).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'results/baseline.json'), 'utf8'));
    expect(saved.runs.map((r: { id: string }) => r.id)).toEqual(['base', 'current']);
    const partial = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP }], { id: 'partial' });
    partial.status = 'interrupted';
    writeJson(join(dir, 'results/runs/partial/run.json'), partial);
    const r = cli(['baseline', 'save', 'partial', '--force'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/status is "interrupted"; a baseline needs a completed run/);
  });

  it('does not overwrite results/baseline.json without --force; -o writes another file', () => {
    const dir = setup(40e-6);
    const before = readFileSync(join(dir, 'results/baseline.json'), 'utf8');
    const again = cli(['baseline', 'save', 'current'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('parbench: results/baseline.json exists; give --force to overwrite it, or -o <file> to write another\n');
    expect(readFileSync(join(dir, 'results/baseline.json'), 'utf8')).toBe(before);
    const other = cli(['baseline', 'save', 'current', '-o', 'other.json'], dir);
    expect(other.code).toBe(0);
    expect(other.stderr).toBe('parbench: baseline other.json written from run(s) current\n');
    expect(JSON.parse(readFileSync(join(dir, 'other.json'), 'utf8')).runs[0].id).toBe('current');
    const forced = cli(['baseline', 'save', 'current', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'results/baseline.json'), 'utf8')).runs[0].id).toBe('current');
  });

  it('refuses runs with fewer than 5 samples per point, and test runs made with --inject-overhead', () => {
    const dir = tempDir();
    writeJson(join(dir, 'results/runs/once/run.json'), syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, repeats: 1 }], { id: 'once' }));
    const once = cli(['baseline', 'save', 'once'], dir);
    expect(once.code).toBe(2);
    expect(once.stderr).toBe(`parbench: ${join(dir, 'results/runs/once/run.json')}: point square 1e-7 worker×2 has 1 sample; a baseline needs at least 5 per point (run with --repeats 5 or more)\n`);
    const injected = { ...syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP }], { id: 'test' }), injectedOverhead: { seconds: 1e-5, rounds: 100, secondsPerRound: 1e-7 } };
    writeJson(join(dir, 'results/runs/test/run.json'), injected);
    const test = cli(['baseline', 'save', 'test'], dir);
    expect(test.code).toBe(2);
    expect(test.stderr).toMatch(/it was made with --inject-overhead \(a test run\); a baseline needs a normal run\n$/);
    expect(existsSync(join(dir, 'results/baseline.json'))).toBe(false);
  });

  it('refuses a traced run as evidence, in one line with exit 2, for the gate and for a baseline', () => {
    const dir = setup(40e-6);
    const traced = { ...syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 2 }], { id: 'traced' }), traced: { file: 'trace.json' } };
    writeJson(join(dir, 'results/runs/traced/run.json'), traced);
    const path = join(dir, 'results/runs/traced/run.json');
    const refusal = `parbench: run ${path} was traced (run --trace): tracing adds its own cost to every task, so a traced run is no evidence for the gate or a baseline; measure again without --trace\n`;
    const gated = cli(['gate', '--baseline', 'results/baseline.json', 'traced'], dir);
    expect(gated).toMatchObject({ code: 2, stdout: '', stderr: refusal });
    const saved = cli(['baseline', 'save', 'traced', '-o', 'traced-baseline.json'], dir);
    expect(saved).toMatchObject({ code: 2, stderr: refusal });
    expect(existsSync(join(dir, 'traced-baseline.json'))).toBe(false);
  });

  it('exits 0 without a regression and prints every checked metric', () => {
    const dir = setup(40e-6);
    const r = cli(['gate', '--baseline', 'results/baseline.json', 'current'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/overhead o/);
    expect(r.stdout).toMatch(/METG/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('gate: PASS — 2 checks: 2 pass, 0 improved, 0 regressed, 0 inconclusive');
    expect(r.stdout).toContain('Suite level (geometric mean of current/reference over the checks the rule decided):\n  overhead o: geometric mean of 1 ratio ×0.994 (95% CI ×0.977 … ×1.01), allowed +10% → pass');
  });

  it('exits 1 when overhead regresses 50%, with a markdown summary on request', () => {
    const dir = setup(60e-6);
    const r = cli(['gate', 'current', '--format', 'md'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## parbench gate: ❌ REGRESSED/);
    expect(r.stdout).toMatch(/\| overhead o \| 4\d(\.\d)? µs \| [56]\d(\.\d)? µs \| \+\d\d% \| \+\d\d% … \+\d\d% \| \+10% \| regressed \|/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('gate: REGRESSED — 2 checks: 0 pass, 0 improved, 2 regressed, 0 inconclusive');
  });

  it('a gate that decided nothing exits 3 and does not say PASS; --inconclusive maps it to 0 or 1', () => {
    const dir = tempDir();
    writeJson(join(dir, 'results/runs/base/run.json'), syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 1 }], { id: 'base' }));
    const once = syntheticRun([{ backend: 'worker', workers: 2, o: 47e-6, c: 1e-3, points: SWEEP, noise: 0.03, repeats: 1, seed: 2 }], { id: 'once' });
    writeJson(join(dir, 'results/runs/once/run.json'), once);
    const r = cli(['gate', '--baseline', 'results/runs/base/run.json', 'once'], dir);
    expect(r.code).toBe(3);
    expect(r.stdout).not.toMatch(/PASS/);
    expect(r.stdout).toMatch(/inconclusive: fewer than 5 samples per point \(1 in the current run\)/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('gate: INCONCLUSIVE — 2 checks: 0 pass, 0 improved, 0 regressed, 2 inconclusive');
    expect(cli(['gate', '--baseline', 'results/runs/base/run.json', 'once', '--inconclusive=pass'], dir).code).toBe(0);
    expect(cli(['gate', '--baseline', 'results/runs/base/run.json', 'once', '--inconclusive', 'fail'], dir).code).toBe(1);
    const bad = cli(['gate', '--baseline', 'results/runs/base/run.json', 'once', '--inconclusive', 'maybe'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('parbench: --inconclusive: "maybe" is not allowed (allowed: pass, fail)\n');
    const md = cli(['gate', '--baseline', 'results/runs/base/run.json', 'once', '--format', 'md'], dir);
    expect(md.stdout).toMatch(/^## parbench gate: ⚠️ INCONCLUSIVE/);
  });

  it('a baseline series missing from the current run is inconclusive (exit 3), not passed', () => {
    const dir = tempDir();
    const both = syntheticRun([
      { backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 1 },
      { backend: 'process', workers: 2, o: 90e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 3 },
    ], { id: 'base' });
    writeJson(join(dir, 'base.json'), both);
    writeJson(join(dir, 'results/runs/current/run.json'), syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 2 }], { id: 'current' }));
    const r = cli(['gate', '--baseline', 'base.json', 'current'], dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/square n=25 │ process×2 │ overhead o │ –\s+│ –\s+│ –\s+│ –\s+│ \+10%\s+│ inconclusive: missing in the current run/);
  });

  it('refuses a baseline of another machine or worker count (exit 2, one line) unless --allow-other-machine', () => {
    const dir = tempDir();
    writeJson(join(dir, 'base.json'), syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 1 }], { id: 'base', cpu: 'AMD EPYC' }));
    writeJson(join(dir, 'results/runs/xeon/run.json'), syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 2 }], { id: 'xeon', cpu: 'Intel Xeon' }));
    writeJson(join(dir, 'results/runs/four/run.json'), syntheticRun([{ backend: 'worker', workers: 4, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 2 }], { id: 'four', cpu: 'AMD EPYC', cores: 4 }));
    const other = cli(['gate', '--baseline', 'base.json', 'xeon'], dir);
    expect(other.code).toBe(2);
    expect(other.stdout).toBe('');
    expect(other.stderr).toBe(
      'parbench: baseline base.json was measured on another machine (CPU "AMD EPYC" → "Intel Xeon"): its timings are not comparable; gate against a git ref on this machine (gate --against <ref>), or give --allow-other-machine\n',
    );
    const four = cli(['gate', '--baseline', 'base.json', 'four'], dir);
    expect(four.code).toBe(2);
    expect(four.stderr).toMatch(/\(cores \(logical\/physical\) "2\/2" → "4\/4"; CPUs usable "2" → "4"; workers square worker×2 → ×4\)/);
    const allowed = cli(['gate', '--baseline', 'base.json', 'xeon', '--allow-other-machine'], dir);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe('parbench: warning: machines differ: CPU "AMD EPYC" → "Intel Xeon"\n');
    expect(allowed.stdout).toMatch(/Machines differ \(gated anyway, --allow-other-machine\):\n  CPU "AMD EPYC" → "Intel Xeon"/);
  });

  it('with several current runs, a regression must hold across them', () => {
    const dir = setup(60e-6);
    const again = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 5 }], { id: 'again' });
    writeJson(join(dir, 'results/runs/again/run.json'), again);
    expect(cli(['gate', 'current'], dir).code).toBe(1);
    const both = cli(['gate', 'current', 'again', '--format', 'json'], dir);
    expect(both.code).not.toBe(1);
    const json = JSON.parse(both.stdout);
    expect(json.runs).toEqual(['current', 'again']);
    expect(json.status).not.toBe('regressed');
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
      [['gate', 'current', '--baseline', 'missing.json'], /^parbench: baseline missing\.json: it does not exist; save one on this machine with "parbench baseline save", or measure a reference here with "parbench gate --against <git-ref>"\n$/],
      [['gate', 'current', '--max-regression', 'ten'], /--max-regression: "ten" is not a number/],
      [['gate', 'current', '--format', 'html'], /--format: "html" is not allowed/],
      [['gate', TWO, '--allow-other-machine'], /nothing to compare: run 2026-11-26_12-05-46-28fa shares no suite × backend × grain/],
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

  it('a noisy recorded run against itself: nothing regressed, and what its noise cannot resolve is inconclusive (exit 3)', () => {
    const r = cli(['gate', '--baseline', TWO, TWO], tempDir());
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/fib n=10 +│ sequential×1 │ overhead o │ 274 ns +│ 274 ns +│ \+0\.0% +│ .* │ pass: below 1 µs in both runs \(negligible\)/);
    expect(r.stdout).toMatch(/fib n=10 +│ process×2 +│ METG +│ > 1\.02 ms │ > 1\.02 ms │ – +│ – +│ \+10% +│ inconclusive: METG above the largest grain in both runs; extend --grains to compare/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^gate: INCONCLUSIVE — 10 checks: \d+ pass, 0 improved, 0 regressed, \d+ inconclusive$/);
  });
});
