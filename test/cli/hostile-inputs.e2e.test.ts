// Issue 14, cases 1 and 6–11: inputs that exhausted the machine, were read wrongly or gave more than one
// line. Each is refused before anything is measured — exit 2 and one line on stderr naming the input —
// or, where the input is fine, measured and verified.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onlyRun, parbench, tempDir } from './cli.js';

const tiny = ['--backends', 'sequential', '--grains', '1e-5', '--repeats', '1', '--warmup', '0'];
const MTX = '%%MatrixMarket matrix coordinate real general\n';
const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** Runs the CLI; asserts exit 2, exactly one line on stderr (returned), nothing on stdout, no stack trace. */
function refused(args: string[], cwd = tempDir()): string {
  const { status, stdout, stderr } = parbench(args, cwd);
  expect(stderr.endsWith('\n') && stderr.indexOf('\n') === stderr.length - 1, `one line: ${JSON.stringify(stderr)}`).toBe(true);
  expect(stderr).not.toMatch(/\bat .*:\d+:\d+/);
  expect(stdout).toBe('');
  expect(status).toBe(2);
  return stderr.trimEnd();
}

describe('case 1: every unusable output location is one line with the path and the reason, before anything is measured', () => {
  const cwd = tempDir();
  writeFileSync(join(cwd, 'afile'), 'x');

  it.each([
    ['/proc/parbench-x', 'parbench: cannot write /proc/parbench-x: cannot create /proc/parbench-x: no such file or directory (ENOENT)'],
    ['afile', `parbench: cannot write ${join(cwd, 'afile')}: it is not a directory`],
    ['afile/x', `parbench: cannot write ${join(cwd, 'afile/x')}: not a directory (ENOTDIR)`],
    ['/dev/null', 'parbench: cannot write /dev/null: it is not a directory'],
  ])('run --out %s', (out, line) => {
    expect(refused(['run', 'fib', '--n', '3', ...tiny, '--out', out], cwd)).toBe(line);
  });

  it('run --out under /sys', () => {
    expect(refused(['run', 'fib', '--n', '3', ...tiny, '--out', '/sys/parbench-x'], cwd)).toMatch(/^parbench: cannot write \/sys\/parbench-x: cannot create \/sys\/parbench-x: [a-z -]+ \(E[A-Z]+\)$/);
  });

  it.skipIf(process.getuid?.() === 0)('run --out a read-only directory (as a user other than root)', () => {
    const dir = join(tempDir(), 'ro');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    expect(refused(['run', 'fib', '--n', '3', ...tiny, '--out', dir], cwd)).toBe(`parbench: cannot write ${dir}: permission denied (EACCES)`);
  });

  it('baseline save -o an existing directory or below a file, leaving nothing beside it', () => {
    const runs = join(cwd, 'runs');
    expect(parbench(['run', 'fib', '--n', '2', ...tiny, '--out', runs], cwd).status).toBe(0);
    mkdirSync(join(cwd, 'adir'));
    expect(refused(['baseline', 'save', '--runs', runs, '-o', 'adir'], cwd)).toBe('parbench: cannot write adir: it is a directory');
    expect(refused(['baseline', 'save', '--runs', runs, '-o', 'afile/x.json'], cwd)).toBe('parbench: cannot write afile/x.json: not a directory (ENOTDIR)');
    expect(readdirSync(cwd).sort()).toEqual(['adir', 'afile', 'runs']);
  });
});

describe('case 6: a Matrix Market size line beyond the limits of a generated matrix is refused before allocating', () => {
  it.each([
    ['2000000000 2000000000 1', '2000000000 rows is more than the 1000000 allowed'],
    ['50000000 50000000 1', '50000000 rows is more than the 1000000 allowed'],
    ['4294967296 4294967296 1', '4294967296 rows is more than the 1000000 allowed'],
    ['2000000 2000000 1', '2000000 rows is more than the 1000000 allowed'],
    ['10 10 20000001', '20000001 entries is more than the 20000000 stored entries allowed'],
  ])('size line %s', (size, detail) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'big.mtx'), `${MTX}${size}\n1 1 1\n`);
    expect(refused(['run', 'spmm', '--matrix', 'big.mtx', ...tiny], cwd)).toBe(`parbench: spmm --matrix: big.mtx line 2: ${detail}`);
  });
});

// Of case 6's kind: a file that never ends or never comes is not read at all.
describe('files that are not regular files are refused before they are read', () => {
  it.each([
    [['run', 'spmm', '--matrix', '/dev/zero', ...tiny], 'parbench: spmm --matrix: cannot read /dev/zero (not a regular file)'],
    [['run', 'fib', '-c', '/dev/zero', ...tiny], 'parbench: cannot read config /dev/zero: not a regular file'],
    [['gate', '--baseline', '/dev/zero'], 'parbench: baseline /dev/zero: cannot read it: not a regular file'],
  ])('%j', (args, line) => {
    expect(refused(args)).toBe(line);
  });

  it('a FIFO nobody writes to', () => {
    const cwd = tempDir();
    execFileSync('mkfifo', [join(cwd, 'fifo.json')]);
    expect(refused(['run', 'fib', '-c', 'fifo.json', ...tiny], cwd)).toBe(`parbench: cannot read config ${join(cwd, 'fifo.json')}: not a regular file`);
  });
});

