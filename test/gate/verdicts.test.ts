import { describe, expect, it } from 'vitest';
import { checkKey, decide, gateRuns, noiseFloor, statusOf, type NoiseFloor } from '../../src/gate/gate-runs.js';
import { machineChanges } from '../../src/gate/same-machine.js';
import { SWEEP, syntheticRun, type SeriesSpec } from '../helpers/synthetic.js';

const worker = (o: number, seed: number, extra: Partial<SeriesSpec> = {}): SeriesSpec => ({ backend: 'worker', workers: 2, o, c: 1e-3, points: SWEEP, noise: 0.03, seed, ...extra });
const check = (r: ReturnType<typeof gateRuns>, metric: 'overhead' | 'metg', backend = 'worker') => r.checks.find((c) => c.backend === backend && c.metric === metric)!;

describe('decide: the rule on an interval of current/baseline', () => {
  it('regressed above 1 + allowed, pass below it, improved below 1 − allowed, inconclusive across it', () => {
    expect(decide([1.15, 1.3], 0.1)).toEqual({ verdict: 'regressed' });
    expect(decide([0.95, 1.08], 0.1)).toEqual({ verdict: 'pass' });
    expect(decide([0.7, 0.85], 0.1)).toEqual({ verdict: 'improved' });
    expect(decide([0.98, 1.2], 0.1)).toEqual({ verdict: 'inconclusive', note: 'interval reaches across the allowed +10%' });
  });

  it('with a threshold below the A/A noise, decides only beyond the noise', () => {
    expect(decide([1.15, 1.3], 0.1, 0.2)).toEqual({ verdict: 'inconclusive', note: "threshold +10% below this machine's noise (20%)" });
    expect(decide([0.95, 1.05], 0.1, 0.2)).toEqual({ verdict: 'inconclusive', note: "threshold +10% below this machine's noise (20%)" });
    expect(decide([1.8, 2.2], 0.1, 0.2)).toEqual({ verdict: 'regressed', note: "beyond this machine's noise (20%)" });
    expect(decide([1.15, 1.3], 0.1, 0.05)).toEqual({ verdict: 'regressed' });
  });

  it('status: regressed over inconclusive over pass; improved passes', () => {
    expect(statusOf([{ verdict: 'pass' }, { verdict: 'improved' }])).toBe('pass');
    expect(statusOf([{ verdict: 'pass' }, { verdict: 'inconclusive' }])).toBe('inconclusive');
    expect(statusOf([{ verdict: 'inconclusive' }, { verdict: 'regressed' }])).toBe('regressed');
  });
});

describe('a gate that decided nothing does not pass', () => {
  it('--repeats 1: zero-width intervals are not proof; every check is inconclusive', () => {
    const base = syntheticRun([worker(40e-6, 1, { repeats: 1 })]);
    const current = syntheticRun([worker(46.8e-6, 2, { repeats: 1 })]);
    const result = gateRuns(base, current);
    expect(result.checks.map((c) => [c.metric, c.verdict, c.note])).toEqual([
      ['overhead', 'inconclusive', 'fewer than 5 samples per point (1 in the baseline, 1 in the current run)'],
      ['metg', 'inconclusive', 'fewer than 5 samples per point (1 in the baseline, 1 in the current run)'],
    ]);
    expect(result.status).toBe('inconclusive');
    expect(result.counts).toEqual({ pass: 0, improved: 0, regressed: 0, inconclusive: 2 });
    // Five samples a point are enough to decide.
    const five = gateRuns(syntheticRun([worker(40e-6, 1, { repeats: 5 })]), syntheticRun([worker(80e-6, 2, { repeats: 5 })]));
    expect(check(five, 'overhead').verdict).toBe('regressed');
  });

  it('a series missing in the current run is inconclusive, not passed', () => {
    const base = syntheticRun([worker(40e-6, 1), { backend: 'process', workers: 2, o: 90e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 3 }]);
    const current = syntheticRun([worker(40e-6, 2)]);
    const result = gateRuns(base, current);
    expect(result.checks.filter((c) => c.backend === 'process').map((c) => [c.metric, c.verdict, c.note, c.baseline])).toEqual([
      ['overhead', 'inconclusive', 'missing in the current run', NaN],
      ['metg', 'inconclusive', 'missing in the current run', NaN],
    ]);
    expect(result.status).toBe('inconclusive');
  });

  it('a grain missing in the current run leaves the series inconclusive', () => {
    const result = gateRuns(syntheticRun([worker(40e-6, 1)]), syntheticRun([worker(40e-6, 2, { points: SWEEP.slice(1) })]));
    expect(check(result, 'overhead')).toMatchObject({ verdict: 'inconclusive', note: 'grain 1e-7 missing in the current run' });
  });

  it('an overhead not resolved from zero is inconclusive, whatever the current value', () => {
    const result = gateRuns(syntheticRun([worker(-5e-6, 1)]), syntheticRun([worker(40e-6, 2)]));
    expect(check(result, 'overhead')).toMatchObject({ verdict: 'inconclusive', note: 'not resolved from zero on one side; no ratio' });
    expect(result.status).not.toBe('pass');
  });

  it('METG above the sweep on both sides is inconclusive; below it on both sides passes', () => {
    const eff = (e: number) => ({ efficiency: SWEEP.map(() => e) });
    const above = gateRuns(syntheticRun([worker(40e-6, 1, eff(0.2))]), syntheticRun([worker(40e-6, 2, eff(0.2))]));
    expect(check(above, 'metg')).toMatchObject({ verdict: 'inconclusive', note: 'METG above the largest grain in both runs; extend --grains to compare' });
    const below = gateRuns(syntheticRun([worker(40e-6, 1, eff(0.9))]), syntheticRun([worker(40e-6, 2, eff(0.9))]));
    expect(check(below, 'metg')).toMatchObject({ verdict: 'pass', note: 'below the smallest grain in both runs' });
  });

  it('checks no METG for a series with one usable worker', () => {
    const seq = (seed: number) => syntheticRun([{ backend: 'sequential', workers: 1, o: 2e-6, points: SWEEP, noise: 0.01, seed }]);
    expect(gateRuns(seq(1), seq(2)).checks.map((c) => c.metric)).toEqual(['overhead']);
  });
});

