/**
 * A temporary git worktree of a reference commit, for `gate --against`: checked out (detached) into a
 * fresh directory under the system's temporary directory, installed and built there, and always removed
 * — after the gate, on an error, on Ctrl-C, and at process exit as a last resort.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError, parbenchError } from '../errors.js';

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The first line of what a failed git command said. */
function gitError(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  return (typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim().split('\n')[0] : describeError(error))!;
}

/**
 * The top directory of the git repository holding `cwd`. Throws NOT_A_REF (exit 2) naming `ref` when
 * `cwd` is not in a repository (or git cannot run).
 */
export function repositoryRoot(cwd: string, ref: string): string {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']);
  } catch (error) {
    throw parbenchError('NOT_A_REF', ref, gitError(error));
  }
}

/** The full commit id `ref` names in the repository at `root`. Throws NOT_A_REF (exit 2) when it names none. */
export function resolveCommit(root: string, ref: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
  } catch (error) {
    throw parbenchError('NOT_A_REF', ref, gitError(error));
  }
}

/** A detached worktree of one commit in a temporary directory; `remove` takes it away (idempotent). */
export class TemporaryWorktree {
  private removed = false;
  private readonly onExit = () => this.remove();

  private constructor(
    /** The repository the worktree belongs to. */
    readonly root: string,
    /** The temporary directory (the worktree is its `tree` subdirectory). */
    readonly parent: string,
    /** The worktree's directory. */
    readonly dir: string,
  ) {
    process.once('exit', this.onExit);
  }

  /**
   * Check `commit` out (detached) into a new temporary directory. Throws AGAINST_FAILED (exit 1) when git
   * cannot add the worktree; the directory is removed first.
   */
  static create(root: string, commit: string): TemporaryWorktree {
    const parent = mkdtempSync(join(tmpdir(), 'parbench-against-'));
    const dir = join(parent, 'tree');
    try {
      git(root, ['worktree', 'add', '--detach', dir, commit]);
    } catch (error) {
      rmSync(parent, { recursive: true, force: true });
      throw parbenchError('AGAINST_FAILED', `checking out ${commit.slice(0, 12)}`, gitError(error));
    }
    return new TemporaryWorktree(root, parent, dir);
  }

  /** Remove the worktree and its directory, and forget it in the repository; synchronous, idempotent, throws nothing. */
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    process.off('exit', this.onExit);
    try {
      git(this.root, ['worktree', 'remove', '--force', this.dir]);
    } catch {
      // Already gone or never complete: the directory is removed below and git forgets it on prune.
    }
    rmSync(this.parent, { recursive: true, force: true });
    try {
      git(this.root, ['worktree', 'prune']);
    } catch {
      // Nothing left to prune.
    }
  }
}
