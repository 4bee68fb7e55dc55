import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUNS_DIR, latestRunPath, loadRun, runPath, runsDirectory } from '../../src/record/index.js';
import { tempDir } from '../cli/cli.js';
import { validRun } from '../helpers/damaged.js';
import { writeJson } from '../helpers/cli.js';

function runsHere(): string {
  const runs = join(tempDir(), 'runs');
  for (const id of ['2026-01-01_00-00-00-aaaa', '2026-02-01_00-00-00-bbbb']) writeJson(join(runs, id, 'run.json'), { ...validRun(), id });
  mkdirSync(join(runs, '2026-03-01_00-00-00-empty'));
  return runs;
}

describe('locating runs', () => {
  it('finds the latest run that holds a run.json', () => {
    const runs = runsHere();
    expect(latestRunPath(runs)).toBe(join(runs, '2026-02-01_00-00-00-bbbb', 'run.json'));
    expect(loadRun(undefined, runs).record.id).toBe('2026-02-01_00-00-00-bbbb');
  });

  it('finds a run by id, by run directory and by run.json path', () => {
    const runs = runsHere();
    const file = join(runs, '2026-01-01_00-00-00-aaaa', 'run.json');
    expect(runPath('2026-01-01_00-00-00-aaaa', runs)).toBe(file);
    expect(runPath(join(runs, '2026-01-01_00-00-00-aaaa'), runs)).toBe(file);
    expect(runPath(file, runs)).toBe(file);
  });

  it('looks in the runs directory only when the run is not a path', () => {
    const runs = runsHere();
    const file = join(runs, '2026-01-01_00-00-00-aaaa', 'run.json');
    const never = () => {
      throw new Error('runs directory consulted');
    };
    expect(runPath(file, never)).toBe(file);
    expect(runPath('2026-01-01_00-00-00-aaaa', () => runs)).toBe(file);
  });

  it('says where it looked when a run is not found, and when there are no runs', () => {
    const runs = runsHere();
    expect(() => runPath('nope', runs)).toThrow(new RegExp(`^no run "nope" \\(looked for .*nope, .*nope/run\\.json, ${runs}/nope/run\\.json\\)$`));
    const empty = join(tempDir(), 'none');
    expect(() => latestRunPath(empty)).toThrow(`no runs in ${empty} (make one with "parbench run", or name a run)`);
  });

  // Found by the CLI property test: `report --runs` naming a file (a baseline written a moment before) was an internal error.
  it('refuses a runs directory that is a file with one line (RUNS_DIR_UNUSABLE, exit 2)', () => {
    const file = join(tempDir(), 'baseline.json');
    writeFileSync(file, '{}');
    expect(() => latestRunPath(file)).toThrow(expect.objectContaining({ code: 'RUNS_DIR_UNUSABLE', message: `cannot list runs in ${file}: it is a file, not a directory (give the directory runs are written to, or name a run)` }));
  });

  it('takes the runs directory from --runs, else the configuration\'s outputDir, else results/runs', () => {
    const cwd = tempDir();
    expect(runsDirectory({ cwd })).toBe(join(cwd, DEFAULT_RUNS_DIR));
    writeFileSync(join(cwd, 'bench.config.json'), JSON.stringify({ outputDir: 'out/runs' }));
    expect(runsDirectory({ cwd })).toBe(join(cwd, 'out/runs'));
    expect(runsDirectory({ cwd, runs: 'flag' })).toBe(join(cwd, 'flag'));
    writeFileSync(join(cwd, 'other.json'), JSON.stringify({ outputDir: '/abs/runs' }));
    expect(runsDirectory({ cwd, config: 'other.json' })).toBe('/abs/runs');
    writeFileSync(join(cwd, 'gate-only.json'), JSON.stringify({ gate: { maxRegression: 0.2 } }));
    expect(runsDirectory({ cwd, config: 'gate-only.json' })).toBe(join(cwd, DEFAULT_RUNS_DIR));
    expect(() => runsDirectory({ cwd, config: 'missing.json' })).toThrow(/cannot read config .*missing\.json: no such file or directory \(ENOENT\)/);
  });
});
