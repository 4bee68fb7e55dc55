// `parbench profile`: the profile files are written and parse (.cpuprofile JSON with nodes and samples;
// .pstats loaded by pstats.Stats), the summary is printed, and bad input is one line and exit 2.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonDir, setupState, venvPython } from '../../src/backends/python/venv.js';
import { parbench, tempDir } from './cli.js';

const files = (dir: string, ext: string) => readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));

describe('parbench profile on a Node backend', () => {
  it('writes one .cpuprofile per thread, each JSON with nodes and samples, and prints the groups', () => {
    const out = join(tempDir(), 'prof');
    const { status, stdout, stderr } = parbench(['profile', 'square', '--backend', 'worker', '--grain', '1e-5', '--workers', '2', '--repeats', '2', '-o', out]);
    expect(stderr).toContain(`parbench: profiles in ${out}`);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^profile: square on worker ×2, grain 1e-5 \(achieved .+\), \d+ tasks, completed$/m);
    for (const group of ['kernel', 'dispatch', 'runtime', 'idle', 'harness']) expect(stdout).toMatch(new RegExp(`^  ${group} `, 'm'));
    const profiles = files(out, '.cpuprofile');
    // the main thread, the reference and calibration isolates, two pool threads
    expect(profiles.length).toBeGreaterThanOrEqual(4);
    for (const file of profiles) {
      const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: unknown[]; samples: unknown[] };
      expect(Array.isArray(profile.nodes) && profile.nodes.length > 0).toBe(true);
      expect(Array.isArray(profile.samples)).toBe(true);
    }
    const sources = profiles.map((f) => readFileSync(f, 'utf8'));
    expect(sources.filter((s) => s.includes('worker-entry.js') && !s.includes('reference-worker-entry.js'))).toHaveLength(2);
  });
});

describe('parbench profile, bad input', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown backend', ['--backend', 'nosuch', '--grain', '1e-6'], /^parbench: unknown backend "nosuch" \(allowed: sequential, worker, process, piscina, .*\)\n$/],
    ['a malformed grain', ['--backend', 'worker', '--grain', 'fast'], /^parbench: --grain: "fast" is not .*\n$/],
    ['a grain that is not positive', ['--backend', 'worker', '--grain', '-1'], /^parbench: --grain: grains must be positive seconds\n$/],
    ['two backends', ['--backend', 'worker,piscina', '--grain', '1e-6'], /^parbench: --backend: profile takes one backend, got 2 \(worker, piscina\)\n$/],
    ['two grains', ['--backend', 'worker', '--grain', '1e-6,1e-5'], /^parbench: --grain: profile takes one grain, got 2 .*\n$/],
    ['no grain', ['--backend', 'worker'], /^parbench: required option '-g, --grain <seconds>' not specified\n$/],
    ['a top of 0', ['--backend', 'worker', '--grain', '1e-6', '--top', '0'], /^parbench: --top: "0" is not a whole number of 1 or more\n$/],
    ['an unavailable worker count', ['--backend', 'worker', '--grain', '1e-6', '--workers', '0'], /^parbench: .*workers.*\n$/],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what} with one line and exit 2, writing nothing`, () => {
      const cwd = tempDir();
      const { status, stdout, stderr } = parbench(['profile', 'square', ...args, '-o', 'prof'], cwd);
      expect(stderr).toMatch(message);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(existsSync(join(cwd, 'prof'))).toBe(false);
    });
  }

  it('refuses an unknown suite naming the suites', () => {
    const { status, stderr } = parbench(['profile', 'nosuch', '--backend', 'worker', '--grain', '1e-6']);
    expect(stderr).toMatch(/^parbench: unknown suite "nosuch" \(allowed: fib, square, .*\)\n$/);
    expect(status).toBe(2);
  });
});

const python = setupState() !== null;

describe.skipIf(!python)('parbench profile on a Python backend (needs `parbench setup python`)', () => {
  it('writes .pstats per driver thread that pstats.Stats loads, and the lock acquire lines', () => {
    const out = join(tempDir(), 'prof');
    const { status, stdout } = parbench(['profile', 'fib', '--n', '4', '--backend', 'py-threads', '--grain', '1e-6', '--repeats', '2', '-o', out]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^lock acquire: /m);
    expect(stdout).toMatch(/^the driver's main thread alone \(as cProfile sees it\): /m);
    const pstats = files(out, '.pstats');
    expect(pstats.some((f) => /py-driver-\d+-\d+-_MainThread\.pstats$/.test(f))).toBe(true);
    const script = 'import pstats, sys\nfor p in sys.argv[1:]:\n    s = pstats.Stats(p)\n    assert s.total_calls > 0, p\nprint(len(sys.argv) - 1)';
    const loaded = spawnSync(venvPython(), ['-c', script, ...pstats], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: pythonDir() } });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim()).toBe(String(pstats.length));
  });
});
