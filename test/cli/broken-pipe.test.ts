// A reader that closes parbench's output early (`parbench run --help | head -1`): no EPIPE stack trace,
// the command's own exit code, and a run still writes its record.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, tempDir } from './cli.js';

/** `node main.js <args> | head -1` through a shell, so the pipe closes after the first line. */
function headOne(args: string[], cwd = tempDir()) {
  const command = `"${process.execPath}" "${MAIN}" ${args.join(' ')} | head -1; echo "status \${PIPESTATUS[0]}" >&2`;
  const result = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { stdout: result.stdout, stderr: result.stderr, cwd };
}

describe('output into a pipe closed early', () => {
  it('help ends quietly with exit 0', () => {
    const { stdout, stderr } = headOne(['run', '--help']);
    expect(stdout).toBe('Usage: parbench run [options] [suites]\n');
    expect(stderr).not.toContain('EPIPE');
    expect(stderr.trim()).toBe('status 0');
  });

  it('a run still finishes and writes its record', () => {
    const { stdout, stderr, cwd } = headOne(['run', 'fib', '--n', '4', '--backends', 'sequential', '--grains', '1e-5', '--repeats', '2', '--precision', 'off', '--out', 'runs']);
    expect(stdout.split('\n')).toHaveLength(2);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr.trim().split('\n').at(-1)).toBe('status 0');
    const [id] = readdirSync(join(cwd, 'runs'));
    expect(existsSync(join(cwd, 'runs', id!, 'run.json'))).toBe(true);
  });
});
