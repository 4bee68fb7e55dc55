/** The CLI end to end with the primes, spmm and hull suites (the built dist/, tiny sizes). */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { onlyRun, parbench, ROOT, tempDir } from './cli.js';

const cli = async (args: string[]) => {
  const { status, stdout, stderr } = parbench(args, ROOT);
  return { code: status, stdout, stderr };
};

describe('parbench CLI with the primes, spmm and hull suites', () => {
  it('list shows the new suites, their knobs and flags', async () => {
    const { code, stdout } = await cli(['list']);
    expect(code).toBe(0);
    for (const text of ['primes', 'spmm', 'hull', 'knob: chunk = numbers per task', 'knob: chunk = rows per task', 'knob: chunk = points per leaf slice', '--split width (width|balanced)', '--matrix (none)', '--rowlen uniform (uniform|power-law)', '--shape square (square|disc|circle)', '--k 1 (1…256)']) {
      expect(stdout).toContain(text);
    }
  });

  it('runs all three, verified, with load imbalance and sharing recorded', async () => {
    const out = tempDir();
    const fixture = join(ROOT, 'test/fixtures/tiny.mtx');
    const { code, stdout, stderr } = await cli([
      'run', 'primes,spmm,hull', '--backends', 'sequential,worker', '--workers', '2', '--grains', '1e-6,1e-5', '--repeats', '1', '--warmup', '0',
      '--limit', '3000', '--split', 'balanced', '--matrix', fixture, '--points', '300', '--shape', 'disc', '-o', out,
    ]);
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    for (const suite of ['primes', 'spmm', 'hull']) expect(stdout).toContain(suite);
    expect(stdout).toContain('load imbalance (max/mean task time, sequential): 1e-6');
    const { record, csv: csvText } = onlyRun(out);
    expect(record.schema).toBe('parbench.run/2');
    expect(record.status).toBe('completed');
    expect(record.points).toHaveLength(12);
    expect(record.points.every((p) => p.verified)).toBe(true);
    const primes = record.points.filter((p) => p.suite === 'primes');
    expect(primes.every((p) => p.imbalance !== undefined && p.imbalance.ratio >= 1)).toBe(true);
    expect(primes[0]!.checksum).toMatch(/^primes=430 sum=/);
    expect(record.points.find((p) => p.suite === 'spmm')!.sharing).toMatch(/^context: /);
    expect(record.points.find((p) => p.suite === 'spmm')!.params.matrix).toBe(fixture);
    const csv = csvText.trim().split('\n');
    expect(csv[0]!.endsWith(',load_imbalance')).toBe(true);
    const primesRow = csv.find((line) => line.includes(',primes,'))!;
    expect(Number(primesRow.split(',').at(-1))).toBeGreaterThanOrEqual(1);
    expect(csv.find((line) => line.includes(',hull,'))!.endsWith(',')).toBe(true);
  });

  it('a malformed .mtx file is one line naming the line, exit 2', async () => {
    const { code, stderr } = await cli(['run', 'spmm', '--matrix', 'test/fixtures/malformed.mtx', '--backends', 'sequential']);
    expect(code).toBe(2);
    expect(stderr).toBe('parbench: spmm --matrix: test/fixtures/malformed.mtx line 4: expected 3 fields (row col value), got 2\n');
  });

  it('a negative size and a density outside (0, 1] are usage errors', async () => {
    const negative = await cli(['run', 'hull', '--points', '-3']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toBe('parbench: hull --points: -3 is out of range (allowed: 1 to 1000000)\n');
    const density = await cli(['run', 'spmm', '--density', '0']);
    expect(density.code).toBe(2);
    expect(density.stderr).toBe('parbench: spmm --density: 0 is outside (0, 1] (allowed: 0 < density <= 1)\n');
  });
});
