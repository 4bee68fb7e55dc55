/**
 * `gate --against <git-ref>`: the reference checked out into a temporary worktree, installed and built
 * there, then the reference and the working tree measured in rounds of the same sweep on this machine:
 * in lockstep (both runs at once, taking the machine in turns after every repetition: lockstep.ts), or,
 * with `lockstep: false` or a reference that predates it, alternating whole runs (reference, working
 * tree; working tree, reference; …); and the gate decided on all the rounds (each side's median over its
 * runs, two-stage bootstrap, paired for lockstep sides of the same shape), with the machine's noise floor from
 * the reference's own rounds (odd against even). `gate --aa` does the same with the working tree on
 * both sides: what the gate says about unchanged code on this machine.
 */
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parbenchError } from '../errors.js';
import { gateRuns, noiseFloor, type GateResult, type NoiseFloor } from '../gate/gate-runs.js';
import { machineChanges } from '../gate/same-machine.js';
import { DEFAULT_RUNS_DIR, readRun, RUN_FILE, runIds, type RunRecord } from '../record/index.js';
import { newRunId } from '../runner/run-benchmarks.js';
import { runChild } from './child.js';
import { Lockstep, LOCKSTEP_MODULE } from './lockstep.js';
import { gateThresholds, injectedLines, noiseSummary, type GateOutcome } from './gate.js';
import { repositoryRoot, resolveCommit, TemporaryWorktree } from './worktree.js';

/** Rounds of a gate --against or --aa when not given: four a side, so the A/A noise floor has two runs a half. */
export const DEFAULT_ROUNDS = 4;

/** Flags of `run` the gate sets itself, refused in the sweep. */
export const GATE_OWNED_FLAGS = ['-o', '--out', '--json', '--inject-overhead', '-c', '--config'];

/** Where a parbench checkout keeps its runnable CLI. */
const CLI = join('dist', 'src', 'cli', 'main.js');

export interface AgainstOptions {
  /** The git ref of the reference; absent: the working tree against itself (A/A). */
  against?: string;
  /** Rounds: runs of the sweep per side, in alternation; default DEFAULT_ROUNDS. */
  rounds?: number;
  /** The arguments of `parbench run` for one sweep (suites and flags), the same for both sides. */
  sweep: string[];
  /** Test only: seconds of busy work per executor task on the working tree's side (`--inject-overhead`). */
  injectOverheadSeconds?: number;
  /** Directory receiving reference/ and current/ (A/ and B/ for A/A); default results/runs/gate-<id>. */
  out?: string;
  cwd?: string;
  /** Configuration file with the gate's thresholds (not passed to the runs). */
  config?: string;
  maxRegression?: number;
  metgThreshold?: number;
  /**
   * Measure the two sides in lockstep (default true): each round runs both sides' sweeps at once, one
   * measuring at a time, handing the machine over after every repetition (src/api/lockstep.ts), and the
   * gate pairs their repetitions. false, or a reference whose build predates lockstep (no
   * LOCKSTEP_MODULE): whole runs one after the other (roundOrder).
   */
  lockstep?: boolean;
  /** Aborting stops the child being run; the worktree is removed and INTERRUPTED is thrown. */
  signal?: AbortSignal;
  /** One line for each step (checkout, install, build, every run of every round, removal). */
  onProgress?: (line: string) => void;
}

type SideName = 'reference' | 'current';

interface Side {
  name: SideName;
  /** How the side is named in messages. */
  label: string;
  /** The parbench CLI (main.js) that measures it. */
  cli: string;
  /** Its runs directory. */
  dir: string;
  /** Extra arguments of its runs. */
  extra: string[];
  /** run.json paths of its runs, in order. */
  runs: string[];
}

/** The sides of each round in order: reference first in odd rounds, the working tree first in even ones (ABBA…), so a drift in time hits both alike. */
export function roundOrder(rounds: number): SideName[][] {
  return Array.from({ length: rounds }, (_, i) => (i % 2 === 0 ? ['reference', 'current'] : ['current', 'reference']));
}

