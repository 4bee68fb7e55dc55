import { describe, expect, it } from 'vitest';
import { BACKEND_SETTINGS, type RunRecord } from '../../src/record/index.js';
import { analyzeRun } from '../../src/stats/analyze.js';
import { suiteMarkdown } from '../../src/report/analysis-view.js';
import { toCsv } from '../../src/report/csv.js';
import { summarize } from '../../src/stats/summary.js';
import { suiteTable } from '../../src/report/table.js';
import { syntheticRun } from '../helpers/synthetic.js';

const CPYTHON = { implementation: 'CPython', python: '3.11.7', parsl: '2024.1.1' };

/** Node's worker and CPython's parsl-htex on three grains; CPython reached its own, different grains. */
function mixedRun(): RunRecord {
  const grains: [number, number][] = [[1e-5, 1000], [1e-4, 200], [1e-3, 100]];
  const record = syntheticRun([
    { backend: 'worker', workers: 2, o: 2e-6, points: grains },
    { backend: 'parsl-htex', workers: 2, o: 1e-3, points: grains },
  ]);
  const python = record.points.filter((p) => p.backend === 'parsl-htex');
  for (const p of python) p.runtime = CPYTHON;
  // 1e-5: CPython's smallest task is 38 µs (a floor); 1e-3: it reached 557 µs, off target.
  Object.assign(python[0]!.grain, { achieved: 38e-6, reachable: false, withinTolerance: false, tunedBy: 'floor' });
  Object.assign(python[2]!.grain, { achieved: 557e-6, withinTolerance: false });
  for (const p of python) {
    // The reference of a remote point is its own interpreter's: T_seq = achieved · N.
    const samples = p.sequential.samples.map(() => p.grain.achieved * p.tasks);
    p.sequential = { ...p.sequential, samples, summary: summarize(samples) };
  }
  return record;
}

describe('remote runtimes show their own achieved grain', () => {
  it('in the terminal table, as a column before their backends with the same markers', () => {
    expect(suiteTable(mixedRun(), 'square', { color: false }).split('\n')).toEqual([
      'square n=25 · per-task overhead and efficiency by grain (2 cores)',
      '┌───────────┬──────────┬───────┬───────────────────┬──────────┬───────────────────┐',
      '│ grain (s) │ achieved │ tasks │          worker×2 │  CPython │      parsl-htex×2 │',
      '│           │          │       │   overhead · eff. │ achieved │   overhead · eff. │',
      '├───────────┼──────────┼───────┼───────────────────┼──────────┼───────────────────┤',
      '│      1e-5 │   10 µs  │  1000 │      2 µs ·   83% │   38 µs* │      1 ms · 0.99% │',
      '│      1e-4 │  100 µs  │   200 │      2 µs ·   98% │  100 µs  │      1 ms ·  9.1% │',
      '│      1e-3 │    1 ms  │   100 │      2 µs ·  100% │  557 µs~ │      1 ms ·   50% │',
      '└───────────┴──────────┴───────┴───────────────────┴──────────┴───────────────────┘',
      'overhead = per-task overhead (min(W,cores)·T_par − T_seq)/N; eff. = efficiency T_seq/(min(W,cores)·T_par)',
      '* grain below the smallest task this suite can make; "achieved" is its floor',
      '~ achieved grain off target by more than 15%',
      '"CPython achieved": the grain CPython\'s own calibration reached; the columns after it are calibrated and referenced on CPython',
      `parsl-htex: ${BACKEND_SETTINGS['parsl-htex']}`,
    ]);
  });

  it('names the cluster a backend ran on and the cores its efficiency is taken against', () => {
    const record = mixedRun();
    for (const p of record.points.filter((p) => p.backend === 'parsl-htex')) {
      p.cluster = { address: 'tcp://127.0.0.1:8786', workers: 2, cores: 4, versions: { dask: '2026.8.0' } };
    }
    expect(suiteTable(record, 'square', { color: false }).split('\n').at(-1)).toBe(
      "parsl-htex ran on the cluster at tcp://127.0.0.1:8786 (2 workers, 4 cores as it reports them; dask 2026.8.0): W = 2, and efficiency and overhead use min(W, the cluster's 4 cores), not this machine's",
    );
  });

  it('keeps one achieved column when every backend runs on Node', () => {
    const record = mixedRun();
    record.points = record.points.filter((p) => p.backend === 'worker');
    expect(suiteTable(record, 'square', { color: false }).split('\n').slice(2, 6)).toEqual([
      '│ grain (s) │ achieved │ tasks │          worker×2 │',
      '│           │          │       │   overhead · eff. │',
      '├───────────┼──────────┼───────┼───────────────────┤',
      '│      1e-5 │   10 µs  │  1000 │      2 µs ·   83% │',
    ]);
  });

  it('in the Markdown view, with the same markers', () => {
    expect(suiteMarkdown(analyzeRun(mixedRun()), 'square').split('\n')).toEqual([
      '### square (n=25): per-task overhead · efficiency by grain',
      '',
      '| grain (s) | achieved | tasks | worker×2 | CPython achieved | parsl-htex×2 |',
      '| --- | --- | --- | --- | --- | --- |',
      '| 1e-5 | 10 µs | 1000 | 2 µs · 83% | 38 µs\\* | 972 µs · 3.8% |',
      '| 1e-4 | 100 µs | 200 | 2 µs · 98% | 100 µs | 1 ms · 9.1% |',
      '| 1e-3 | 1 ms | 100 | 2 µs · 100% | 557 µs\\~ | 1.44 ms · 28% |',
      '',
      '_\\* grain below the smallest task this suite can make; "achieved" is its floor_  ',
      '_\\~ achieved grain off target by more than 15%_',
    ]);
  });

  it('in results.csv, each row names its runtime', () => {
    const rows = toCsv(mixedRun()).trimEnd().split('\n');
    expect(rows[0]!.endsWith(',grain_achieved_s,grain_reachable,grain_within_tolerance,tuned_by,chunk,work,tasks,repeats,t_seq_median_s,t_par_median_s,t_par_mad_s,t_par_min_s,t_par_max_s,t_par_ci95_low_s,t_par_ci95_high_s,t_par_cv,t_par_outliers,startup_s,speedup,efficiency,overhead_per_task_s,tasks_per_s,verified,status,error,runtime,t_seq_inline_median_s,load_imbalance')).toBe(true);
    expect(rows.map((r) => r.split(',').slice(-3).join(','))).toEqual([
      'runtime,t_seq_inline_median_s,load_imbalance', 'node,,', 'node,,', 'node,,', 'CPython 3.11.7,,', 'CPython 3.11.7,,', 'CPython 3.11.7,,',
    ]);
    expect(rows[4]!.split(',')[6]).toBe('0.000038');
  });
});
