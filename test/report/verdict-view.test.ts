import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/index.js';
import { conclusion, runVerdict, suiteVerdictBlock } from '../../src/report/verdict-view.js';
import { analyzeRun } from '../../src/stats/analyze.js';
import { suiteVerdicts } from '../../src/stats/verdict.js';
import { FIXTURES } from '../helpers/cli.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

const TWO = JSON.parse(readFileSync(join(FIXTURES, 'run-two-cores.json'), 'utf8')) as RunRecord;

describe('the verdict under run', () => {
  it('says per suite the conclusion, METG and overhead with intervals, and the fastest backend by grain', () => {
    const [fib] = suiteVerdicts(analyzeRun(TWO));
    expect(suiteVerdictBlock(fib!, { color: false }).split('\n')).toEqual([
      'fib n=10 · verdict (2 cores)',
      '  → worker×2 reaches 50% efficiency with the smallest tasks: from 168 µs per task',
      '  backend     METG(50%)  95% interval      per-task overhead o  95% interval',
      '  worker×2    168 µs     142 µs … 1.02 ms  37.7 µs              21.9 µs … 53.6 µs',
      '  process×2   > 1.02 ms  –                 93.9 µs              42 µs … 146 µs',
      '  sequential  < 1.05 µs  –                 274 ns               222 ns … 325 ns',
      '  fastest (median T_par)  1e-6 … 1e-4 s  sequential  1.2–14× faster than worker×2',
      '                          1e-3 s         worker×2    1.5× faster than sequential (intervals overlap: may be noise)',
    ]);
  });

  it('ends with at most three warnings, where the rest are, and the next command', () => {
    const warnings = ['one', 'two', 'three', 'four'];
    const text = runVerdict(suiteVerdicts(analyzeRun(TWO)), warnings, { color: false, run: 'results/runs/r1', limit: 3 });
    expect(text.split('\n').slice(-7)).toEqual([
      'Warnings:',
      '  ! one',
      '  ! two',
      '  ! three',
      '  (1 more: parbench report results/runs/r1)',
      '',
      'Next: parbench report --html results/runs/r1   (charts of overhead and efficiency against grain, in one HTML file)',
    ]);
    expect(text).toContain('square n=25 tile=256 · verdict (2 cores)');
  });

  it('concludes below and above the sweep, and says nothing without a parallel backend', () => {
    const verdict = (efficiency: number[], backend = 'worker') =>
      conclusion(suiteVerdicts(analyzeRun(syntheticRun([{ backend, workers: 2, o: 1e-6, points: SWEEP, efficiency }])))[0]!);
    expect(verdict(SWEEP.map(() => 0.9))).toBe('worker×2 runs at ≥ 50% efficiency even at the smallest grain (100 ns tasks)');
    expect(verdict(SWEEP.map(() => 0.2))).toBe('no parallel backend reaches 50% efficiency within the sweep (up to 1 ms tasks): add larger --grains');
    expect(verdict(SWEEP.map(() => 0.9), 'sequential')).toBeNull();
  });
});
