/**
 * Stopping a run from outside: Ctrl-C, SIGTERM or SIGHUP, or the parent process going away (a
 * supervisor that was killed, or `npx` signalled alone). The first request aborts the run, which closes
 * every pool, isolate and driver (what is still starting included) and ends with the record
 * `interrupted` — written at the stop already. A second request, or the grace period passing before the
 * run has ended, forces: every process the run started is killed at once (SIGKILL) and the caller exits.
 */
import { killStarted } from '../backends/children.js';

/** Seconds a stopping run may take to close its pools before the stop is forced. */
export const FORCE_AFTER_SECONDS = 10;

/** A run's stop: `signal` goes to `run` (RunOptions.signal); `request` is called on every stop request. */
export class RunStop {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private ended = false;

  /**
   * `onForced` is called once a stop is forced, after every process the run started was killed (the
   * CLI exits 130 there); `graceSeconds` (default FORCE_AFTER_SECONDS) is how long a stopping run may
   * take before that.
   */
  constructor(
    private readonly onForced: () => void,
    private readonly graceSeconds = FORCE_AFTER_SECONDS,
  ) {}

  /** Aborted at the first stop request. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * A stop request: the first aborts the run and starts the grace period ('stopping'); any later one,
   * or any once the run has ended (dispose), forces the stop at once ('forced'). Throws nothing itself;
   * `onForced` may exit the process.
   */
  request(): 'stopping' | 'forced' {
    if (this.controller.signal.aborted || this.ended) {
      this.force();
      return 'forced';
    }
    this.controller.abort();
    this.timer = setTimeout(() => this.force(), this.graceSeconds * 1000);
    this.timer.unref();
    return 'stopping';
  }

  /** The run has ended: the grace period is over, and a later request forces at once. */
  dispose(): void {
    this.ended = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private force(): void {
    this.dispose();
    killStarted();
    this.onForced();
  }
}

/**
 * Call `onGone` once when this process's parent has gone: process.ppid, polled every `everyMs`
 * milliseconds (default 500), changes when the process is handed to init or a subreaper. The poll does
 * not keep the process alive. Returns a function that stops watching.
 */
export function watchParent(onGone: () => void, everyMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
