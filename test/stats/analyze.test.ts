import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/index.js';
import { FIXTURES } from '../helpers/cli.js';
import { analyzeRun } from '../../src/stats/analyze.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

describe('analyzeRun', () => {
  it('gives METG, crossover and the fitted overhead per series', () => {
    const record = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 0, points: SWEEP }]);
    const [s] = analyzeRun(record).series;
    expect(s!.fit!.o).toBeCloseTo(40e-6, 9);
    // E = g/(g+o): 50% at g = o = 40 µs, bracketed by 3e-5 and 1e-4.
    expect(s!.metg!.bound).toBe('bracketed');
    expect(s!.metg!.grain).toBeGreaterThan(3e-5);
    expect(s!.metg!.grain).toBeLessThan(1e-4);
    // speed-up 2g/(g+o) ≥ 1 at g = o as well
    expect(s!.crossover!.grain).toBeCloseTo(s!.metg!.grain, 12);
    const high = analyzeRun(record, { metgThreshold: 0.8 }).series[0]!;
    expect(high.metg!.grain).toBeGreaterThan(s!.metg!.grain);
    expect(analyzeRun(record).warnings).toEqual([]);
  });

  it('warns about noise with what to do, and counts outliers without dropping them', () => {
    const record = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.5 }]);
    const point = record.points[2]!;
    point.parallel!.samples[0] = point.parallel!.samples[0]! * 50;
    const analysis = analyzeRun(record);
    const s = analysis.series[0]!;
    expect(s.points[2]!.tPar.n).toBe(10);
    expect(s.noise.outliers).toBeGreaterThanOrEqual(1);
    expect(analysis.warnings.join('\n')).toMatch(/^\d+ points have a noisy T_par \(robust CV above 10%, max \d+% on .*--repeats/);
  });

  it('leaves failed points out and says so', () => {
    const record = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP }]);
    record.points[0]!.status = 'failed';
    record.points[0]!.metrics = null;
    const analysis = analyzeRun(record);
    expect(analysis.series[0]!.points).toHaveLength(SWEEP.length - 1);
    expect(analysis.warnings[0]).toBe('1 point(s) failed and are left out of the analysis (square worker×2 1e-7)');
  });

  it('warns that efficiency above 105% beyond its interval is a disturbed sequential reference, not a speed-up', () => {
    const efficiency = SWEEP.map((_, i) => (i === SWEEP.length - 2 ? 1.6 : 0.9));
    const record = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, efficiency }]);
    expect(analyzeRun(record).warnings[0]).toMatch(/^1 point shows efficiency above 105% beyond its interval \(max 160% on square worker×2 1e-4\): the sequential reference was disturbed/);
  });

  it('says each kind of warning once, aggregated over the series it concerns', () => {
    const record = JSON.parse(readFileSync(join(FIXTURES, 'run-two-cores.json'), 'utf8')) as RunRecord;
    expect(analyzeRun(record).warnings).toEqual([
      '13 points have a noisy T_par (robust CV above 10%, max 33% on square process×2 3e-5): their overhead and efficiency are uncertain; rerun with more --repeats and --max-repeats on a quieter machine',
      "the sequential reference T_seq is noisy at 2 grains (robust CV above 10%, max 64% on square 1e-6): every backend's efficiency and overhead there inherit it; rerun with more --repeats on a quieter machine",
      '3 point(s) do not fit the overhead model (|studentized residual| > 3: square sequential 1e-3, square worker×2 1e-3, square process×2 1e-3); the fit keeps them',
    ]);
  });

  it('lists at most four places in a warning and counts the rest', () => {
    const record = syntheticRun(['a', 'b', 'c', 'd', 'e', 'f'].map((backend) => ({ backend, workers: 2, o: 40e-6, points: SWEEP, repeats: 3 })));
    expect(analyzeRun(record).warnings).toEqual([
      '6 series have fewer than 5 samples per point (as few as 3: square a×2, square b×2, square c×2, square d×2 and 2 more); intervals are unreliable (use --repeats 10 or more)',
    ]);
  });
});
