/**
 * The common clock of a traced run (run --trace): `performance.timeOrigin + performance.now()` read
 * alike in the main thread, every worker thread and every child process, so task spans from all of them
 * share one time axis. It is counted from TRACE_EPOCH_MS rather than 1970: a double holding
 * milliseconds since 1970 resolves only 2⁻¹² ms (0.24 µs), one since 2020 about 30 ns, and the
 * subtraction is taken from timeOrigin before now() is added, so within a thread a span keeps now()'s
 * resolution. Only tracing reads it; untraced runs time with the runner's Clock alone.
 */
import { isMainThread, threadId } from 'node:worker_threads';

/** Where the common clock counts from: 2020-01-01T00:00:00Z, in milliseconds since the Unix epoch. */
export const TRACE_EPOCH_MS = Date.UTC(2020, 0, 1);

const base = performance.timeOrigin - TRACE_EPOCH_MS;

/** Milliseconds since TRACE_EPOCH_MS on the common clock (performance.timeOrigin + performance.now()). */
export function commonClockMs(): number {
  return base + performance.now();
}

/**
 * This thread as a trace names its worker: `thread <id>` in a worker thread, `pid <pid>` in a process's
 * main thread (a child of the process backend, or parbench's own for the sequential backend).
 */
export function workerName(): string {
  return isMainThread ? `pid ${process.pid}` : `thread ${threadId}`;
}
