import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRun } from '../../src/record/index.js';
import { cli, writeJson } from '../helpers/cli.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';
import { tempDir } from './cli.js';

const run = (id: string) => syntheticRun([{ backend: 'worker', workers: 2, o: 40e-6, points: SWEEP, noise: 0.03 }], { id });

describe('the runs directory is the configured outputDir', () => {
  it('report finds a fresh run in the configured outputDir without --runs, and its run.json validates', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'bench.config.json'),
      JSON.stringify({ grains: [1e-5], repeats: 2, warmup: 0, backends: ['sequential', 'worker'], workers: [2], outputDir: 'out/runs', suiteParams: { fib: { n: 2 } } }),
    );
    expect(cli(['run'], cwd).code).toBe(0);
    const [id] = readdirSync(join(cwd, 'out/runs'));
    const record = readRun(join(cwd, 'out/runs', id!, 'run.json'));
    expect(record.points).toHaveLength(2);
    expect(readdirSync(join(cwd, 'out/runs', id!)).sort()).toEqual(['results.csv', 'run.json']);
    const r = cli(['report', '--format', 'json'], cwd);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe(id);
    expect(existsSync(join(cwd, 'results'))).toBe(false);
  });

  it('compare, gate and baseline save find runs there too; --runs and -c override', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bench.config.json'), JSON.stringify({ outputDir: 'out/runs' }));
    writeJson(join(cwd, 'out/runs/2026-01-01_00-00-00-aaaa/run.json'), run('a'));
    writeJson(join(cwd, 'out/runs/2026-02-01_00-00-00-bbbb/run.json'), run('b'));
    writeJson(join(cwd, 'elsewhere/2026-03-01_00-00-00-cccc/run.json'), run('c'));
    writeFileSync(join(cwd, 'other.json'), JSON.stringify({ outputDir: 'elsewhere' }));

    const compared = cli(['compare', '2026-01-01_00-00-00-aaaa', '2026-02-01_00-00-00-bbbb', '--format', 'json'], cwd);
    expect(compared.code).toBe(0);
    expect(JSON.parse(compared.stdout).runs.map((r: { id: string }) => r.id)).toEqual(['a', 'b']);

    expect(cli(['baseline', 'save'], cwd).code).toBe(0);
    const saved = JSON.parse(readFileSync(join(cwd, 'results/baseline.json'), 'utf8'));
    expect(saved.runs.map((r: { id: string }) => r.id)).toEqual(['b']);
    expect(saved.sources).toEqual(['out/runs/2026-02-01_00-00-00-bbbb/run.json']);

    const gated = cli(['gate', '--format', 'json'], cwd);
    expect(gated.code).toBe(0);
    expect(JSON.parse(gated.stdout).runs).toEqual(['b']);
    expect(JSON.parse(cli(['gate', '--format', 'json', '-c', 'other.json'], cwd).stdout).runs).toEqual(['c']);

    expect(JSON.parse(cli(['report', '--format', 'json', '--runs', 'elsewhere'], cwd).stdout).id).toBe('c');
    expect(JSON.parse(cli(['report', '--format', 'json', '-c', 'other.json'], cwd).stdout).id).toBe('c');
    expect(cli(['baseline', 'save', '-c', 'other.json', '-o', 'b.json'], cwd).code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'b.json'), 'utf8')).runs[0].id).toBe('c');
    const none = cli(['report', '--runs', 'nowhere'], cwd);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('parbench: no runs in nowhere (make one with "parbench run", or name a run)\n');
  });
});
