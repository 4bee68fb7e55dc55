/** Suite parameters through the config resolver: flags, config keys and bad values (exit 2 errors). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type RunRequest } from '../../src/config/load.js';
import { ParbenchError } from '../../src/errors.js';

const cwd = mkdtempSync(join(tmpdir(), 'parbench-params-'));
const resolve = (suites: string[], params: RunRequest['params'] = {}, configPath?: string) => resolveConfig({ suites, flags: {}, params, cwd, configPath });

function usageError(fn: () => unknown): ParbenchError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ParbenchError);
    expect((error as ParbenchError).exitCode).toBe(2);
    return error as ParbenchError;
  }
  throw new Error('no error');
}

describe('suite parameters', () => {
  it('"all" selects every suite, the new three included', () => {
    expect(resolve(['all']).suites).toEqual(['fib', 'square', 'primes', 'spmm', 'hull']);
  });

  it('fills defaults and takes flags', () => {
    const config = resolve(['primes', 'spmm', 'hull'], { limit: '1000', split: 'balanced', k: '4', rowlen: 'power-law', shape: 'circle' });
    expect(config.suiteParams.primes).toEqual({ limit: 1000, split: 'balanced' });
    expect(config.suiteParams.spmm).toEqual({ size: 2000, density: 0.01, rowlen: 'power-law', k: 4, matrix: null });
    expect(config.suiteParams.hull).toEqual({ points: 10_000, shape: 'circle' });
  });

  it('takes suiteParams from the config file', () => {
    const file = join(cwd, 'c.json');
    writeFileSync(file, JSON.stringify({ suiteParams: { spmm: { density: 0.5, size: 10 }, hull: { points: 7 } } }));
    const config = resolve(['spmm', 'hull'], {}, file);
    expect(config.suiteParams.spmm).toMatchObject({ density: 0.5, size: 10 });
    expect(config.suiteParams.hull).toMatchObject({ points: 7 });
  });

  it('rejects negative sizes', () => {
    expect(usageError(() => resolve(['primes'], { limit: '-5' })).message).toBe('primes --limit: -5 is out of range (allowed: 1 to 100000000)');
    expect(usageError(() => resolve(['spmm'], { size: '-1' })).message).toMatch(/^spmm --size: -1 is out of range/);
    expect(usageError(() => resolve(['hull'], { points: '-10' })).message).toMatch(/^hull --points: -10 is out of range/);
  });

  it('rejects a density outside (0, 1]', () => {
    expect(usageError(() => resolve(['spmm'], { density: '0' })).message).toBe('spmm --density: 0 is outside (0, 1] (allowed: 0 < density <= 1)');
    expect(usageError(() => resolve(['spmm'], { density: '1.5' })).message).toMatch(/^spmm --density: 1.5 is out of range/);
  });

  it('rejects a malformed .mtx file, naming the line', () => {
    const path = fileURLToPath(new URL('../fixtures/malformed.mtx', import.meta.url));
    expect(usageError(() => resolve(['spmm'], { matrix: path })).message).toBe(`spmm --matrix: ${path} line 4: expected 3 fields (row col value), got 2`);
  });

  it('rejects a bad choice', () => {
    expect(usageError(() => resolve(['primes'], { split: 'even' })).message).toBe('primes --split: "even" is not allowed (allowed: width, balanced)');
  });
});
