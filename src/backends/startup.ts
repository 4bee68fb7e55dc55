/**
 * Bounding a start-up: a pool, an isolate or a driver that never reports ready must not hang the run.
 * Every backend waits for its workers through `withinStartup`, and closes what it started when that
 * rejects.
 */
import { parbenchError } from '../errors.js';

/** How long a start-up may take, and what stops it early. */
export interface StartupBounds {
  /** Seconds before the start-up fails with STARTUP_TIMEOUT; 0 or absent: no limit. */
  startupTimeoutSeconds?: number;
  /** Aborting fails the start-up at once with INTERRUPTED (e.g. Ctrl-C while workers are starting). */
  signal?: AbortSignal | undefined;
}

/**
 * `starting` (e.g. every worker's ready message), unless `bounds.startupTimeoutSeconds` (seconds) pass
 * first — then it rejects with STARTUP_TIMEOUT naming `what` — or `bounds.signal` aborts — then with
 * INTERRUPTED. The caller closes what it started on any rejection; a late settlement of `starting` is
 * ignored.
 */
export function withinStartup<T>(what: string, starting: Promise<T>, bounds: StartupBounds): Promise<T> {
  const seconds = bounds.startupTimeoutSeconds ?? 0;
  const { signal } = bounds;
  if (seconds <= 0 && !signal) return starting;
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(parbenchError('INTERRUPTED', 'signal'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (seconds > 0) {
      timer = setTimeout(() => {
        done();
        reject(parbenchError('STARTUP_TIMEOUT', what, seconds));
      }, seconds * 1000);
    }
    starting.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
