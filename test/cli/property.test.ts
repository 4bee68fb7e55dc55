// Issue 14, "done when": random strings and numbers to every flag of `run` and every key of the config
// file give exit 0 or 2, and on 2 exactly one line on stderr, printable, without a stack trace. The
// command line is parsed in this process by the program the binary runs (program.ts), with the run
// command's action cut short after the configuration is resolved (nothing is measured); a handful of
// the same command lines then go through the binary itself, which must print the same line.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { program, runCli } from '../../src/cli/program.js';
import { runRequest } from '../../src/cli/run-command.js';
import { resolveConfig } from '../../src/config/load.js';
import { configKeys, MAX_TIMEOUT_SECONDS, MAX_WORKERS, type ResolvedConfig } from '../../src/config/config-schema.js';
import { suites } from '../../suites/index.js';
import { MAIN, tempDir } from './cli.js';
import { writeJson } from '../helpers/cli.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

/** Values a hostile user types: any text, numbers of every kind as text, and the usual suspects. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt().map(String),
  fc.array(fc.oneof(fc.double({ min: -20, max: 20 }).map(String), fc.nat(3000).map(String)), { maxLength: 4 }).map((a) => a.join(',')),
  fc.constantFrom('', ' ', ',', ',,', '1e400', '-1e400', '1e-400', '-0', 'NaN', 'Infinity', '0x10', '5%', '1e400%', 'off', 'auto', 'all', '1,1', '9007199254740993', '1e-5,1e-5', '60s', '1e400h', '\n', '\u0000', '--help'),
);

/** A number a JSON file can hold, and the ones only its text can (1e400 parses to Infinity). */
const jsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => JSON.stringify(v)),
  fc.constantFrom('1e400', '-1e400', '1e-400', '-0', 'null', '[]', '{}', '""', '[1e400]', '[0]', '[1e-5,1e-5]', '"auto"', '["all"]', '0.5', '4294967296'),
);

interface Outcome {
  code: number;
  stderr: string;
  config?: ResolvedConfig;
}

/** The command line through the binary's program, `run` stopping once its configuration is resolved. */
async function parse(argv: string[]): Promise<Outcome> {
  const root = program();
  const run = root.commands.find((c) => c.name() === 'run')! as Command;
  let config: ResolvedConfig | undefined;
  run.action((suitesArg: string | undefined, opts: Record<string, string | boolean | undefined>) => {
    config = resolveConfig(runRequest(run, suitesArg, opts));
  });
  let stderr = '';
  const spies = [
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)),
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
  ];
  try {
    const code = await runCli(argv, root);
    return { code, stderr, ...(config ? { config } : {}) };
  } finally {
    for (const spy of spies) spy.mockRestore();
    process.exitCode = undefined;
  }
}

/**
 * Exit 0 with a sane configuration, or exit 2 with one printable line and no stack trace. `gate` may also
 * exit 3: valid flags that leave its checks inconclusive (e.g. --max-regression 0 against the same run).
 */
function expectClean(outcome: Outcome, argv: string[]): void {
  const shown = JSON.stringify(argv);
  expect(argv[0] === 'gate' ? [0, 2, 3] : [0, 2], shown).toContain(outcome.code);
  if (outcome.code === 2) {
    expect(outcome.stderr, shown).toMatch(/^parbench: [^\n]+\n$/);
    expect(outcome.stderr.slice(0, -1), shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(outcome.stderr, shown).not.toMatch(/\n\s+at |internal error/);
  }
  if (outcome.config) expectSane(outcome.config, shown);
}

/** Every number finite and in range, lists non-empty and without repeats. */
function expectSane(config: ResolvedConfig, shown: string): void {
  const finite = (v: unknown) => typeof v !== 'number' || Number.isFinite(v);
  expect(JSON.stringify(config, (_k, v) => (finite(v) ? v : `not finite: ${v}`)), shown).not.toContain('not finite');
  expect(config.suites.length * config.backends.length * config.grains.length * config.workers.length, shown).toBeGreaterThan(0);
  expect(new Set(config.grains).size, shown).toBe(config.grains.length);
  expect(config.grains.every((g) => g > 0 && g <= 10), shown).toBe(true);
  expect(config.workers.every((w) => Number.isInteger(w) && w >= 1 && w <= MAX_WORKERS), shown).toBe(true);
  for (const t of [config.taskTimeoutSeconds, config.startupTimeoutSeconds]) expect(t >= 0 && t <= MAX_TIMEOUT_SECONDS, shown).toBe(true);
  for (const [suite, values] of Object.entries(config.suiteParams)) {
    for (const spec of suites.find((s) => s.name === suite)!.params) {
      const value = values[spec.name];
      if (spec.type === 'integer' || spec.type === 'number') expect(typeof value === 'number' && value >= spec.min && value <= spec.max, shown).toBe(true);
      else expect(value === null || (typeof value === 'string' && value !== ''), shown).toBe(true);
    }
  }
}

const runFlags = () => {
  const run = program().commands.find((c) => c.name() === 'run')!;
  return run.options.map((o) => ({ flag: o.long!, takesValue: o.required || o.optional }));
};

/** `run`, maybe a suites argument, then some of its flags with random values. */
const runArgv = fc
  .tuple(
    fc.option(fc.oneof(fc.constantFrom('fib', 'square', 'primes', 'spmm', 'hull', 'all', 'fib,hull', ''), text), { nil: undefined }),
    fc.array(fc.tuple(fc.constantFrom(...runFlags()), text), { minLength: 1, maxLength: 4 }),
  )
  .map(([suite, flags]) => ['run', ...(suite === undefined ? [] : [suite]), ...flags.flatMap(([{ flag, takesValue }, value]) => (takesValue ? [flag, value] : [flag]))]);

/** A config file: some keys (and suite parameters, and gate thresholds) with random JSON values. */
const configText = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...configKeys.filter((k) => k !== 'suiteParams' && k !== 'gate'), 'nosuchkey'), jsonText), { maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom(...suites.map((s) => s.name), 'nosuite'), fc.constantFrom(...suites.flatMap((s) => s.params.map((p) => p.name)), 'nosuchparam'), jsonText), { maxLength: 3 }),
    fc.array(fc.tuple(fc.constantFrom('maxRegression', 'maxOverheadRegression', 'maxMetgRegression', 'minOverheadSeconds', 'nosuchgate'), jsonText), { maxLength: 2 }),
  )
  .map(([keys, params, gate]) => {
    const entries = keys.map(([k, v]) => `"${k}": ${v}`);
    if (params.length > 0) {
      const bySuite = new Map<string, string[]>();
      for (const [suite, name, v] of params) bySuite.set(suite, [...(bySuite.get(suite) ?? []), `"${name}": ${v}`]);
      entries.push(`"suiteParams": {${[...bySuite].map(([suite, values]) => `"${suite}": {${values.join(', ')}}`).join(', ')}}`);
    }
    if (gate.length > 0) entries.push(`"gate": {${gate.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`);
    return `{${entries.join(', ')}}`;
  });