describe('case 7: non-finite values', () => {
  it('an entry beyond a double (1e400) is refused naming the file and line', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'inf.mtx'), `${MTX}2 2 2\n1 1 1\n2 2 1e400\n`);
    expect(refused(['run', 'spmm', '--matrix', 'inf.mtx', ...tiny], cwd)).toBe('parbench: spmm --matrix: inf.mtx line 4: value "1e400" is not a finite number (beyond ±1.8e308)');
  });

  it('finite entries whose row sums overflow verify on every backend: Infinity equals Infinity', () => {
    const cwd = tempDir();
    // With seed 42 the operand's entries 1, 6 and 7 are positive, so rows 1 and 2 sum past ±1.8e308.
    writeFileSync(join(cwd, 'overflow.mtx'), `${MTX}8 8 10\n1 1 1.7e308\n1 6 1.7e308\n1 7 1.7e308\n2 1 -1.7e308\n2 6 -1.7e308\n${[3, 4, 5, 6, 7].map((r) => `${r} ${r} 1`).join('\n')}\n`);
    const out = join(cwd, 'out');
    const { status, stderr } = parbench(['run', 'spmm', '--matrix', 'overflow.mtx', '--backends', 'sequential,worker', '--workers', '2', '--grains', '1e-5', '--repeats', '1', '--warmup', '0', '--out', out], cwd);
    expect(stderr).not.toContain('does not match');
    expect(status).toBe(0);
    const { record } = onlyRun(out);
    expect(record.points.map((p) => [p.backend, p.status, p.verified])).toEqual([['sequential', 'completed', true], ['worker', 'completed', true]]);
  });
});

describe('case 9: symmetric files that store what the format forbids are refused', () => {
  it.each([
    ['mtx-refused/skew-diagonal.mtx', 'line 4: entry (3, 3) is on the diagonal with value 5: a skew-symmetric matrix has a zero diagonal'],
    ['mtx-refused/symmetric-upper.mtx', 'line 4: entry (1, 2) is above the diagonal: a symmetric file stores the lower triangle only'],
    ['mtx-refused/skew-upper.mtx', 'line 4: entry (2, 3) is above the diagonal: a skew-symmetric file stores the lower triangle only'],
  ])('%s', (file, detail) => {
    expect(refused(['run', 'spmm', '--matrix', fixture(file), ...tiny])).toBe(`parbench: spmm --matrix: ${fixture(file)} ${detail}`);
  });
});

describe('case 10: degenerate numbers, empty lists, nulls and empty paths are refused naming the key', () => {
  // Each run is small, so that where one is not refused it ends soon.
  it.each([
    [['run', 'fib', '--n', '2', ...tiny, '--task-timeout', '1e400'], 'parbench: --task-timeout: "1e400" is not a finite number (at most about 1.8e308)'],
    [['run', 'fib', '--n', '2', ...tiny, '--task-timeout', 'Infinity'], 'parbench: --task-timeout: "Infinity" is not a number'],
    [['run', 'spmm', '--size', '200', ...tiny, '--density', '1e-20'], 'parbench: spmm --density: size 200 at density 1e-20 makes no entries (allowed: at least 1, density >= 0.000025)'],
    [['run', 'fib', '--n', '2', ...tiny, '--config', ''], 'parbench: --config: is empty (give a configuration file, or leave the flag out)'],
    [['run', ',', '--n', '2', ...tiny], 'parbench: suites: "," names no suite (allowed: fib, square, primes, spmm, hull, all, separated by commas)'],
    [['run', 'fib', '--n', '2', '--grains', '1e-5', '--repeats', '1', '--backends', ','], 'parbench: --backends: give at least one backend, or "all"'],
    [['report', '--runs', ''], 'parbench: --runs: is empty (give a path, or leave the flag out)'],
  ])('%j', (args, line) => {
    expect(refused(args)).toBe(line);
  });

  it('a suite parameter set to null in the config file is refused, not taken as its default', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bench.config.json'), '{"suiteParams":{"fib":{"n":null}}}');
    expect(refused(['run', 'fib', ...tiny], cwd)).toBe('parbench: fib --n: must be a number, got null');
  });

  it('repeated grains are measured once', () => {
    const out = tempDir();
    const { status } = parbench(['run', 'fib', '--n', '2', '--backends', 'sequential', '--grains', '1e-5,1e-5,0.00001', '--repeats', '1', '--warmup', '0', '--out', out]);
    expect(status).toBe(0);
    const { record } = onlyRun(out);
    expect(record.config.grains).toEqual([1e-5]);
    expect(record.points).toHaveLength(1);
  });
});

describe('case 11: an error quoting a file is one escaped line', () => {
  it('a run file that is not JSON', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'run.json'), 'hello\nworld\n');
    const line = refused(['report', 'run.json'], cwd);
    expect(line).toMatch(/^parbench: not a usable run record: \S*run\.json: not valid JSON \(.*\)$/);
    expect(line).toContain('hello\\nworld');
  });

  it('a binary config file: no raw bytes, no NUL', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bin.json'), Buffer.from([0, 1, 0x62, 0x69, 0x6e, 0xff, 0xfe, 10, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0]));
    const line = refused(['run', 'fib', '-c', 'bin.json'], cwd);
    expect(line).toMatch(/^parbench: .*bin\.json: not valid JSON \(/);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(line).toContain('\\x00');
  });

  it('a usage error of a subcommand (baseline save) is one line and exit 2 too', () => {
    expect(refused(['baseline', 'save', '--frobnicate'])).toBe("parbench: unknown option '--frobnicate'");
  });

  it('a near-miss flag keeps its suggestion on the same line', () => {
    expect(refused(['run', 'fib', '--grain', '1e-5'])).toBe("parbench: unknown option '--grain' (did you mean --grains?)");
  });

  it('no run directory is made by a refused run', () => {
    const cwd = tempDir();
    refused(['run', 'fib', '--task-timeout', '1e400', '--out', 'out'], cwd);
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });
});
