/**
 * Resolving a run's configuration: built-in defaults ← bench.config.json ← flags, each layer validated,
 * then names resolved ("all"), workers resolved ("auto") and suite parameters checked against the suite.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { backendNames, findBackend } from '../backends/index.js';
import { excerpt, parbenchError } from '../errors.js';
import { findSuite, suiteNames, suites, type AnySuite, type ParamSpec } from '../../suites/index.js';
import { resolveClusters } from './cluster.js';
import { CONFIG_FILE, DEFAULT_CONFIG } from './defaults.js';
import { flagOf, runOptions } from './options.js';
import { parseInteger, parseList, parseNumber } from './parse.js';
import { MAX_CONFIG_BYTES, readRegularFile } from './read-file.js';
import { describeIssue, fileConfigSchema, type FileConfig, type ResolvedConfig } from './config-schema.js';

export interface RunRequest {
  /** Suites named on the command line (empty: the config's). */
  suites: string[];
  /** Raw flag values by commander attribute name. */
  flags: Record<string, string | undefined>;
  /** Raw suite parameter flags by parameter name (e.g. { n: "5" }). */
  params: Record<string, string | undefined>;
  /** --config path; otherwise ./bench.config.json when present. */
  configPath?: string | undefined;
  cwd?: string;
}

/**
 * Reads and checks one config file; any key may be missing. Throws CONFIG_UNREADABLE (exit 2) when the
 * file cannot be read, is not a regular file or is larger than MAX_CONFIG_BYTES, BAD_CONFIG (exit 2) when it is not JSON or a key is unknown or out of range.
 */
