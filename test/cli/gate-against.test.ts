import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { roundOrder } from '../../src/api/gate-against.js';
import { FIXTURES } from '../helpers/cli.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';
import { parbench, startParbench, tempDir } from './cli.js';

const FAKE = join(FIXTURES, 'fake-parbench');
const SWEEP_ARGS = ['fib,square', '--backends', 'sequential,worker', '--grains', '1e-6,1e-3', '--repeats', '5'];

interface Stub {
  sleep?: number;
  exit?: number;
  buildFails?: boolean;
  /** Speak lockstep: this many steps, handing over after each. */
  lockstep?: number;
  /** With lockstep: sleep `sleep` seconds at this step. */
  sleepAt?: number;
}

/** Four runs of a worker series with per-task overhead `o`, low noise, seeds apart. */
function runs(o: number, seed: number): unknown[] {
  return [0, 1, 2, 3].map((i) => syntheticRun([{ backend: 'worker', workers: 2, o, c: 1e-3, points: SWEEP, noise: 0.01, seed: seed + i }], { id: `r${i}` }));
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' }).trim();
}

/**
 * A repository holding a stand-in parbench (test/fixtures/fake-parbench): the reference commit with
 * runs of overhead `reference`, and a working tree whose runs have overhead `current`, built.
 */
function fakeRepo(reference: number, current: number, stubs: { reference?: Stub; current?: Stub } = {}): { dir: string; log: string } {
  const dir = tempDir();
  const log = join(tempDir(), 'calls.jsonl');
  for (const file of ['stub.mjs', 'build.mjs']) copyFileSync(join(FAKE, file), join(dir, file));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fake', version: '1.0.0', private: true, scripts: { build: 'node build.mjs' } }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'fake', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'fake', version: '1.0.0' } } }));
  writeFileSync(join(dir, '.gitignore'), 'dist/\nnode_modules/\nresults/\n');
  writeFileSync(join(dir, 'stub.json'), JSON.stringify({ log, ...stubs.reference }));
  writeFileSync(join(dir, 'runs.json'), JSON.stringify(runs(reference, 1)));
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'reference');
  writeFileSync(join(dir, 'stub.json'), JSON.stringify({ log, ...stubs.current }));
  writeFileSync(join(dir, 'runs.json'), JSON.stringify(runs(current, 11)));
  execFileSync(process.execPath, ['build.mjs'], { cwd: dir });
  return { dir, log };
}

function calls(log: string): { tree: string; args: string[] }[] {
  return entries(log).filter((c): c is { tree: string; args: string[] } => c.args !== undefined);
}