/** Throws BAD_FLAG (exit 2) when the sweep sets a flag the gate sets itself. */
function checkSweep(sweep: readonly string[]): void {
  const owned = sweep.find((arg) => GATE_OWNED_FLAGS.includes(arg.split('=')[0]!));
  if (owned) throw parbenchError('BAD_FLAG', owned, `the gate sets it for every run; leave it out of the sweep after "--" (it sets: ${GATE_OWNED_FLAGS.join(', ')})`);
  const trace = sweep.find((arg) => arg.split('=')[0] === '--trace');
  if (trace) throw parbenchError('BAD_FLAG', trace, 'tracing adds its own cost to every task, so a traced run is no evidence for the gate; leave it out of the sweep after "--"');
}

function interrupted(signal: AbortSignal | undefined): Error {
  return parbenchError('INTERRUPTED', typeof signal?.reason === 'string' ? signal.reason : 'a signal');
}

/**
 * Run one sweep of a side (in `lockstep` when given); resolves with the run.json it wrote. Throws
 * INTERRUPTED, or AGAINST_FAILED (exit 1) when the run wrote nothing usable.
 */
async function measureSide(side: Side, round: string, options: AgainstOptions & { cwd: string }, lockstep?: Lockstep): Promise<string> {
  if (!lockstep) options.onProgress?.(`${round}: ${side.label}`);
  const before = new Set(runIds(side.dir));
  const args = [side.cli, 'run', ...options.sweep, '--out', side.dir, '--no-color', ...side.extra];
  const result = await runChild(process.execPath, args, {
    cwd: options.cwd,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(lockstep ? { lockstep: { coordinator: lockstep, name: side.name } } : {}),
  });
  if (options.signal?.aborted || result.code === 130) throw interrupted(options.signal);
  // Exit 2 is parbench run's usage error: a sweep this side cannot run (a typo, a flag the reference does not know).
  if (result.code === 2) throw parbenchError('SWEEP_REFUSED', side.label, result.tail.at(-1) ?? 'no output');
  const made = runIds(side.dir).filter((id) => !before.has(id));
  // Exit 1 is a point that failed: the run is kept, and the gate sees that grain missing.
  if (made.length !== 1 || (result.code !== 0 && result.code !== 1)) {
    throw parbenchError('AGAINST_FAILED', `the ${side.label}'s run (${round})`, `exit ${result.code ?? result.signal}: ${result.tail.at(-1) ?? 'no output'}`);
  }
  return join(side.dir, made[0]!, RUN_FILE);
}

/** One build step in the reference's worktree; throws INTERRUPTED, or AGAINST_FAILED naming the step. */
async function step(what: string, command: string, args: string[], cwd: string, options: AgainstOptions): Promise<void> {
  options.onProgress?.(what);
  const result = await runChild(command, args, { cwd, ...(options.signal ? { signal: options.signal } : {}) });
  if (options.signal?.aborted) throw interrupted(options.signal);
  if (result.code !== 0) throw parbenchError('AGAINST_FAILED', what, `${command} exited with ${result.code ?? result.signal}: ${result.tail.at(-1) ?? 'no output'}`);
}

/**
 * Whether the reference checked out in `dir` can use the working tree's installed packages: both have
 * a package-lock.json with the same bytes and the working tree at `root` has its node_modules.
 */
function sharesPackages(root: string, dir: string): boolean {
  const lock = (at: string) => (existsSync(join(at, 'package-lock.json')) ? readFileSync(join(at, 'package-lock.json')) : undefined);
  const ours = lock(root);
  const theirs = lock(dir);
  return ours !== undefined && theirs !== undefined && ours.equals(theirs) && existsSync(join(root, 'node_modules'));
}

/**
 * Check the reference out, install it (npm ci, or a link to the working tree's node_modules when the
 * lockfiles are the same: sharesPackages) and build it; the worktree is removed before any error leaves.
 */