export function readConfigFile(path: string): Partial<FileConfig> {
  let text: string;
  try {
    text = readRegularFile(path, MAX_CONFIG_BYTES);
  } catch (error) {
    throw parbenchError('CONFIG_UNREADABLE', path, (error as Error).message);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw parbenchError('BAD_CONFIG', path, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = fileConfigSchema.partial().safeParse(data);
  if (!parsed.success) {
    throw parbenchError('BAD_CONFIG', path, describeIssue(parsed.error, (p) => `key "${p.join('.')}"`));
  }
  return parsed.data;
}

function flagLayer(flags: RunRequest['flags']): Partial<FileConfig> {
  const layer: Record<string, unknown> = {};
  for (const option of runOptions) {
    const text = flags[option.attribute];
    if (text === undefined) continue;
    layer[option.key] = option.parse(text, flagOf(option.key)!);
  }
  const parsed = fileConfigSchema.partial().safeParse(layer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw parbenchError('BAD_FLAG', flagOf(String(issue.path[0])) ?? String(issue.path[0]), issue.message);
  }
  return parsed.data;
}

/**
 * The suites named by `run`'s argument ("fib,square", "all"), items trimmed, empty items dropped.
 * Throws BAD_FLAG (exit 2) when the argument names none ("", ","), listing the suites allowed.
 */
export function suitesArgument(text: string): string[] {
  const names = parseList(text);
  if (names.length === 0) throw parbenchError('BAD_FLAG', 'suites', `${excerpt(text)} names no suite (allowed: ${[...suiteNames(), 'all'].join(', ')}, separated by commas)`);
  return names;
}

function resolveSuites(names: string[]): AnySuite[] {
  const expanded = names.flatMap((n) => (n === 'all' ? suiteNames() : [n]));
  return [...new Set(expanded)].map((name) => {
    const suite = findSuite(name);
    if (!suite) throw parbenchError('UNKNOWN_SUITE', name, [...suiteNames(), 'all']);
    return suite;
  });
}

function resolveBackends(names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (name === 'all') {
      out.push(...backendNames().filter((b) => findBackend(b)!.availability().available));
      continue;
    }
    const backend = findBackend(name);
    if (!backend) throw parbenchError('UNKNOWN_BACKEND', name, [...backendNames(), 'all']);
    const availability = backend.availability();
    if (!availability.available) throw parbenchError('BACKEND_UNAVAILABLE', name, availability.reason);
    out.push(name);
  }
  return [...new Set(out)];
}

function checkParam(suite: AnySuite, spec: ParamSpec, value: unknown): number | string | null {
  const bad = (detail: string) => parbenchError('BAD_PARAM', suite.name, spec.name, detail);
  switch (spec.type) {
    case 'integer':
    case 'number': {
      if (typeof value !== 'number') throw bad(`must be a number, got ${JSON.stringify(value)}`);
      if (!Number.isFinite(value)) throw bad(`must be a finite number, got ${value}`);
      if (spec.type === 'integer' && !Number.isInteger(value)) throw bad(`must be a whole number, got ${value}`);
      if (value < spec.min || value > spec.max) throw bad(`${value} is out of range (allowed: ${spec.min} to ${spec.max})`);
      return value;
    }
    case 'choice':
      if (typeof value !== 'string' || !spec.choices.includes(value)) {
        throw bad(`${JSON.stringify(value)} is not allowed (allowed: ${spec.choices.join(', ')})`);
      }
      return value;
    case 'string':
      if (value !== null && typeof value !== 'string') throw bad(`must be a string, got ${JSON.stringify(value)}`);
      if (value === '') throw bad('is empty (give a value, or leave it out)');
      return value;
  }
}

function parseParamFlag(spec: ParamSpec, text: string): number | string {
  const flag = `--${spec.name}`;
  if (spec.type === 'integer') return parseInteger(flag, text);
  if (spec.type === 'number') return parseNumber(flag, text);
  return text;
}

function resolveParams(
  selected: AnySuite[],
  fromConfig: FileConfig['suiteParams'],
  fromFlags: RunRequest['params'],
): ResolvedConfig['suiteParams'] {
  for (const [suiteName, values] of Object.entries(fromConfig)) {
    const suite = findSuite(suiteName);
    if (!suite) throw parbenchError('BAD_CONFIG', 'suiteParams', `unknown suite "${suiteName}" (allowed: ${suiteNames().join(', ')})`);
    for (const key of Object.keys(values)) {
      if (!suite.params.some((p) => p.name === key)) {
        throw parbenchError('BAD_CONFIG', `suiteParams.${suiteName}`, `unknown key "${key}" (allowed: ${suite.params.map((p) => p.name).join(', ')})`);
      }
    }
  }
  for (const [name, text] of Object.entries(fromFlags)) {
    if (text !== undefined && !selected.some((s) => s.params.some((p) => p.name === name))) {
      const takers = suites.filter((s) => s.params.some((p) => p.name === name)).map((s) => s.name);
      throw parbenchError('BAD_PARAM', selected.map((s) => s.name).join(','), name, `no selected suite takes it (taken by: ${takers.join(', ')})`);
    }
  }
  const out: ResolvedConfig['suiteParams'] = {};
  for (const suite of selected) {
    const values: Record<string, number | string | null> = {};
    for (const spec of suite.params) {
      const text = fromFlags[spec.name];
      // A key present in the config counts even when null: null is a value (refused where a number is due), not "absent".
      const inConfig = fromConfig[suite.name] !== undefined && Object.hasOwn(fromConfig[suite.name]!, spec.name);
      const raw = text !== undefined ? parseParamFlag(spec, text) : inConfig ? fromConfig[suite.name]![spec.name] : spec.default;
      values[spec.name] = checkParam(suite, spec, raw);
    }
    const problem = suite.checkParams?.(values);
    if (problem) throw parbenchError('BAD_PARAM', suite.name, problem.param, problem.detail);
    out[suite.name] = values;
  }
  return out;
}

/**
 * The configuration of a run: defaults ← config file (--config, else ./bench.config.json if present)
 * ← flags ← suites named on the command line. Expands "all" (backends: the available ones), "auto"
 * workers (os.availableParallelism()), sorts grains and workers ascending without repeats (as suites
 * and backends lose theirs) and makes outputDir absolute against `cwd`. A suite parameter set to null
 * in the file is a value (refused unless the parameter takes a string, where null means none), not a
 * fallback to its default; an empty string is refused. Throws, all exit 2: CONFIG_UNREADABLE or BAD_CONFIG for the file (and unknown suites
 * or keys under suiteParams); BAD_NUMBER or BAD_FLAG for a flag; UNKNOWN_SUITE, UNKNOWN_BACKEND,
 * BACKEND_UNAVAILABLE for a name; NO_BACKENDS when "all" finds none available; BAD_PARAM for a suite
 * parameter out of range, of the wrong type, or given to no selected suite; BAD_FLAG for an empty
 * `configPath`.
 */
export function resolveConfig(request: RunRequest): ResolvedConfig {
  const cwd = request.cwd ?? process.cwd();
  const implicit = resolve(cwd, CONFIG_FILE);
  if (request.configPath?.trim() === '') throw parbenchError('BAD_FLAG', '--config', 'is empty (give a configuration file, or leave the flag out)');
  const path = request.configPath !== undefined ? resolve(cwd, request.configPath) : existsSync(implicit) ? implicit : undefined;
  const merged: FileConfig = {
    ...DEFAULT_CONFIG,
    ...(path ? readConfigFile(path) : {}),
    ...flagLayer(request.flags),
  };
  if (request.suites.length > 0) merged.suites = request.suites;
  const selected = resolveSuites(merged.suites);
  const backends = resolveBackends(merged.backends);
  if (backends.length === 0) throw parbenchError('NO_BACKENDS', 'none of the selected backends is available');
  return {
    suites: selected.map((s) => s.name),
    backends,
    grains: [...new Set(merged.grains)].sort((a, b) => a - b),
    workers: merged.workers === 'auto' ? [availableParallelism()] : [...new Set(merged.workers)].sort((a, b) => a - b),
    repeats: merged.repeats,
    warmup: merged.warmup,
    outputDir: resolve(cwd, merged.outputDir),
    seed: merged.seed,
    taskTimeoutSeconds: merged.taskTimeoutSeconds,
    startupTimeoutSeconds: merged.startupTimeoutSeconds,
    minSampleSeconds: merged.minSampleSeconds,
    interleave: merged.interleave,
    precision: merged.precision,
    maxRepeats: Math.max(merged.maxRepeats, merged.repeats),
    timeBudgetSeconds: merged.timeBudgetSeconds,
    maxTasks: merged.maxTasks,
    suiteParams: resolveParams(selected, merged.suiteParams, request.params),
    ...(merged.injectOverheadSeconds ? { injectOverheadSeconds: merged.injectOverheadSeconds } : {}),
    ...clusterSettings(merged, backends, cwd),
    ...(merged.trace ? { trace: true as const } : {}),
  };
}

/** The clusters a run uses (resolveClusters) and whether its worker count was "auto"; {} without clusters. */
function clusterSettings(merged: FileConfig, backends: string[], cwd: string): Pick<ResolvedConfig, 'clusters' | 'workersAuto'> {
  const clusters = resolveClusters({ daskScheduler: merged.daskScheduler, rayAddress: merged.rayAddress, parslConfig: merged.parslConfig }, backends, cwd);
  if (Object.keys(clusters).length === 0) return {};
  return { clusters, ...(merged.workers === 'auto' ? { workersAuto: true } : {}) };
}
