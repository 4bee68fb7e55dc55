import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, writeJson } from '../helpers/cli.js';
import { tempDir } from './cli.js';

const TWO = join(FIXTURES, 'run-two-cores.json');

describe('parbench report', () => {
  it('prints the per-suite tables, the summary and the warnings', () => {
    const r = cli(['report', TWO]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fib n=10 · per-task overhead and efficiency by grain/);
    expect(r.stdout).toMatch(/Summary · run 2026-11-26_12-05-46-28fa · 2 cores · METG\(50%\)/);
    expect(r.stdout).toMatch(/worker×2/);
  });

  it('gives json with METG at the threshold asked for', () => {
    const half = JSON.parse(cli(['report', TWO, '--format', 'json']).stdout);
    expect(half.metgThreshold).toBe(0.5);
    expect(half.series.map((s: { suite: string; backend: string }) => `${s.suite}/${s.backend}`)).toEqual([
      'fib/sequential', 'fib/worker', 'fib/process', 'square/sequential', 'square/worker', 'square/process',
    ]);
    const eighty = JSON.parse(cli(['report', TWO, '--format', 'json', '--metg', '0.8']).stdout);
    expect(eighty.metgThreshold).toBe(0.8);
    const worker = (a: { series: { suite: string; backend: string; metg: { grain: number } }[] }) => a.series.find((s) => s.suite === 'fib' && s.backend === 'worker')!.metg.grain;
    expect(worker(eighty)).toBeGreaterThan(worker(half));
  });

  it('writes csv and markdown', () => {
    const csv = cli(['report', TWO, '--format', 'csv']).stdout.trim().split('\n');
    expect(csv[0]).toMatch(/^run_id,suite,params,backend,workers,usable_workers,/);
    expect(csv).toHaveLength(7);
    const md = cli(['report', TWO, '--format', 'md']).stdout;
    expect(md).toMatch(/^## parbench report · run 2026-11-26_12-05-46-28fa/);
    expect(md).toMatch(/### Summary · METG\(50%\)/);
  });

  it('reports the latest run of the runs directory by default, or one named by id', () => {
    const dir = tempDir();
    const run = JSON.parse(readFileSync(TWO, 'utf8'));
    writeJson(join(dir, 'results/runs/2026-01-01_00-00-00-aaaa/run.json'), { ...run, id: 'older' });
    writeJson(join(dir, 'results/runs/2026-02-01_00-00-00-bbbb/run.json'), { ...run, id: 'newer' });
    expect(JSON.parse(cli(['report', '--format', 'json'], dir).stdout).id).toBe('newer');
    expect(JSON.parse(cli(['report', '2026-01-01_00-00-00-aaaa', '--format', 'json'], dir).stdout).id).toBe('older');
    expect(JSON.parse(cli(['report', 'results/runs/2026-01-01_00-00-00-aaaa', '--format', 'json'], dir).stdout).id).toBe('older');
  });

  it('exits 2 with one line for usage mistakes', () => {
    const dir = tempDir();
    const cases: [string[], RegExp][] = [
      [['report', TWO, '--format', 'xml'], /^parbench: --format: "xml" is not allowed \(allowed: table, md, csv, json\)\n$/],
      [['report', TWO, '--metg', '2'], /^parbench: --metg: "2" is ambiguous/],
      [['report', 'nope'], /^parbench: no run "nope" \(looked for /],
      [['report'], /^parbench: no runs in results\/runs/],
      [['report', writeJson(join(dir, 'bad.json'), { schema: 'parbench.run/0' })], /not a usable run record: .*bad\.json: schema is "parbench.run\/0", this parbench reads "parbench.run\/2" or "parbench.run\/1"/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