describe('every flag and every config key, given random values', () => {
  afterEach(() => vi.restoreAllMocks());

  it('run flags: exit 0 with a sane configuration, or exit 2 with one line', async () => {
    await fc.assert(
      fc.asyncProperty(runArgv, async (argv) => expectClean(await parse(argv), argv)),
      { numRuns: 400 },
    );
  });

  it('config keys: exit 0 with a sane configuration, or exit 2 with one line', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(configText, fc.constantFrom('fib', 'all', 'spmm,hull'), async (file, suite) => {
        const path = join(dir, `c${n++}.json`);
        writeFileSync(path, file);
        const argv = ['run', suite, '-c', path];
        expectClean(await parse(argv), [...argv, file]);
      }),
      { numRuns: 400 },
    );
  });

  it('the analysis commands\' flags (report, compare, gate, baseline save): exit 0 or 2 (gate: or 3), one line on 2', async () => {
    // In a directory of its own holding one run and a baseline of it, so that random paths stay there.
    const dir = tempDir();
    writeJson(join(dir, 'results/runs/r1/run.json'), syntheticRun([{ backend: 'worker', workers: 2, o: 4e-5, c: 1e-3, points: SWEEP, noise: 0.02, seed: 1 }], { id: 'r1' }));
    const home = process.cwd();
    process.chdir(dir);
    try {
      expect((await parse(['baseline', 'save', 'r1'])).code).toBe(0);
      // Every flag of the command but --help and --open (which would start the browser BROWSER names).
      const flags = (name: string) => program().commands.find((c) => c.name() === name)!.options.map((o) => o.long!).filter((f) => f !== '--help' && f !== '--open');
      const command = fc.oneof(
        fc.tuple(fc.constantFrom('report', 'gate'), fc.subarray(['r1'])),
        fc.tuple(fc.constant('compare'), fc.constant(['r1', 'r1'])),
      );
      // Some of the command's own flags (taken in turn from a random start), each with a random value.
      const argv = fc.tuple(command, fc.array(text, { minLength: 1, maxLength: 3 }), fc.nat()).map(([[name, runs], values, start]) => {
        const own = flags(name);
        return [name, ...runs, ...values.flatMap((value, i) => [own[(start + i) % own.length]!, value])];
      });
      const save = fc.tuple(text, fc.constantFrom('--out', '--runs', '--config')).map(([value, flag]) => ['baseline', 'save', 'r1', flag, value]);
      await fc.assert(
        fc.asyncProperty(fc.oneof(argv, save), async (args) => {
          const outcome = await parse(args);
          expectClean(outcome, args);
        }),
        { numRuns: 300 },
      );
    } finally {
      process.chdir(home);
    }
  });

  it('the binary prints the same line, and measures nothing where the configuration is good', async () => {
    // An output directory that cannot be made ends a good configuration with exit 2 before anything runs.
    const argvs = fc.sample(runArgv.filter((argv) => !argv.includes('--out') && !argv.includes('--help') && argv.every((a) => !a.includes('\u0000'))), { numRuns: 6, seed: 14 });
    for (const argv of argvs) {
      const inProcess = await parse(argv);
      const full = [...argv, '--out', '/proc/parbench-property/out'];
      const binary = spawnSync(process.execPath, [MAIN, ...full], { encoding: 'utf8', cwd: tempDir(), env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
      expect(binary.status, JSON.stringify(full)).toBe(2);
      expect(binary.stderr, JSON.stringify(full)).toMatch(/^parbench: [^\n]+\n$/);
      if (inProcess.code === 2) expect(binary.stderr, JSON.stringify(full)).toBe(inProcess.stderr);
      else expect(binary.stderr).toBe('parbench: cannot write /proc/parbench-property/out: cannot create /proc/parbench-property: no such file or directory (ENOENT)\n');
    }
  });
});
