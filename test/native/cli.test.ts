// The CLI with the native backends: unavailable (with the hint) until `parbench setup native` has built
// the drivers from the current sources, the set-up's own paths, and Node, Rust and Go backends verified
// side by side in one run (needs `parbench setup native` for the latter).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBuildState, nativeSourcesFingerprint } from '../../src/backends/native.js';
import { onlyRun, parbench, tempDir } from '../cli/cli.js';

const ready = (['rust', 'go'] as const).every((l) => nativeBuildState(l)?.sources === nativeSourcesFingerprint(l));

/** A native folder whose drivers are stand-ins, marked as built from `sources` (default: the current sources). */
function fakeNativeDir(sources?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'parbench-native-'));
  mkdirSync(join(dir, 'bin'));
  for (const language of ['rust', 'go'] as const) {
    writeFileSync(join(dir, 'bin', `parbench-${language}-driver`), '');
    writeFileSync(join(dir, `${language}.json`), JSON.stringify({ toolchain: `${language} 0.0`, sources: sources ?? nativeSourcesFingerprint(language) }));
  }
  return dir;
}

describe('without `parbench setup native`', () => {
  const missing = { PARBENCH_NATIVE: join(tmpdir(), 'parbench-no-such-native') };

  it('lists the native backends as unavailable, saying what to run', () => {
    const { stdout, status } = parbench(['list'], undefined, missing);
    expect(status).toBe(0);
    for (const name of ['rust-sequential', 'rust-rayon', 'rust-threads', 'go-sequential', 'go-goroutines', 'go-pool']) {
      expect(stdout).toMatch(new RegExp(`${name}\\s+unavailable .* — run \`parbench setup native\``));
    }
  });

  it('refuses a named native backend with one line and exit 2', () => {
    const { stderr, status } = parbench(['run', 'fib', '--n', '3', '--backends', 'rust-rayon'], undefined, missing);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe('parbench: backend "rust-rayon" is unavailable: run `parbench setup native`');
  });

  it('says so when the sources changed after the drivers were built', () => {
    const { stdout } = parbench(['list'], undefined, { PARBENCH_NATIVE: fakeNativeDir('0000000000000000') });
    expect(stdout).toMatch(/go-goroutines\s+unavailable .* — the Go driver's sources changed since it was built: run `parbench setup native`/);
  });
});

describe('parbench setup native', () => {
  it('keeps drivers built from the current sources', () => {
    const dir = fakeNativeDir();
    const { stdout, status } = parbench(['setup', 'native'], undefined, { PARBENCH_NATIVE: dir, PATH: '' });
    expect(status).toBe(0);
    expect(stdout).toBe(`Rust driver up to date (rust 0.0): ${dir}/bin/parbench-rust-driver\nGo driver up to date (go 0.0): ${dir}/bin/parbench-go-driver\n`);
  });

  it('fails with one line naming the language and step when a toolchain is missing, and marks nothing built', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parbench-native-'));
    const { stderr, status } = parbench(['setup', 'native'], undefined, { PARBENCH_NATIVE: dir, PATH: '' });
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(/^parbench: setup native: Rust: checking the compiler \(install Rust with rustup to build the Rust driver\): cannot run rustc: .*ENOENT$/);
    const { stdout } = parbench(['list'], undefined, { PARBENCH_NATIVE: dir });
    expect(stdout).toMatch(/rust-rayon\s+unavailable/);
    expect(stdout).toMatch(/go-pool\s+unavailable/);
  });
});

describe.skipIf(!ready)('with `parbench setup native`', () => {
  it('puts Node, Rust and Go backends in one verified table, each native point recording its runtime', () => {
    const out = tempDir();
    const backends = 'sequential,rust-sequential,rust-rayon,rust-threads,go-sequential,go-goroutines,go-pool';
    const { stderr, status } = parbench(['run', 'fib,hull', '--n', '6', '--points', '500', '--backends', backends, '--grains', '1e-5', '--repeats', '1', '--warmup', '0', '--workers', '2', '--out', out]);
    expect(stderr).not.toMatch(/failed|mismatch|skipped/i);
    expect(status).toBe(0);
    const { record } = onlyRun(out);
    expect(record.points.map((p) => `${p.suite} ${p.backend}`)).toEqual(['fib', 'hull'].flatMap((s) => backends.split(',').map((b) => `${s} ${b}`)));
    for (const point of record.points) {
      expect(point).toMatchObject({ status: 'completed', verified: true });
      if (point.backend.startsWith('rust-')) expect(point.runtime).toMatchObject({ implementation: 'Rust', libraries: { rayon: expect.stringMatching(/^\d+\.\d+\.\d+$/) } });
      else if (point.backend.startsWith('go-')) expect(point.runtime).toMatchObject({ implementation: 'Go', version: expect.stringMatching(/^go\d/) });
      else expect(point.runtime).toBeUndefined();
    }
  });

  it('runs spmm --matrix on the native backends, the path taken from where parbench was started', () => {
    const fixtures = new URL('../fixtures/', import.meta.url).pathname;
    const out = tempDir();
    const backends = 'sequential,rust-rayon,go-goroutines';
    const { stderr, status } = parbench(['run', 'spmm', '--matrix', 'skew-repeated.mtx', '--k', '2', '--backends', backends, '--grains', '1e-6', '--repeats', '1', '--warmup', '0', '--workers', '2', '--out', out], fixtures);
    expect(stderr).not.toMatch(/failed|mismatch/i);
    expect(status).toBe(0);
    for (const point of onlyRun(out).record.points) expect(point).toMatchObject({ status: 'completed', verified: true, params: { matrix: 'skew-repeated.mtx' } });
  });
});
