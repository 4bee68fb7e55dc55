import { describe, expect, it } from 'vitest';
import type { MachineProbe, RunRecord } from '../../src/record/index.js';
import { analyzeRun } from '../../src/stats/analyze.js';
import { summarize } from '../../src/stats/summary.js';
import { runWarnings } from '../../src/stats/warnings.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

const BUSY: MachineProbe = {
  durationSeconds: 0.2,
  loadAverage: [3.5, 2, 1],
  cores: 2,
  cpuBusy: 0.9,
  cpuSteal: 0.08,
  spin: { slices: 100, medianSeconds: 2e-3, robustCv: 0.02, maxOverMedian: 1.4 },
  verdict: 'busy',
  reasons: ['CPU steal 8% > 5%', 'other programs used 40% of the CPUs (> 25%)'],
};

/** Two backends on the same sweep, quiet: no warnings unless a test disturbs it. */
function quietRun(efficiency?: number[]): RunRecord {
  return syntheticRun([
    { backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, ...(efficiency ? { efficiency } : {}) },
    { backend: 'piscina', workers: 2, o: 20e-6, points: SWEEP },
  ]);
}

/** Makes point i's T_par robust CV `cv` (MAD set from the median). */
function makeNoisy(record: RunRecord, i: number, cv: number): void {
  const summary = record.points[i]!.parallel!.summary;
  summary.mad = (cv * summary.median) / 1.4826;
}

/** Gives point i an in-process reference `factor` times the isolate's, with a tight interval. */
function addInline(record: RunRecord, i: number, factor: number): void {
  const p = record.points[i]!;
  const samples = p.sequential.samples.map((s) => s * factor);
  p.sequentialInline = { samples, warmupSamples: [], loops: 1, summary: summarize(samples) };
}

describe('runWarnings', () => {
  it('says nothing about a quiet run', () => {
    const record = quietRun();
    addInline(record, 1, 1);
    expect(runWarnings(record)).toEqual([]);
  });

  it('aggregates impossible efficiencies into one line naming the worst point and what to do', () => {
    const efficiency = SWEEP.map((_, i) => (i === 4 ? 1.6 : i === 3 ? 1.2 : 0.9));
    const record = quietRun(efficiency);
    expect(runWarnings(record)).toEqual([
      {
        kind: 'impossible-efficiency',
        points: 2,
        text:
          '2 points show efficiency above 105% beyond its interval (max 160% on square worker×2 1e-4): the sequential reference was disturbed ' +
          "(load while it ran, or the main thread's JIT state), so these are not speed-ups; rerun on a quiet machine with more --repeats",
      },
    ]);
  });

  it('leaves out an efficiency above 105% whose interval reaches below it', () => {
    const efficiency = SWEEP.map((_, i) => (i === 4 ? 1.08 : 0.9));
    const record = quietRun(efficiency);
    const summary = record.points[4]!.parallel!.summary;
    summary.ci95 = [summary.ci95[0], summary.median * 1.1];
    expect(runWarnings(record)).toEqual([]);
  });

  it('warns about a busy machine with the probe\'s reasons', () => {
    const record = quietRun();
    record.probe = BUSY;
    expect(runWarnings(record).map((w) => w.text)).toEqual([
      'the machine was busy when the run started (CPU steal 8% > 5%; other programs used 40% of the CPUs (> 25%)): every figure carries that load; ' +
        'close other programs or rerun on a quiet machine before comparing these numbers',
    ]);
    expect(runWarnings({ ...record, probe: { ...BUSY, verdict: 'quiet', reasons: [] } })).toEqual([]);
  });

  it('lets references within 10% of each other agree, even when their intervals are apart', () => {
    const record = quietRun();
    const p = record.points[1]!;
    const steady = (median: number) => Array.from({ length: 10 }, () => median);
    p.sequential = { ...p.sequential, samples: steady(1e-3), summary: summarize(steady(1e-3)) };
    p.sequentialInline = { samples: steady(1.05e-3), warmupSamples: [], loops: 1, summary: summarize(steady(1.05e-3)) };
    expect(runWarnings(record).filter((w) => w.kind === 'references-disagree')).toEqual([]);
    p.sequentialInline = { samples: steady(1.2e-3), warmupSamples: [], loops: 1, summary: summarize(steady(1.2e-3)) };
    expect(runWarnings(record).filter((w) => w.kind === 'references-disagree').map((w) => w.points)).toEqual([1]);
  });

  it('counts a reference disagreement once per grain, however many backends share it', () => {
    const record = quietRun();
    addInline(record, 1, 1.5);
    addInline(record, SWEEP.length + 1, 1.5);
    expect(runWarnings(record)).toEqual([
      {
        kind: 'references-disagree',
        points: 1,
        text:
          'the in-process and isolate sequential references disagree beyond their intervals on 1 grain (in-process 1.50× the isolate on square 1e-6): ' +
          'efficiency is read against the isolate; the run held that suite alone, so load is the likelier cause: rerun on a quieter machine',
      },
    ]);
    // With another suite in the run, running the suite alone is the test to suggest.
    record.points.push({ ...record.points[0]!, suite: 'fib' });
    expect(runWarnings(record).find((w) => w.kind === 'references-disagree')!.text).toMatch(/to tell a polluted main thread from load, rerun the suite alone \(parbench run square\)$/);
  });

  it('aggregates noisy series and ranks the kinds: impossible, busy, references, noisy', () => {
    const efficiency = SWEEP.map((_, i) => (i === 4 ? 1.6 : 0.9));
    const record = quietRun(efficiency);
    record.probe = BUSY;
    addInline(record, 0, 0.5);
    makeNoisy(record, 2, 0.2);
    makeNoisy(record, SWEEP.length + 3, 0.3);
    const warnings = runWarnings(record);
    expect(warnings.map((w) => w.kind)).toEqual(['impossible-efficiency', 'busy-machine', 'references-disagree', 'noisy']);
    expect(warnings[3]!.text).toBe(
      '2 points have a noisy T_par (robust CV above 10%, max 30% on square piscina×2 3e-5): their overhead and efficiency are uncertain; ' +
        'rerun with more --repeats and --max-repeats on a quieter machine',
    );
  });

  it('says a noisy sequential reference once per grain, however many backends share it', () => {
    const record = quietRun();
    for (const i of [1, SWEEP.length + 1]) record.points[i]!.sequential.summary.mad = (0.25 * record.points[i]!.sequential.summary.median) / 1.4826;
    record.points[3]!.sequential.summary.mad = (0.15 * record.points[3]!.sequential.summary.median) / 1.4826;
    expect(runWarnings(record)).toEqual([
      {
        kind: 'noisy-reference',
        points: 2,
        text:
          'the sequential reference T_seq is noisy at 2 grains (robust CV above 10%, max 25% on square 1e-6): ' +
          "every backend's efficiency and overhead there inherit it; rerun with more --repeats on a quieter machine",
      },
    ]);
  });

  it('feeds the report: analyzeRun lists them first', () => {
    const efficiency = SWEEP.map((_, i) => (i === 4 ? 1.6 : 0.9));
    const record = quietRun(efficiency);
    record.probe = BUSY;
    const texts = runWarnings(record).map((w) => w.text);
    expect(analyzeRun(record).warnings.slice(0, 2)).toEqual(texts);
  });
});
