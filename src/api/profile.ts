/**
 * `profile`: one point (a suite on one backend at one grain with W workers) measured by `parbench run`
 * in a child process under sampling profilers, and the profiles summarised by group. Node: every thread
 * of the child (`node --cpu-prof`: main thread, reference isolates, pool threads; `process` children too,
 * PARBENCH_PROFILE_DIR tells them) writes a `.cpuprofile`. Python: the driver runs its `run` request under
 * yappi (wall clock, every thread) and process or HTEX workers under cProfile, writing `.pstats`
 * (python/parbench_py/profiling.py). Times nothing itself.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../config/load.js';
import { parbenchError } from '../errors.js';
import { checkOutputDirectory, loadRun, type PointRecord } from '../record/index.js';
import { cpuProfileThread, cpuProfileTimes, asCpuProfile } from '../stats/cpu-profile.js';
import { summariseProfile, type FunctionTime, type ProfileSummary } from '../stats/profile-groups.js';
import { lockWaiting, pstatsTimes, type LockWaiting, type PstatsRow } from '../stats/python-profile.js';
import { findBackend } from '../backends/index.js';
import { runnableUrl } from '../backends/paths.js';
import { pythonDir, venvPython } from '../backends/python/venv.js';
import { runChild } from './child.js';

/** What `parbench profile` is asked: raw flag texts, checked as `run` checks them. */
export interface ProfileOptions {
  suite: string;
  backend: string;
  /** One grain, seconds (text, as typed). */
  grain: string;
  /** One worker count (text); default 2. */
  workers?: string;
  /** Timed repetitions (text); default 30, all taken (no --precision stop), so the timed part outweighs set-up. */
  repeats?: string;
  /** Functions listed (default 15). */
  top?: number;
  /** Directory the profiles and the run go to (default results/profiles/<suite>-<backend>-<time>). */
  out?: string;
  /** Keep Parsl's own logging on (Parsl's default), to see its cost. */
  parslLogging?: boolean;
  /** Suite parameters by name (e.g. { n: "5" }). */
  params?: Record<string, string | undefined>;
  /** Aborting sends the child run SIGTERM (it closes its pools and exits). */
  signal?: AbortSignal;
}

/** A profiled point: where its files are, the point as measured under the profilers, and the summary. */
export interface ProfileResult {
  dir: string;
  /** Profile files written (.cpuprofile, .pstats), absolute, sorted. */
  files: string[];
  point: PointRecord;
  summary: ProfileSummary;
  /** Python backends: seconds in lock `acquire`, by caller, logging's part apart. */
  locks?: LockWaiting;
}

function one(list: readonly (string | number)[], flag: string, what: string): void {
  if (list.length !== 1) throw parbenchError('BAD_FLAG', flag, `profile takes one ${what}, got ${list.length} (${list.join(', ')})`);
}

/** The `run` command line (after `node main.js`) that measures the point. */
function runArgs(options: ProfileOptions, workers: number, dir: string): string[] {
  const params = Object.entries(options.params ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]));
  return ['run', options.suite, '--backends', options.backend, '--grains', options.grain, '--workers', String(workers), '--repeats', options.repeats ?? '30', '--precision', 'off', '--warmup', '1', '--quiet', '--no-color', '--out', join(dir, 'run'), ...params];
}

async function pythonRows(files: string[]): Promise<PstatsRow[]> {
  if (files.length === 0) return [];
  const env = { ...process.env, PYTHONPATH: [pythonDir(), process.env.PYTHONPATH].filter(Boolean).join(':') };
  try {
    const { stdout } = await promisify(execFile)(venvPython(), ['-m', 'parbench_py.profiling', ...files], { env, maxBuffer: 256 * 1024 * 1024 });
    return JSON.parse(stdout) as PstatsRow[];
  } catch (error) {
    throw parbenchError('PROFILE_FAILED', 'reading the .pstats files', (error as Error).message);
  }
}

function nodeRows(files: string[]): FunctionTime[] {
  return files.flatMap((file) => {
    const profile = asCpuProfile(JSON.parse(readFileSync(file, 'utf8')));
    return cpuProfileTimes(profile, cpuProfileThread(profile, file));
  });
}

/** `run`'s flag names in a message, as `profile` spells them (`--grain`, `--backend`). */
const PROFILE_FLAGS: [RegExp, string][] = [
  [/--grains\b/g, '--grain'],
  [/--backends\b/g, '--backend'],
];

/** `resolve()`, its errors naming profile's flags instead of run's. Rethrows what `resolve` throws. */
function asProfileFlags<T>(resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof Error) error.message = PROFILE_FLAGS.reduce((m, [from, to]) => m.replace(from, to), error.message);
    throw error;
  }
}

/**
 * Profile one point. Checks the request first as `run` does (UNKNOWN_SUITE, UNKNOWN_BACKEND,
 * BACKEND_UNAVAILABLE, BAD_NUMBER … exit 2), and BAD_FLAG when more than one backend, grain or worker
 * count is given; WRITE_FAILED when the directory cannot be written. Then runs the point in a child
 * `parbench run` under the profilers and reads every profile. Rejects with PROFILE_FAILED (exit 1) when
 * the child fails or writes no profile, INTERRUPTED when `signal` aborted it.
 */
export async function profile(options: ProfileOptions): Promise<ProfileResult> {
  const config = asProfileFlags(() => resolveConfig({ suites: [options.suite], flags: { backends: options.backend, grains: options.grain, workers: options.workers ?? '2', repeats: options.repeats }, params: options.params ?? {} }));
  one(config.suites, 'suite', 'suite');
  one(config.backends, '--backend', 'backend');
  one(config.grains, '--grain', 'grain');
  one(config.workers, '--workers', 'worker count');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const dir = options.out ?? join('results', 'profiles', `${options.suite}-${options.backend}-${stamp}`);
  checkOutputDirectory(dir);
  const executor = findBackend(config.backends[0]!)?.kind === 'executor';
  const main = fileURLToPath(runnableUrl(new URL('../cli/main.js', import.meta.url).href));
  const node = executor ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
  const env = { ...process.env, PARBENCH_PROFILE_DIR: dir, ...(options.parslLogging ? { PARBENCH_PARSL_LOGGING: '1' } : {}) };
  const child = await runChild(process.execPath, [...node, main, ...runArgs(options, config.workers[0]!, dir)], { cwd: process.cwd(), env, ...(options.signal ? { signal: options.signal } : {}) });
  if (options.signal?.aborted) throw parbenchError('INTERRUPTED', 'signal');
  if (child.code !== 0) throw parbenchError('PROFILE_FAILED', 'the profiled run', child.tail.slice(-3).join(' / ') || `exit ${child.code ?? child.signal}`);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(cpuprofile|pstats)$/.test(f)).sort().map((f) => join(dir, f)) : [];
  if (files.length === 0) throw parbenchError('PROFILE_FAILED', 'the profiled run', `no profile was written in ${dir}`);
  const pstats = await pythonRows(files.filter((f) => f.endsWith('.pstats')));
  const rows = [...nodeRows(files.filter((f) => f.endsWith('.cpuprofile'))), ...pstatsTimes(pstats)];
  const point = loadRun(undefined, join(dir, 'run')).record.points[0]!;
  return { dir, files, point, summary: summariseProfile(rows, options.top ?? 15), ...(pstats.length > 0 ? { locks: lockWaiting(pstats) } : {}) };
}
