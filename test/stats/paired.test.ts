import { describe, expect, it } from 'vitest';
import { gateRuns } from '../../src/gate/gate-runs.js';
import type { RunRecord } from '../../src/record/index.js';
import { bootstrapPairedRuns, samePairedShape } from '../../src/stats/resample.js';
import { compareSeries } from '../../src/stats/series-comparison.js';
import { seriesOf } from '../../src/stats/series.js';
import { overheadOf } from '../../src/stats/analyze.js';
import { summarize } from '../../src/stats/summary.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

/** Four noisy runs (±30% on every sample, seeds apart) of one worker series. */
const noisy = (seed: number): RunRecord[] => [0, 1, 2, 3].map((i) => syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.3, seed: seed + i }], { id: `r${i}` }));

/** The run with every sample (sequential and parallel) times `factor`: the same moments, a build `factor` slower at everything. */
function slower(record: RunRecord, factor: number): RunRecord {
  const scale = (samples: number[]) => samples.map((x) => x * factor);
  return {
    ...record,
    points: record.points.map((p) => ({
      ...p,
      sequential: { ...p.sequential, samples: scale(p.sequential.samples), summary: summarize(scale(p.sequential.samples)) },
      parallel: { ...p.parallel!, samples: scale(p.parallel!.samples), summary: summarize(scale(p.parallel!.samples)) },
    })),
  };
}

const pointsOf = (runs: RunRecord[]) => runs.map((r) => seriesOf(r)[0]!.points);

describe('the paired bootstrap of two sides measured in lockstep', () => {
  it('draws the same rounds and repetitions on both sides: a side 1.3× slower at every moment gives the ratio 1.3 in every draw', () => {
    const a = noisy(1);
    const { a: drawsA, b: drawsB } = bootstrapPairedRuns(pointsOf(a), pointsOf(a.map((r) => slower(r, 1.3))), overheadOf, 200, 5);
    expect(drawsA).toHaveLength(200);
    for (let i = 0; i < 200; i++) expect(drawsB[i]! / drawsA[i]!).toBeCloseTo(1.3, 9);
  });

  it('compareSeries: the paired interval of that ratio has no width; resampled independently, the same data leaves ±30% noise in it', () => {
    const a = noisy(1);
    const b = a.map((r) => slower(r, 1.3));
    const [as, bs] = [a.map((r) => seriesOf(r)[0]!), b.map((r) => seriesOf(r)[0]!)];
    const paired = compareSeries(as, bs, { paired: true });
    expect(paired.pairedSamples).toBe(true);
    for (const metric of ['overhead', 'metg'] as const) {
      const m = paired.metrics.find((x) => x.metric === metric)!;
      expect(m.ci95[0]).toBeCloseTo(1.3, 9);
      expect(m.ci95[1]).toBeCloseTo(1.3, 9);
    }
    const independent = compareSeries(as, bs);
    expect(independent.pairedSamples).toBe(false);
    const o = independent.metrics.find((x) => x.metric === 'overhead')!;
    expect(o.ci95[1] - o.ci95[0]).toBeGreaterThan(0.1);
  });

  it('gateRuns: with `paired` the checks say so and their intervals are the exact +30%; without, the noise widens them', () => {
    const a = noisy(1);
    const b = a.map((r) => slower(r, 1.3));
    const paired = gateRuns(a, b, { paired: true });
    expect(paired.checks.map((c) => [c.metric, c.verdict, c.paired])).toEqual([
      ['overhead', 'regressed', true],
      ['metg', 'regressed', true],
    ]);
    for (const c of paired.checks) {
      expect(c.changeCI[0]).toBeCloseTo(0.3, 9);
      expect(c.changeCI[1]).toBeCloseTo(0.3, 9);
    }
    const independent = gateRuns(a, b);
    expect(independent.checks.every((c) => c.paired === undefined)).toBe(true);
    const o = independent.checks.find((c) => c.metric === 'overhead')!;
    expect(o.changeCI[1] - o.changeCI[0]).toBeGreaterThan(0.1);
  });

  it('falls back to independent resampling when the shapes differ (another count of runs, grains or samples)', () => {
    const a = noisy(1);
    const fewer = a.slice(0, 3).map((r) => slower(r, 1.3));
    expect(samePairedShape(pointsOf(a), pointsOf(fewer))).toBe(false);
    expect(() => bootstrapPairedRuns(pointsOf(a), pointsOf(fewer), overheadOf)).toThrow(RangeError);
    const shorter = a.map((r) => ({ ...r, points: r.points.map((p) => ({ ...p, parallel: { ...p.parallel!, samples: p.parallel!.samples.slice(1) } })) }));
    expect(samePairedShape(pointsOf(a), pointsOf(shorter))).toBe(false);
    const cmp = compareSeries(
      a.map((r) => seriesOf(r)[0]!),
      fewer.map((r) => seriesOf(r)[0]!),
      { paired: true },
    );
    expect(cmp.pairedSamples).toBe(false);
    expect(samePairedShape(pointsOf(a), pointsOf(a.map((r) => slower(r, 2))))).toBe(true);
  });
});
