/** The programmatic API: each command is a function from options to a typed result, no printing. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, gate, gateThresholds, isParbenchError, report, saveBaseline } from '../../src/index.js';
import { writeJson } from '../helpers/cli.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';
import { tempDir } from '../cli/cli.js';
import { resolveConfig } from '../../src/config/load.js';
import { startWarnings } from '../../src/api/run.js';

/** A runs directory with a baseline-worthy run `base` and a run `current` whose per-task overhead is `o` seconds. */
function runs(o: number): string {
  const dir = tempDir();
  const base = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, c: 1e-3, points: SWEEP, noise: 0.03, seed: 1 }], { id: 'base' });
  const current = syntheticRun([{ backend: 'worker', workers: 2, o, c: 1e-3, points: SWEEP, noise: 0.03, seed: 2 }], { id: 'current' });
  writeJson(join(dir, 'runs/base/run.json'), base);
  writeJson(join(dir, 'runs/current/run.json'), current);
  return dir;
}

function thrown(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (error) {
    if (isParbenchError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a ParbenchError');
}

describe('the API behind the analysis commands', () => {
  it('report: the latest run of a runs directory, with its analysis', () => {
    const dir = runs(40e-6);
    const result = report({ runsDir: join(dir, 'runs') });
    expect(result.record.id).toBe('current');
    expect(result.path).toBe(join(dir, 'runs/current/run.json'));
    expect(result.analysis.series.map((s) => `${s.backend}×${s.workers}`)).toEqual(['worker×2']);
  });

  it('report: a run named by id, and RUN_NOT_FOUND for an unknown one', () => {
    const dir = runs(40e-6);
    expect(report({ run: 'base', runsDir: join(dir, 'runs') }).record.id).toBe('base');
    expect(thrown(() => report({ run: 'nope', runsDir: join(dir, 'runs') })).code).toBe('RUN_NOT_FOUND');
  });

  it('compare: B against A on the series they share, and NOTHING_TO_COMPARE for one run', () => {
    const dir = runs(40e-6);
    const view = compare({ runs: ['base', 'current'], runsDir: join(dir, 'runs') });
    expect(view.runs.map((r) => `${r.label} ${r.id}`)).toEqual(['A base', 'B current']);
    expect(view.comparisons).toHaveLength(1);
    expect(view.comparisons[0]!.series.map((s) => s.backend)).toEqual(['worker']);
    expect(thrown(() => compare({ runs: ['base'], runsDir: join(dir, 'runs') }))).toEqual({
      code: 'NOTHING_TO_COMPARE',
      message: 'nothing to compare: give at least two runs (got 1)',
    });
  });

  it('saveBaseline then gate: a 50% overhead regression fails, no regression passes', () => {
    const dir = runs(60e-6);
    const out = join(dir, 'baseline.json');
    const saved = saveBaseline({ runs: ['base'], runsDir: join(dir, 'runs'), out });
    expect(saved.path).toBe(out);
    expect(saved.baseline.runs.map((r) => r.id)).toEqual(['base']);
    expect(existsSync(`${out}.tmp`)).toBe(false);
    expect(JSON.parse(readFileSync(out, 'utf8')).schema).toBe('parbench.baseline/1');
    const outcome = gate({ runs: ['current'], baseline: out, runsDir: join(dir, 'runs'), cwd: dir });
    expect(outcome.baseline).toEqual(['base']);
    expect(outcome.runs).toEqual(['current']);
    expect(outcome.status).toBe('regressed');
    expect(outcome.checks.find((c) => c.metric === 'overhead')?.verdict).toBe('regressed');
    expect(outcome.incomplete).toEqual([]);
    const same = gate({ runs: ['base'], baseline: out, runsDir: join(dir, 'runs'), cwd: dir });
    expect(same.status).toBe('pass');
  });

  it('gate: thresholds from the argument, else the configuration, else 10%', () => {
    const dir = tempDir();
    expect(gateThresholds(undefined, undefined, dir)).toEqual({ overhead: 0.1, metg: 0.1, minOverheadSeconds: 1e-6 });
    expect(gateThresholds(0.25, undefined, dir)).toEqual({ overhead: 0.25, metg: 0.25, minOverheadSeconds: 1e-6 });
    writeJson(join(dir, 'bench.config.json'), { gate: { maxRegression: 0.2, maxMetgRegression: 0.3 } });
    expect(gateThresholds(undefined, undefined, dir)).toEqual({ overhead: 0.2, metg: 0.3, minOverheadSeconds: 1e-6 });
  });

  it('saveBaseline refuses a run that did not complete, naming its file', () => {
    const dir = tempDir();
    const partial = syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP }], { id: 'partial' });
    partial.status = 'interrupted';
    writeJson(join(dir, 'runs/partial/run.json'), partial);
    const error = thrown(() => saveBaseline({ runs: ['partial'], runsDir: join(dir, 'runs'), out: join(dir, 'b.json') }));
    expect(error.code).toBe('BAD_RUN');
    expect(error.message).toBe(`not a usable run record: ${join(dir, 'runs/partial/run.json')}: status is "interrupted"; a baseline needs a completed run`);
  });
});

// Issue 14, smaller item: workers beyond the available parallelism are said before the run starts.
describe('startWarnings', () => {
  const config = (workers: number[], backends: string[]) => ({ ...resolveConfig({ suites: ['fib'], flags: {}, params: {}, cwd: tempDir() }), workers, backends });

  it('warns once about the worker counts beyond the cores when a parallel backend runs', () => {
    expect(startWarnings(config([1, 2, 3, 300], ['sequential', 'worker']), 2)).toEqual([
      "--workers 3,300 is more than the 2 CPUs available here: each worker is a thread or process with its own copy of the suite's input, so expect oversubscription and more memory, not more speed-up",
    ]);
  });

  it('says nothing within the cores, or when only one-worker backends run', () => {
    expect(startWarnings(config([1, 2], ['worker']), 2)).toEqual([]);
    expect(startWarnings(config([300], ['sequential']), 2)).toEqual([]);
  });
});