function entries(log: string): { tree: string; args?: string[]; step?: number }[] {
  return readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

/** The worktrees git knows of besides the repository itself, and whether the checkout's directory is gone. */
function leftovers(dir: string, stderr: string): { worktrees: number; checkoutExists: boolean } {
  const checkout = /checked out in (\S+)/.exec(stderr)?.[1];
  const worktrees = git(dir, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).length - 1;
  return { worktrees, checkoutExists: checkout !== undefined && existsSync(checkout) };
}

describe('gate --against <git-ref>: the reference and the working tree in alternating rounds on this machine', () => {
  it('alternates the sides ABBA…, a round each', () => {
    expect(roundOrder(4)).toEqual([
      ['reference', 'current'],
      ['current', 'reference'],
      ['reference', 'current'],
      ['current', 'reference'],
    ]);
  });

  it('links the working tree\'s node_modules into the checkout instead of npm ci when the lockfiles are the same, and leaves them in place', () => {
    const { dir } = fakeRepo(40e-6, 40e-6);
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'marker'), 'kept');
    const r = parbench(['gate', '--against', 'HEAD', '--', ...SWEEP_ARGS], dir);
    const progress = r.stderr.trimEnd().split('\n');
    expect(progress.slice(1, 3)).toEqual([
      "parbench: gate: the reference's package-lock.json is the working tree's: using its installed packages (node_modules) instead of npm ci",
      'parbench: gate: building the reference (npm run build)',
    ]);
    expect(readFileSync(join(dir, 'node_modules', 'marker'), 'utf8')).toBe('kept');
    expect(leftovers(dir, r.stderr)).toEqual({ worktrees: 0, checkoutExists: false });
  });

  it('installs with npm ci when the working tree\'s lockfile differs from the reference\'s', () => {
    const { dir } = fakeRepo(40e-6, 40e-6);
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'fake', version: '1.0.1', lockfileVersion: 3, requires: true, packages: { '': { name: 'fake', version: '1.0.1' } } }));
    const r = parbench(['gate', '--against', 'HEAD', '--', ...SWEEP_ARGS], dir);
    expect(r.stderr.trimEnd().split('\n')[1]).toBe('parbench: gate: installing the reference (npm ci)');
  });

  it('checks the ref out, installs and builds it, alternates four rounds, decides (50% worse: exit 1) and removes the worktree', () => {
    const { dir, log } = fakeRepo(40e-6, 60e-6);
    const r = parbench(['gate', '--against', 'HEAD', '--', ...SWEEP_ARGS], dir);
    expect(r.status).toBe(1);
    const commit = git(dir, 'rev-parse', 'HEAD');
    const progress = r.stderr.trimEnd().split('\n');
    expect(progress[0]).toMatch(new RegExp(`^parbench: gate: reference HEAD \\(${commit.slice(0, 12)}\\) checked out in /\\S+/parbench-against-\\w+/tree$`));
    expect(progress.slice(1, 3)).toEqual(['parbench: gate: installing the reference (npm ci)', 'parbench: gate: building the reference (npm run build)']);
    expect(progress.slice(3, 11)).toEqual(
      roundOrder(4).flatMap((sides, i) => sides.map((s) => `parbench: gate: round ${i + 1}/4: ${s === 'reference' ? 'reference' : 'working tree'}`)),
    );
    expect(progress[11]).toMatch(/^parbench: gate: removed the temporary worktree \/\S+\/tree$/);
    const ran = calls(log);
    const checkout = /checked out in (\S+)/.exec(r.stderr)![1]!;
    expect(ran.map((c) => (c.tree === checkout ? 'reference' : c.tree === dir ? 'current' : c.tree))).toEqual(roundOrder(4).flat());
    const gates = readdirSync(join(dir, 'results/runs'));
    expect(gates).toHaveLength(1);
    expect(gates[0]).toMatch(/^gate-\d{4}-/);
    const runsDir = join(dir, 'results/runs', gates[0]!);
    for (const c of ran) expect(c.args).toEqual(['run', ...SWEEP_ARGS, '--out', join(runsDir, c.tree === checkout ? 'reference' : 'current'), '--no-color']);
    expect(r.stdout.split('\n')[0]).toBe(`reference: HEAD (${commit.slice(0, 12)}) and the working tree, 4 alternating rounds on this machine`);
    expect(r.stdout).toMatch(/square n=25 │ worker×2 │ overhead o │ 4\d\.\d µs +│ [56]\d\.\d µs +│ \+\d\d% +│ \+\d\d% … \+\d\d% +│ \+10% +│ ±\d+(\.\d+)?% +│ regressed/);
    expect(r.stdout).toMatch(/Noise floor \(A\/A: the reference's 4 runs, odd against even\):\n  overhead up to ±\d/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('gate: REGRESSED — 2 checks: 0 pass, 0 improved, 2 regressed, 0 inconclusive');
    expect(leftovers(dir, r.stderr)).toEqual({ worktrees: 0, checkoutExists: false });
    expect(readdirSync(runsDir).sort()).toEqual(['current', 'reference']);
  });

  it('unchanged code passes (exit 0); --inject-overhead goes to the working tree\'s runs only', () => {
    const { dir, log } = fakeRepo(40e-6, 40e-6);
    const r = parbench(['gate', '--against', 'HEAD', '--inject-overhead', '4e-6', '--format', 'json', '--', ...SWEEP_ARGS], dir);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ mode: 'against', status: 'pass', against: { ref: 'HEAD', rounds: 4 } });
    expect(json.baseline).toEqual(['run-0', 'run-1', 'run-2', 'run-3']);
    const ran = calls(log);
    expect(ran.filter((c) => c.tree === dir).every((c) => c.args.join(' ').endsWith('--no-color --inject-overhead 0.000004'))).toBe(true);
    expect(ran.filter((c) => c.tree !== dir).every((c) => !c.args.includes('--inject-overhead'))).toBe(true);
  });

  it('--aa measures the working tree against itself, without a worktree', () => {
    const { dir, log } = fakeRepo(40e-6, 40e-6);
    const r = parbench(['gate', '--aa', '--rounds', '4', '--', ...SWEEP_ARGS], dir);
    expect(r.status).toBe(0);
    expect(calls(log).every((c) => c.tree === dir)).toBe(true);
    expect(r.stderr).not.toContain('checked out');
    expect(r.stdout).toMatch(/│ suite +│ backend +│ metric +│ A +│ B +│/);
    expect(r.stdout).toMatch(/Noise floor \(A\/A: the 4 A runs, odd against even\):/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('gate: PASS — 2 checks: 2 pass, 0 improved, 0 regressed, 0 inconclusive');
  });

  it.each([
    [['--against', 'no-such-ref', '--'], /^parbench: --against: "no-such-ref" is not a commit of this repository \(fatal: .*\)\n$/],
    [['--against', 'HEAD', '--', 'fib', '--out', 'x'], /^parbench: --out: the gate sets it for every run; leave it out of the sweep after "--"/],
    [['--aa', '--', 'fib', '--trace'], /^parbench: --trace: tracing adds its own cost to every task, so a traced run is no evidence for the gate; leave it out of the sweep after "--"\n$/],
    [['--against', 'HEAD', '--aa'], /^parbench: --aa: measures the working tree against itself; with --against/],
    [['--against', 'HEAD', '--baseline', 'b.json'], /^parbench: --baseline: gates against recorded runs; --against measures its own reference: give one of them\n$/],
    [['--rounds', '3'], /^parbench: --rounds: only with --against <ref> or --aa\n$/],
    [['--against', 'HEAD', '--rounds', '0'], /^parbench: --rounds: "0" must be a whole number from 1 to 100\n$/],
  ])('refuses %j with one line, exit 2, and leaves no worktree', (args, message) => {
    const { dir } = fakeRepo(40e-6, 40e-6);
    const r = parbench(['gate', ...args], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(leftovers(dir, r.stderr).worktrees).toBe(0);
  });

  it('refuses to run without the working tree\'s build', () => {
    const { dir } = fakeRepo(40e-6, 40e-6);
    execFileSync('rm', ['-r', join(dir, 'dist')]);
    const r = parbench(['gate', '--against', 'HEAD', '--', 'fib'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`parbench: ${join(dir, 'dist/src/cli/main.js')} is missing: build the working tree first (npm run build)\n`);
  });

  it('removes the worktree when the reference does not build, and says which step failed (exit 1)', () => {
    const { dir } = fakeRepo(40e-6, 40e-6, { reference: { buildFails: true } });
    const r = parbench(['gate', '--against', 'HEAD', '--', 'fib'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('parbench: gate: building the reference (npm run build) failed: npm exited with 1: build: failing as asked');
    expect(r.stderr).toMatch(/removed the temporary worktree/);
    expect(leftovers(dir, r.stderr)).toEqual({ worktrees: 0, checkoutExists: false });
  });

  it('removes the worktree when a run of the reference fails (exit 1)', () => {
    const { dir } = fakeRepo(40e-6, 40e-6, { reference: { exit: 3 } });
    const r = parbench(['gate', '--against', 'HEAD', '--', 'fib'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe("parbench: gate: the reference's run (round 1/4) failed: exit 3: stub: failing as asked");
    expect(leftovers(dir, r.stderr)).toEqual({ worktrees: 0, checkoutExists: false });
  });

  it('a sweep a side\'s run refuses (its exit 2, a usage error) is a usage error of the gate: one line, exit 2, no worktree left', () => {
    const { dir } = fakeRepo(40e-6, 40e-6, { reference: { exit: 2 } });
    const r = parbench(['gate', '--against', 'HEAD', '--', 'fib'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('parbench: gate: the reference\'s run refused the sweep after "--" (parbench run exited 2): stub: failing as asked');
    expect(leftovers(dir, r.stderr)).toEqual({ worktrees: 0, checkoutExists: false });
  });

  it('Ctrl-C stops the round, removes the worktree and exits 130', async () => {
    const { dir } = fakeRepo(40e-6, 40e-6, { reference: { sleep: 60 } });
    const child = startParbench(['gate', '--against', 'HEAD', '--', 'fib'], dir);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 400 && !stderr.includes('round 1/4: reference'); i++) await sleep(50);
    expect(stderr).toContain('round 1/4: reference');
    await sleep(200);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/parbench: interrupted by SIGINT/);
    expect(leftovers(dir, stderr)).toEqual({ worktrees: 0, checkoutExists: false });
  });
});

describe('gate --against in lockstep: both sides\' runs at once, one measuring at a time', () => {
  const LOCKSTEP = { lockstep: 3 };

  it('hands the machine over after every step, the first of each round\'s pair first, and pairs the repetitions', () => {
    const { dir, log } = fakeRepo(40e-6, 60e-6, { reference: LOCKSTEP, current: LOCKSTEP });
    const r = parbench(['gate', '--against', 'HEAD', '--format', 'json', '--', ...SWEEP_ARGS], dir);
    expect(r.status).toBe(1);
    const progress = r.stderr.trimEnd().split('\n');
    expect(progress.slice(3, 7)).toEqual(roundOrder(4).map((sides, i) => `parbench: gate: round ${i + 1}/4: ${sides.map((s) => (s === 'reference' ? 'reference' : 'working tree')).join(' and ')}, in lockstep`));
    const checkout = /checked out in (\S+)/.exec(r.stderr)![1]!;
    const side = (tree: string) => (tree === checkout ? 'reference' : 'current');
    const steps = entries(log).filter((e) => e.step !== undefined).map((e) => `${side(e.tree)}${e.step}`);
    const expected = roundOrder(4).flatMap(([first, second]) => [1, 2, 3].flatMap((step) => [`${first}${step}`, `${second}${step}`]));
    expect(steps).toEqual(expected);
    const json = JSON.parse(r.stdout);
    // Per round: 3 steps a side in strict turns (6 grants after the first), the first side's last wait, the second's exit.
    expect(json.lockstep).toEqual({ rounds: 4, handovers: 4 * 7 });
    expect(json.checks.every((c: { paired?: boolean }) => c.paired === true)).toBe(true);
    expect(json.status).toBe('regressed');
    expect(leftovers(dir, r.stderr)).toEqual({ worktrees: 0, checkoutExists: false });
  });

  it('says so in the table\'s first line', () => {
    const { dir } = fakeRepo(40e-6, 40e-6, { reference: LOCKSTEP, current: LOCKSTEP });
    const r = parbench(['gate', '--against', 'HEAD', '--', ...SWEEP_ARGS], dir);
    expect(r.status).toBe(0);
    const commit = git(dir, 'rev-parse', 'HEAD');
    expect(r.stdout.split('\n')[0]).toBe(`reference: HEAD (${commit.slice(0, 12)}) and the working tree, 4 rounds in lockstep on this machine (28 hand-overs; repetitions paired where both sides took the same)`);
  });

  it('a reference whose build predates lockstep: whole runs alternate, and the gate says why', () => {
    const { dir, log } = fakeRepo(40e-6, 40e-6, { current: LOCKSTEP });
    const r = parbench(['gate', '--against', 'HEAD', '--format', 'json', '--', ...SWEEP_ARGS], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("parbench: gate: the reference's build has no dist/src/api/lockstep.js (it predates lockstep): its runs and the working tree's alternate, whole runs at a time\n");
    expect(r.stderr).toContain('parbench: gate: round 1/4: reference\n');
    expect(entries(log).some((e) => e.step !== undefined)).toBe(false);
    expect(JSON.parse(r.stdout).lockstep).toBeUndefined();
  });

  it('a sweep parbench run refuses (a real build, an unknown suite) gives one line and exit 2', () => {
    const out = tempDir();
    const r = parbench(['gate', '--aa', '--rounds', '1', '--out', out, '--', 'nosuchsuite'], join(FIXTURES, '../..'));
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^parbench: gate: the working tree \([AB]\)'s run refused the sweep after "--" \(parbench run exited 2\): parbench: unknown suite "nosuchsuite" \(allowed: /);
  });

  it('--aa in lockstep says so in its first line', () => {
    const { dir } = fakeRepo(40e-6, 40e-6, { current: LOCKSTEP });
    const r = parbench(['gate', '--aa', '--rounds', '2', '--', ...SWEEP_ARGS], dir);
    expect(r.stdout.split('\n')[0]).toBe('A and B: the working tree twice, 2 rounds in lockstep on this machine (14 hand-overs; repetitions paired where both sides took the same)');
  });

  it('--no-lockstep alternates whole runs; it is refused without --against or --aa', () => {
    const { dir, log } = fakeRepo(40e-6, 40e-6, { reference: LOCKSTEP, current: LOCKSTEP });
    const r = parbench(['gate', '--aa', '--no-lockstep', '--format', 'json', '--', ...SWEEP_ARGS], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('parbench: gate: round 1/4: working tree (A)\n');
    expect(entries(log).some((e) => e.step !== undefined)).toBe(false);
    const refused = parbench(['gate', '--no-lockstep'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('parbench: --no-lockstep: only with --against <ref> or --aa\n');
  });

  it('Ctrl-C while one side holds the machine: the waiting side is let go, both stop, exit 130, no worktree left', async () => {
    const { dir } = fakeRepo(40e-6, 40e-6, { reference: { ...LOCKSTEP, sleep: 60, sleepAt: 1 }, current: LOCKSTEP });
    const child = startParbench(['gate', '--against', 'HEAD', '--', 'fib'], dir);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 400 && !stderr.includes('round 1/4'); i++) await sleep(50);
    await sleep(500);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/parbench: interrupted by SIGINT/);
    expect(leftovers(dir, stderr)).toEqual({ worktrees: 0, checkoutExists: false });
  });
});

describe('the GitHub workflow', () => {
  it('gates pull requests with --against origin/main on a full checkout, on the sweep the figure scripts use', () => {
    const root = join(FIXTURES, '../..');
    const workflow = readFileSync(join(root, '.github/workflows/parbench-gate.yml'), 'utf8');
    const sweep = execFileSync(process.execPath, ['scripts/gate-figures.mjs', 'sweep'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    expect(sweep).toContain('--grains');
    expect(/^ {2}SWEEP: (.*)$/m.exec(workflow)?.[1]).toBe(sweep.join(' '));
    expect(workflow).toContain('fetch-depth: 0');
    expect(workflow).toContain('node dist/src/cli/main.js gate --against origin/main --format md --no-color --out results/runs/gate -- $SWEEP > gate.md');
    expect(workflow).not.toContain('results/baseline.json');
  });
});
