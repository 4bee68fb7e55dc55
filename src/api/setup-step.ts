/** One step of a `parbench setup` command: a program run with its output on stderr, failing as SETUP_FAILED. */
import { spawnSync } from 'node:child_process';
import { parbenchError } from '../errors.js';

/**
 * Run `command args` (in `cwd`, default the current directory) with its stderr passed through and its
 * stdout captured (echoed to stderr with `echo`, so parbench's own stdout stays for its result).
 * Returns the captured stdout. Throws SETUP_FAILED naming `target` and `what` when the program cannot
 * start or exits non-zero.
 */
export function setupStep(target: string, what: string, command: string, args: string[], options: { echo?: boolean; cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.env ? { env: options.env } : {}) });
  if (result.error) throw parbenchError('SETUP_FAILED', target, `${what}: cannot run ${command}: ${result.error.message}`);
  if (options.echo) process.stderr.write(result.stdout ?? '');
  if (result.status !== 0) throw parbenchError('SETUP_FAILED', target, `${what} failed (${command} exited with ${result.status ?? result.signal})`);
  return result.stdout ?? '';
}
