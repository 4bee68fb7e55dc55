/**
 * Running a child process for `gate --against` (git, npm, a parbench build's `run`): its output kept as
 * a short tail for messages, stopped when the caller's signal aborts. Times nothing.
 */
import { spawn } from 'node:child_process';

/** How a child ended: its exit code (null when a signal ended it), the signal, and the last lines it printed. */
export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last TAIL_LINES lines of stdout and stderr together. */
  tail: string[];
}

/** Lines of a child's output kept for messages. */
export const TAIL_LINES = 20;

/**
 * Run `command args` in `cwd` with stdin closed and its output collected into the tail; `signal`
 * aborting sends the child SIGTERM. Resolves when it exits (a command that cannot start resolves with
 * code null and the reason in the tail). Never rejects.
 */
export function runChild(command: string, args: readonly string[], options: { cwd: string; signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<ChildResult> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter((l) => l.trim() !== ''));
      if (lines.length > TAIL_LINES) lines.splice(0, lines.length - TAIL_LINES);
    };
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], ...(options.signal ? { signal: options.signal } : {}) });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name !== 'AbortError') lines.push(`cannot run ${command}: ${error.code ?? error.message}`);
    });
    child.on('close', (code, signal) => resolve({ code, signal, tail: lines }));
  });
}
