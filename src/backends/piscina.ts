/**
 * `piscina`: the piscina worker-thread pool library, one task per worker at a time (its default), and
 * variants with one option changed, so a table shows which library options matter.
 */
import { Piscina } from 'piscina';
import type { Executor, ExecutorBackend, OpenOptions } from './backend.js';
import { libraryExecutor } from './library.js';
import { entryUrl } from './paths.js';
import { hostInit } from './task-host.js';

/** The piscina options a variant changes. */
export interface PiscinaVariant {
  concurrentTasksPerWorker?: number;
  atomics?: 'sync' | 'async' | 'disabled';
}

function open(name: string, variant: PiscinaVariant, options: OpenOptions): Promise<Executor> {
  const pool = new Piscina({
    filename: entryUrl('piscina-entry').href,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: Number.MAX_SAFE_INTEGER,
    workerData: hostInit(options),
    ...variant,
  });
  // No per-task AbortSignal: each run() would add a listener to it, and adding to an EventTarget that
  // already holds thousands of listeners costs time that grows with the queue. A stall destroys the
  // pool instead, which fails every pending task.
  return libraryExecutor(name, options, {
    run: (task) => pool.run(task),
    warm: () => pool.run(null, { name: 'ready' }),
    destroy: () => pool.destroy(),
    workerDied: (detail) => /^worker exited/i.test(detail),
    settings: { library: 'piscina', concurrentTasksPerWorker: variant.concurrentTasksPerWorker ?? 1, atomics: variant.atomics ?? 'sync' },
  });
}

function piscinaVariant(name: string, description: string, variant: PiscinaVariant): ExecutorBackend {
  return { kind: 'executor', name, description, parallel: true, availability: () => ({ available: true }), open: (options) => open(name, variant, options) };
}

/** piscina with its default options; the variants below change one option each. */
export const piscinaBackend = piscinaVariant('piscina', 'piscina worker-thread pool (library executor), default options', {});
export const piscinaC16Backend = piscinaVariant('piscina-c16', 'piscina with concurrentTasksPerWorker: 16', { concurrentTasksPerWorker: 16 });
export const piscinaAtomicsAsyncBackend = piscinaVariant('piscina-atomics-async', "piscina with atomics: 'async'", { atomics: 'async' });
export const piscinaNoAtomicsBackend = piscinaVariant('piscina-no-atomics', "piscina with atomics: 'disabled'", { atomics: 'disabled' });
