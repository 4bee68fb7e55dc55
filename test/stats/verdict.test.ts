import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/index.js';
import { analyzeRun } from '../../src/stats/analyze.js';
import { isInProcess, suiteVerdicts } from '../../src/stats/verdict.js';
import { FIXTURES } from '../helpers/cli.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

const TWO = JSON.parse(readFileSync(join(FIXTURES, 'run-two-cores.json'), 'utf8')) as RunRecord;

/** The median T_par run.json holds for a point. */
function tPar(record: RunRecord, suite: string, backend: string, target: number): number {
  return record.points.find((p) => p.suite === suite && p.backend === backend && p.grain.target === target)!.parallel!.summary.median;
}

describe('suiteVerdicts', () => {
  it('orders backends best first: parallel by METG, the in-process sequential backend last', () => {
    const [fib, square] = suiteVerdicts(analyzeRun(TWO));
    expect(fib!.suite).toBe('fib');
    expect(fib!.params).toBe('n=10');
    expect(fib!.backends.map((b) => [b.label, b.metg?.bound, b.inProcess])).toEqual([
      ['worker×2', 'bracketed', false],
      ['process×2', 'above', false],
      ['sequential', 'below', true],
    ]);
    expect(square!.backends.map((b) => b.label)).toEqual(['worker×2', 'process×2', 'sequential']);
    const analysis = analyzeRun(TWO).series.find((s) => s.suite === 'fib' && s.backend === 'worker')!;
    expect(fib!.backends[0]!.metg).toEqual(analysis.metg);
    expect(fib!.backends[0]!.overhead).toEqual({ o: analysis.fit!.o, ci95: analysis.fit!.oCI });
  });

  it('names the fastest backend at each grain by the medians run.json holds, with the ratio to the next', () => {
    const [fib] = suiteVerdicts(analyzeRun(TWO));
    expect(fib!.fastest.map((w) => [w.target, w.fastest, w.next?.label])).toEqual([
      [1e-6, 'sequential', 'worker×2'],
      [1e-5, 'sequential', 'worker×2'],
      [3e-5, 'sequential', 'worker×2'],
      [1e-4, 'sequential', 'worker×2'],
      [1e-3, 'worker×2', 'sequential'],
    ]);
    const last = fib!.fastest[4]!;
    expect(last.tPar).toBe(tPar(TWO, 'fib', 'worker', 1e-3));
    expect(last.next!.tPar).toBe(tPar(TWO, 'fib', 'sequential', 1e-3));
    expect(last.next!.ratio).toBe(tPar(TWO, 'fib', 'sequential', 1e-3) / tPar(TWO, 'fib', 'worker', 1e-3));
    expect(last.next!.overlap).toBe(true);
    expect(fib!.fastest[0]!.next!.overlap).toBe(false);
  });

  it('compares backends only within one runtime', () => {
    const record = syntheticRun([
      { backend: 'worker', workers: 2, o: 40e-6, points: SWEEP },
      { backend: 'py-threads', workers: 2, o: 1e-6, points: SWEEP },
    ]);
    for (const p of record.points.filter((q) => q.backend === 'py-threads')) p.runtime = { implementation: 'CPython', python: '3.11.7', parsl: null };
    const [v] = suiteVerdicts(analyzeRun(record));
    expect(v!.fastest).toHaveLength(2 * SWEEP.length);
    expect(v!.fastest.map((w) => w.runtime)).toEqual([...SWEEP.map(() => null), ...SWEEP.map(() => 'CPython')]);
    expect(v!.fastest.every((w) => w.next === undefined)).toBe(true);
  });

  it('knows the in-process backends by name', () => {
    expect(['sequential', 'py-sequential', 'pypy-sequential', 'worker', 'py-threads', 'parsl-htex'].map(isInProcess)).toEqual([true, true, true, false, false, false]);
  });
});
