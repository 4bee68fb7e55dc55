import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type RunRequest } from '../../src/config/load.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { ParbenchError } from '../../src/errors.js';
import { backendNames, backends } from '../../src/backends/index.js';

const empty = mkdtempSync(join(tmpdir(), 'parbench-config-'));

function resolveWith(request: Partial<RunRequest>, file?: unknown) {
  const cwd = mkdtempSync(join(tmpdir(), 'parbench-config-'));
  if (file !== undefined) writeFileSync(join(cwd, 'bench.config.json'), typeof file === 'string' ? file : JSON.stringify(file));
  return resolveConfig({ suites: [], flags: {}, params: {}, cwd, ...request });
}

function errorOf(fn: () => unknown): ParbenchError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ParbenchError);
    return error as ParbenchError;
  }
  throw new Error('expected an error');
}

describe('configuration', () => {
  it('the repository bench.config.json states the built-in defaults', () => {
    const file = JSON.parse(readFileSync(new URL('../../bench.config.json', import.meta.url), 'utf8'));
    expect(file).toEqual(DEFAULT_CONFIG);
  });

  it('resolves defaults: every available backend, available parallelism, suite parameter defaults', () => {
    const config = resolveConfig({ suites: [], flags: {}, params: {}, cwd: empty });
    expect(config.suites).toEqual(['fib']);
    expect(config.backends).toEqual(backends.filter((b) => b.availability().available).map((b) => b.name));
    expect(config.backends.slice(0, 4)).toEqual(['sequential', 'worker', 'process', 'piscina']);
    expect(config.workers).toEqual([availableParallelism()]);
    expect(config.grains).toEqual([1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3]);
    expect(config.suiteParams).toEqual({ fib: { n: 10 } });
    expect(config.outputDir).toBe(join(empty, 'results/runs'));
  });

  it('reads the schedule flags: precision as a percentage or a fraction, durations with units, off', () => {
    const pick = (c: ReturnType<typeof resolveWith>) => [c.precision, c.timeBudgetSeconds, c.maxRepeats, c.interleave];
    expect(pick(resolveWith({ flags: { precision: '2.5%', timeBudget: '2m', maxRepeats: '20', interleave: 'false' } }))).toEqual([0.025, 120, 20, false]);
    expect(pick(resolveWith({ flags: { precision: 'off', timeBudget: '90' } }))).toEqual([null, 90, 15, true]);
    expect(pick(resolveWith({ flags: { precision: '0.1', timeBudget: '500ms' } }))).toEqual([0.1, 0.5, 15, true]);
    // maxRepeats never below repeats
    expect(resolveWith({ flags: { repeats: '30' } }).maxRepeats).toBe(30);
  });

  it('layers flags over the file over the defaults, and expands "all"', () => {
    const config = resolveWith(
      { suites: ['all'], flags: { repeats: '7', grains: '1e-3,1e-5', workers: '2,1,2' }, params: { n: '3' } },
      { repeats: 2, warmup: 0, suiteParams: { square: { tile: 64 } } },
    );
    expect(config.suites).toEqual(['fib', 'square', 'primes', 'spmm', 'hull']);
    expect(config.repeats).toBe(7);
    expect(config.warmup).toBe(0);
    expect(config.grains).toEqual([1e-5, 1e-3]);
    expect(config.workers).toEqual([1, 2]);
    expect(config.suiteParams).toMatchObject({ fib: { n: 3 }, square: { n: 3, tile: 64 } });
  });

  it.each([
    [{ suites: ['fob'] }, 'unknown suite "fob" (allowed: fib, square, primes, spmm, hull, all)'],
    [{ flags: { backends: 'sequential,threads' } }, `unknown backend "threads" (allowed: ${[...backendNames(), 'all'].join(', ')})`],
    [{ flags: { repeats: '0' } }, '--repeats: must be a whole number from 1 to 10000'],
    [{ flags: { repeats: '3x' } }, '--repeats: "3x" is not a number'],
    [{ flags: { warmup: '1.5' } }, '--warmup: "1.5" is not a whole number'],
    [{ flags: { precision: '5x' } }, '--precision: "5x" is not a percentage such as 5%, a fraction such as 0.05, or "off"'],
    [{ flags: { precision: '150' } }, '--precision: "150" is not a percentage such as 5%, a fraction such as 0.05, or "off"'],
    [{ flags: { timeBudget: '1y' } }, '--time-budget: "1y" is not a duration such as 60s, 2m or 90 (seconds), or "off"'],
    [{ flags: { grains: '1e-3,,abc' } }, '--grains: "abc" is not a number'],
    [{ flags: { grains: '-1e-3' } }, '--grains: grains must be positive seconds'],
    [{ flags: { workers: '0' } }, '--workers: must be a whole number from 1 to 1024'],
    [{ params: { n: '99' } }, 'fib --n: 99 is out of range (allowed: 0 to 25)'],
    [{ params: { n: '-1' } }, 'fib --n: -1 is out of range (allowed: 0 to 25)'],
    [{ params: { tile: '8' } }, 'fib --tile: no selected suite takes it (taken by: square)'],
  ])('rejects %j with one usage line', (request, message) => {
    const error = errorOf(() => resolveWith(request as Partial<RunRequest>));
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(2);
  });

  it.each([
    [{ repeat: 3 }, 'unknown key "repeat" (allowed: suites, backends, grains, workers, repeats, warmup, outputDir, seed, taskTimeoutSeconds, startupTimeoutSeconds, minSampleSeconds, interleave, precision, maxRepeats, timeBudgetSeconds, maxTasks, daskScheduler, rayAddress, parslConfig, suiteParams, trace, gate)'],
    [{ repeats: 'five' }, 'key "repeats": must be a number'],
    [{ grains: [] }, 'key "grains": give at least one grain'],
    [{ suiteParams: { fib: { size: 3 } } }, 'unknown key "size" (allowed: n)'],
    [{ suiteParams: { fob: {} } }, 'unknown suite "fob" (allowed: fib, square, primes, spmm, hull)'],
    ['{ "repeats": ', 'not valid JSON'],
  ])('rejects config file %j naming the key', (file, message) => {
    const error = errorOf(() => resolveWith({}, file));
    expect(error.message).toContain(message);
    expect(error.exitCode).toBe(2);
  });

  // Issue 14, case 10: one rule for every numeric input — finite and in range; empty lists, empty paths
  // and nulls refused naming the key; duplicates removed.
  it.each([
    [{ flags: { taskTimeout: '1e400' } }, '--task-timeout: "1e400" is not a finite number (at most about 1.8e308)'],
    [{ flags: { taskTimeout: '1e9' } }, '--task-timeout: must be 0 (off) or more seconds, up to 604800'],
    [{ flags: { startupTimeout: '-1' } }, '--startup-timeout: must be 0 (off) or more seconds, up to 604800'],
    [{ flags: { timeBudget: '1e400h' } }, '--time-budget: "1e400h" is not a duration such as 60s, 2m or 90 (seconds), or "off"'],
    [{ flags: { timeBudget: '1e300' } }, '--time-budget: must be at most 31536000 seconds (a year), or null'],
    [{ flags: { precision: '1e400%' } }, '--precision: "1e400%" is not a percentage such as 5%, a fraction such as 0.05, or "off"'],
    [{ flags: { out: '' } }, '--out: must be a directory path, not empty'],
    [{ configPath: '' }, '--config: is empty (give a configuration file, or leave the flag out)'],
    [{ suites: ['spmm'], params: { density: '1e-20' } }, 'spmm --density: size 2000 at density 1e-20 makes no entries (allowed: at least 1, density >= 2.5e-7)'],
    [{ suites: ['spmm'], params: { matrix: '' } }, 'spmm --matrix: is empty (give a value, or leave it out)'],
  ])('case 10: refuses %j with one line naming the key', (request, message) => {
    const error = errorOf(() => resolveWith(request as Partial<RunRequest>));
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(2);
  });

  it.each([
    ['{"taskTimeoutSeconds": 1e400}', 'key "taskTimeoutSeconds": must be a number (a finite one)'],
    ['{"timeBudgetSeconds": 1e400}', 'key "timeBudgetSeconds": must be seconds, or null (a finite one)'],
    ['{"gate": {"minOverheadSeconds": 1e400}}', 'key "gate.minOverheadSeconds": must be a number (a finite one)'],
    ['{"suiteParams": {"fib": {"n": null}}}', 'fib --n: must be a number, got null'],
    ['{"suiteParams": {"spmm": {"density": 1e400}}, "suites": ["spmm"]}', 'spmm --density: must be a finite number, got Infinity'],
    ['{"suiteParams": {"hull": {"shape": null}}, "suites": ["hull"]}', 'hull --shape: null is not allowed (allowed: square, disc, circle)'],
    ['{"suites": []}', 'key "suites": give at least one suite'],
    ['{"backends": "all"}', 'key "backends": must be a list of backend names'],
    ['{"outputDir": ""}', 'key "outputDir": must be a directory path, not empty'],
  ])('case 10: refuses config file %s naming the key', (file, message) => {
    const error = errorOf(() => resolveWith({}, file));
    expect(error.message.replace(/^.*bench\.config\.json: /, '')).toBe(message);
    expect(error.exitCode).toBe(2);
  });

  it('case 10: removes repeated grains, as it does repeated workers, suites and backends', () => {
    const config = resolveWith({ suites: ['fib', 'fib'], flags: { grains: '1e-5,1e-5,0.00001,1e-4', workers: '2,1,2', backends: 'sequential,sequential' } });
    expect(config.grains).toEqual([1e-5, 1e-4]);
    expect(config.workers).toEqual([1, 2]);
    expect(config.suites).toEqual(['fib']);
    expect(config.backends).toEqual(['sequential']);
  });

  it('names a --config file that cannot be read', () => {
    const error = errorOf(() => resolveWith({ configPath: 'missing.json' }));
    expect(error.message).toMatch(/^cannot read config .*missing\.json: no such file or directory \(ENOENT\)$/);
  });
});