async function buildReference(root: string, commit: string, options: AgainstOptions): Promise<{ worktree: TemporaryWorktree; cli: string }> {
  const worktree = TemporaryWorktree.create(root, commit);
  options.onProgress?.(`reference ${options.against} (${commit.slice(0, 12)}) checked out in ${worktree.dir}`);
  try {
    if (sharesPackages(root, worktree.dir)) {
      symlinkSync(join(root, 'node_modules'), join(worktree.dir, 'node_modules'), 'dir');
      options.onProgress?.("the reference's package-lock.json is the working tree's: using its installed packages (node_modules) instead of npm ci");
    } else await step('installing the reference (npm ci)', 'npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], worktree.dir, options);
    await step('building the reference (npm run build)', 'npm', ['run', 'build'], worktree.dir, options);
    const cli = join(worktree.dir, CLI);
    if (!existsSync(cli)) throw parbenchError('AGAINST_FAILED', 'building the reference', `${CLI} is missing after npm run build`);
    return { worktree, cli };
  } catch (error) {
    removeWorktree(worktree, options);
    throw error;
  }
}

function removeWorktree(worktree: TemporaryWorktree, options: AgainstOptions): void {
  worktree.remove();
  options.onProgress?.(`removed the temporary worktree ${worktree.dir}`);
}

/** The rounds, alternating the sides (roundOrder); fills each side's `runs`. */
async function rounds(sides: Record<SideName, Side>, count: number, options: AgainstOptions & { cwd: string }): Promise<void> {
  const order = roundOrder(count);
  for (let r = 0; r < order.length; r++) {
    for (const name of order[r]!) sides[name].runs.push(await measureSide(sides[name], `round ${r + 1}/${count}`, options));
  }
}

/**
 * The rounds in lockstep: each round runs both sides at once, the first of roundOrder's pair holding
 * the machine first; fills each side's `runs` with one run a round. When one side fails, the other's
 * run is still waited for; the first failure is then thrown. Returns the hand-overs of every round.
 */
async function lockstepRounds(sides: Record<SideName, Side>, count: number, options: AgainstOptions & { cwd: string }): Promise<number> {
  const order = roundOrder(count);
  let handovers = 0;
  for (let r = 0; r < order.length; r++) {
    const names = order[r]!;
    options.onProgress?.(`round ${r + 1}/${count}: ${names.map((n) => sides[n].label).join(' and ')}, in lockstep`);
    const lockstep = new Lockstep(names);
    const release = () => lockstep.release();
    options.signal?.addEventListener('abort', release);
    try {
      const settled = await Promise.allSettled(names.map((name) => measureSide(sides[name], `round ${r + 1}/${count}`, options, lockstep)));
      const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
      const stop = failures.find((e) => (e as { code?: string }).code === 'INTERRUPTED');
      if (failures.length > 0) throw stop ?? failures[0];
      names.forEach((name, i) => sides[name].runs.push((settled[i] as PromiseFulfilledResult<string>).value));
    } finally {
      options.signal?.removeEventListener('abort', release);
    }
    handovers += lockstep.handovers;
  }
  return handovers;
}

/**
 * Measure the reference (`options.against`, or the working tree itself for A/A) and the working tree in
 * rounds on this machine (lockstep unless `options.lockstep` is false or a build lacks LOCKSTEP_MODULE) and gate the working tree against the reference (see gateRuns; the
 * noise floor from the reference's runs, four or more). The working tree's build (dist/src/cli/main.js
 * at the repository's top) is what runs for it. The temporary worktree is removed whatever happens.
 * Rejects with NOT_A_REF (exit 2) for a ref that names no commit (or no repository), NOT_BUILT (exit 2)
 * without the working tree's build, BAD_FLAG (exit 2) for a sweep that sets --out, --json, --config,
 * --inject-overhead or --trace, AGAINST_FAILED (exit 1) when checkout, install, build or a run fails, INTERRUPTED
 * (exit 1; the CLI exits 130) when `options.signal` aborts, and what gateThresholds throws.
 */
export async function gateAgainst(options: AgainstOptions): Promise<GateOutcome & { against?: { ref: string; commit: string; rounds: number; dir: string } }> {
  checkSweep(options.sweep);
  const cwd = options.cwd ?? process.cwd();
  const thresholds = gateThresholds(options.maxRegression, options.config, cwd);
  const count = options.rounds ?? DEFAULT_ROUNDS;
  const root = options.against !== undefined ? repositoryRoot(cwd, options.against) : existsSync(join(cwd, CLI)) ? cwd : repositoryRoot(cwd, 'HEAD');
  const commit = options.against !== undefined ? resolveCommit(root, options.against) : '';
  const currentCli = join(root, CLI);
  if (!existsSync(currentCli)) throw parbenchError('NOT_BUILT', currentCli);
  const out = resolve(cwd, options.out ?? join(DEFAULT_RUNS_DIR, `gate-${newRunId()}`));
  const aa = options.against === undefined;
  const inject = options.injectOverheadSeconds ? ['--inject-overhead', String(options.injectOverheadSeconds)] : [];
  const built = aa ? undefined : await buildReference(root, commit, options);
  const speaks = (dir: string) => existsSync(join(dir, LOCKSTEP_MODULE));
  const lockstep = options.lockstep !== false && speaks(root) && (built === undefined || speaks(built.worktree.dir));
  if (options.lockstep !== false && speaks(root) && !lockstep) options.onProgress?.(`the reference's build has no ${LOCKSTEP_MODULE} (it predates lockstep): its runs and the working tree's alternate, whole runs at a time`);
  const sides: Record<SideName, Side> = {
    reference: { name: 'reference', label: aa ? 'working tree (A)' : 'reference', cli: built?.cli ?? currentCli, dir: join(out, aa ? 'A' : 'reference'), extra: [], runs: [] },
    current: { name: 'current', label: aa ? 'working tree (B)' : 'working tree', cli: currentCli, dir: join(out, aa ? 'B' : 'current'), extra: inject, runs: [] },
  };
  let handovers = 0;
  try {
    if (lockstep) handovers = await lockstepRounds(sides, count, { ...options, cwd });
    else await rounds(sides, count, { ...options, cwd });
  } finally {
    if (built) removeWorktree(built.worktree, options);
  }
  const reference = sides.reference.runs.map(readRun);
  const current = sides.current.runs.map(readRun);
  const metg = options.metgThreshold === undefined ? {} : { metgThreshold: options.metgThreshold };
  return outcomeOf(reference, current, { thresholds, count, out, aa, ...metg, ...(lockstep ? { lockstep: { rounds: count, handovers } } : {}), ...(aa ? {} : { ref: options.against!, commit }) });
}

/**
 * The decision on the rounds of gate --against / --aa: the machine's noise floor from the reference's
 * runs (noiseFloor, four or more), then the working tree's runs gated against the reference's with it,
 * repetitions paired when the sides ran in lockstep. Pure; throws nothing (gateRuns expects a run a side).
 */
export function decideRounds(
  reference: readonly RunRecord[],
  current: readonly RunRecord[],
  o: { thresholds: GateOutcome['thresholds']; metgThreshold?: number; paired: boolean },
): { result: GateResult; noise: NoiseFloor | null } {
  const metg = o.metgThreshold === undefined ? {} : { metgThreshold: o.metgThreshold };
  const noise = noiseFloor(reference, { thresholds: o.thresholds, ...metg });
  const result = gateRuns(reference, current, { thresholds: o.thresholds, ...metg, ...(noise ? { noise } : {}), paired: o.paired });
  return { result, noise };
}

function outcomeOf(
  reference: RunRecord[],
  current: RunRecord[],
  o: { thresholds: GateOutcome['thresholds']; count: number; out: string; aa: boolean; metgThreshold?: number; ref?: string; commit?: string; lockstep?: { rounds: number; handovers: number } },
): GateOutcome & { against?: { ref: string; commit: string; rounds: number; dir: string } } {
  const metg = o.metgThreshold === undefined ? {} : { metgThreshold: o.metgThreshold };
  const { result, noise } = decideRounds(reference, current, { thresholds: o.thresholds, ...metg, paired: o.lockstep !== undefined });
  return {
    mode: o.aa ? 'aa' : 'against',
    baseline: reference.map((r) => r.id),
    runs: current.map((r) => r.id),
    thresholds: o.thresholds,
    ...result,
    incomplete: current.filter((r) => r.status !== 'completed').map((r) => ({ path: r.id, status: r.status })),
    machineDifferences: machineChanges(reference, current),
    injected: injectedLines([...reference, ...current]),
    ...(noise ? { noise: noiseSummary(noise, reference.length) } : {}),
    ...(o.lockstep ? { lockstep: o.lockstep } : {}),
    rounds: o.count,
    ...(o.ref ? { against: { ref: o.ref, commit: o.commit!, rounds: o.count, dir: o.out } } : {}),
  };
}