describe('the suite-level verdict', () => {
  const two = (o1: number, o2: number, seed: number) => syntheticRun([worker(o1, seed), { ...worker(o2, seed + 1), suite: 'fib' }]);

  it('is the geometric mean of the decided ratios, with an interval around it', () => {
    const result = gateRuns(two(40e-6, 30e-6, 1), two(44e-6, 30e-6, 11));
    const overhead = result.overall.find((s) => s.metric === 'overhead')!;
    const ratios = result.checks.filter((c) => c.metric === 'overhead').map((c) => 1 + c.change);
    expect(overhead.checks).toBe(2);
    expect(overhead.ratio).toBeCloseTo(Math.sqrt(ratios[0]! * ratios[1]!), 10);
    expect(overhead.ci95[0]).toBeLessThan(overhead.ratio);
    expect(overhead.ci95[1]).toBeGreaterThan(overhead.ratio);
    expect(result.overall.map((s) => s.metric)).toEqual(['overhead', 'metg']);
  });

  it('regresses when every series regressed by 50%, and passes when none changed', () => {
    const bad = gateRuns(two(40e-6, 30e-6, 1), two(60e-6, 45e-6, 11));
    expect(bad.overall.find((s) => s.metric === 'overhead')!.verdict).toBe('regressed');
    const same = gateRuns(two(40e-6, 30e-6, 1), two(40e-6, 30e-6, 11));
    expect(same.overall.find((s) => s.metric === 'overhead')!.verdict).toBe('pass');
  });
});

describe('the noise floor (A/A)', () => {
  it('is measured from four or more runs of one build, odd against even', () => {
    const runs = [1, 2, 3, 4].map((seed) => syntheticRun([worker(40e-6, seed, { noise: 0.05 })]));
    expect(noiseFloor(runs.slice(0, 3))).toBeNull();
    const floor = noiseFloor(runs)!;
    const noise = floor.checks.get('square|n=25|worker|2|overhead')!;
    expect(noise).toBeGreaterThan(0);
    expect(noise).toBeLessThan(0.2);
    expect(floor.overall.overhead).toBeGreaterThan(0);
  });

  it('is how far the two halves measured apart, |ratio − 1|, per check and at the suite level', () => {
    const runs = [1, 2, 3, 4].map((seed) => syntheticRun([worker(40e-6, seed, { noise: 0.2 })]));
    const halves = gateRuns([runs[0]!, runs[2]!], [runs[1]!, runs[3]!]);
    const floor = noiseFloor(runs)!;
    for (const c of halves.checks) expect(floor.checks.get(checkKey(c))).toBe(Math.abs(c.change));
    for (const s of halves.overall) expect(floor.overall[s.metric]).toBe(Math.abs(s.ratio - 1));
    // Not the reach of the A/A interval, which is wider.
    const o = halves.checks.find((c) => c.metric === 'overhead')!;
    expect(floor.checks.get(checkKey(o))).toBeLessThan(Math.max(o.changeCI[1], -o.changeCI[0]));
  });

  it('a threshold below it is reported rather than decided; a change far beyond it is still decided', () => {
    const key = checkKey({ suite: 'square', params: 'n=25', backend: 'worker', workers: 2, metric: 'overhead' });
    const noise: NoiseFloor = { checks: new Map([[key, 0.25]]), overall: {} };
    const base = syntheticRun([worker(40e-6, 1)]);
    const worse = syntheticRun([worker(46e-6, 2)]);
    expect(check(gateRuns(base, worse), 'overhead').verdict).toBe('regressed');
    const small = gateRuns(base, worse, { noise });
    expect(check(small, 'overhead')).toMatchObject({ verdict: 'inconclusive', note: "threshold +10% below this machine's noise (25%)", noise: 0.25 });
    const double = gateRuns(base, syntheticRun([worker(80e-6, 2)]), { noise });
    expect(check(double, 'overhead')).toMatchObject({ verdict: 'regressed', note: "beyond this machine's noise (25%)" });
  });
});

describe('machines and worker counts', () => {
  it('names what differs between the machines of the two sides', () => {
    const base = syntheticRun([worker(40e-6, 1)], { cpu: 'AMD EPYC' });
    expect(machineChanges([base], [syntheticRun([worker(40e-6, 2)], { cpu: 'AMD EPYC' })])).toEqual([]);
    expect(machineChanges([base], [syntheticRun([worker(40e-6, 2)], { cpu: 'Intel Xeon', node: '22.0.0' })])).toEqual([
      'CPU "AMD EPYC" → "Intel Xeon"',
      'Node / V8 "20.0.0 / 11" → "22.0.0 / 11"',
    ]);
  });

  it('says when single worker counts of a backend were paired across sides', () => {
    const result = gateRuns(syntheticRun([worker(40e-6, 1)]), syntheticRun([worker(40e-6, 2, { workers: 4 })], { cores: 4 }));
    expect(result.workerMismatches).toEqual(['square worker×2 → ×4']);
    expect(check(result, 'overhead').workers).toBe('2→4');
  });
});
