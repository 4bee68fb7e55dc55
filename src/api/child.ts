/**
 * Running a child process for `gate --against` (git, npm, a parbench build's `run`): its output kept as
 * a short tail for messages, stopped when the caller's signal aborts. Times nothing.
 */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { LOCKSTEP_FD_ENV, type Lockstep } from './lockstep.js';

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
 * aborting sends the child SIGTERM. With `lockstep`, the child gets a socket as file descriptor 3
 * (named by LOCKSTEP_FD_ENV) and joins the coordinator under `lockstep.name`. Resolves when it exits (a
 * command that cannot start resolves with code null and the reason in the tail). Never rejects.
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: { cwd: string; signal?: AbortSignal; env?: NodeJS.ProcessEnv; lockstep?: { coordinator: Lockstep; name: string } },
): Promise<ChildResult> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter((l) => l.trim() !== ''));
      if (lines.length > TAIL_LINES) lines.splice(0, lines.length - TAIL_LINES);
    };
    const env = options.env ?? process.env;
    const stdio = options.lockstep ? (['ignore', 'pipe', 'pipe', 'pipe'] as const) : (['ignore', 'pipe', 'pipe'] as const);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.lockstep ? { ...env, [LOCKSTEP_FD_ENV]: '3' } : env,
      stdio: [...stdio],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const socket = child.stdio[3] as Socket | null | undefined;
    const leave = options.lockstep && socket ? options.lockstep.coordinator.join(options.lockstep.name, socket) : undefined;
    if (leave) child.on('exit', leave);
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name !== 'AbortError') lines.push(`cannot run ${command}: ${error.code ?? error.message}`);
    });
    child.on('close', (code, signal) => resolve({ code, signal, tail: lines }));
  });
}
