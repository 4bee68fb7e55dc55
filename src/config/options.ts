/**
 * The run options, one table tied to the config keys, so a flag and its key cannot drift apart.
 * Each flag's value is parsed strictly and then checked by the same schema as bench.config.json.
 */
import { parseDuration, parseInteger, parseIntegerList, parseList, parseNumber, parseNumberList, parsePrecision } from './parse.js';
import { parseDaskScheduler, parseRayAddress } from './cluster.js';
import type { FileConfig } from './config-schema.js';

export interface RunOption<K extends keyof FileConfig = keyof FileConfig> {
  /** commander flag syntax */
  flags: string;
  /** commander's attribute name for the flag */
  attribute: string;
  /** The config key the flag sets. */
  key: K;
  /** --help text. */
  description: string;
  /** Parses the flag's text; throws BAD_NUMBER (exit 2) for a malformed number. */
  parse: (text: string, flag: string) => FileConfig[K];
  /** Left out of --help (test-only flags). */
  hidden?: boolean;
}

function option<K extends keyof FileConfig>(o: RunOption<K>): RunOption {
  return o as unknown as RunOption;
}

/** Every flag of `parbench run` that sets a config key (grains and timeouts in seconds). */
export const runOptions: RunOption[] = [
  option({
    flags: '-b, --backends <list>',
    attribute: 'backends',
    key: 'backends',
    description: 'comma-separated backends, or "all" for every available one',
    parse: (t) => parseList(t),
  }),
  option({
    flags: '-g, --grains <list>',
    attribute: 'grains',
    key: 'grains',
    description: 'target task grains in seconds, e.g. 1e-8,1e-6,1e-4',
    parse: (t, f) => parseNumberList(f, t),
  }),
  option({
    flags: '-w, --workers <list>',
    attribute: 'workers',
    key: 'workers',
    description: 'worker counts to sweep, e.g. 1,2,4, or "auto" (available parallelism)',
    parse: (t, f) => (t.trim() === 'auto' ? 'auto' : parseIntegerList(f, t)),
  }),
  option({
    flags: '-r, --repeats <n>',
    attribute: 'repeats',
    key: 'repeats',
    description: 'timed repetitions per point',
    parse: (t, f) => parseInteger(f, t),
  }),
  option({
    flags: '--warmup <n>',
    attribute: 'warmup',
    key: 'warmup',
    description: 'untimed-for-statistics warm-up repetitions per point',
    parse: (t, f) => parseInteger(f, t),
  }),
  option({
    flags: '--precision <fraction>',
    attribute: 'precision',
    key: 'precision',
    description: 'stop a point once the 95% interval of its median is within ±this, e.g. 5% (off: always --repeats)',
    parse: (t, f) => parsePrecision(f, t),
  }),
  option({
    flags: '--max-repeats <n>',
    attribute: 'maxRepeats',
    key: 'maxRepeats',
    description: 'most timed repetitions a point takes while it has not reached --precision',
    parse: (t, f) => parseInteger(f, t),
  }),
  option({
    flags: '--time-budget <duration>',
    attribute: 'timeBudget',
    key: 'timeBudgetSeconds',
    description: 'time the whole run may take, spread over its points, e.g. 60s or 5m (off: no limit)',
    parse: (t, f) => parseDuration(f, t),
  }),
  option({
    flags: '--max-tasks <n>',
    attribute: 'maxTasks',
    key: 'maxTasks',
    description: 'most tasks a point runs: larger task sets are measured on an evenly spread sample (a prefix of a task graph); "all": every task',
    parse: (t, f) => (t.trim() === 'all' ? null : parseInteger(f, t)),
  }),
  option({
    flags: '--no-interleave',
    attribute: 'interleave',
    key: 'interleave',
    description: 'measure one point after another instead of in rounds across the reference and every backend',
    parse: (t) => t !== 'false',
  }),
  option({
    flags: '--trace',
    attribute: 'trace',
    key: 'trace',
    description: 'record per-task timestamps in extra traced repetitions: a decomposition per point in run.json and trace.json (Perfetto) beside it; the gate refuses traced runs',
    parse: (t) => t !== 'false',
  }),
  option({
    flags: '-o, --out <dir>',
    attribute: 'out',
    key: 'outputDir',
    description: 'directory that receives <run-id>/run.json and results.csv',
    parse: (t) => t,
  }),
  option({
    flags: '--seed <n>',
    attribute: 'seed',
    key: 'seed',
    description: 'seed of the generated inputs',
    parse: (t, f) => parseInteger(f, t),
  }),
  option({
    flags: '--inject-overhead <seconds>',
    attribute: 'injectOverhead',
    key: 'injectOverheadSeconds',
    description: 'test only: seconds of calibrated busy work each executor task does before its kernel (recorded; the report says so)',
    parse: (t, f) => parseNumber(f, t),
    hidden: true,
  }),
  option({
    flags: '--task-timeout <seconds>',
    attribute: 'taskTimeout',
    key: 'taskTimeoutSeconds',
    description: 'fail a point when no task completes for this long (0: never)',
    parse: (t, f) => parseNumber(f, t),
  }),
  option({
    flags: '--startup-timeout <seconds>',
    attribute: 'startupTimeout',
    key: 'startupTimeoutSeconds',
    description: 'fail a point when its pool, the reference isolate or a driver has not started after this long (0: never)',
    parse: (t, f) => parseNumber(f, t),
  }),
  option({
    flags: '--dask-scheduler <address>',
    attribute: 'daskScheduler',
    key: 'daskScheduler',
    description: 'run dask-distributed on the Dask scheduler at this address (tcp://HOST:PORT) instead of a LocalCluster',
    parse: (t, f) => parseDaskScheduler(t, f),
  }),
  option({
    flags: '--ray-address <address>',
    attribute: 'rayAddress',
    key: 'rayAddress',
    description: 'run ray on the Ray cluster at this address (HOST:PORT of its head node) instead of a local node',
    parse: (t, f) => parseRayAddress(t, f),
  }),
  option({
    flags: '--parsl-config <file.py>',
    attribute: 'parslConfig',
    key: 'parslConfig',
    description: 'run parsl-htex with the Parsl `config` this Python file defines (any executor and provider) instead of its own HTEX',
    parse: (t) => t,
  }),
];

/** The flag a config key is set by, for messages ("--repeats"). */
export function flagOf(key: string): string | undefined {
  const found = runOptions.find((o) => o.key === key);
  return found ? (found.flags.split(/[ ,]+/).find((s) => s.startsWith('--')) ?? found.flags) : undefined;
}
