/**
 * The backend registry: every backend parbench knows, by name, in the order tables show them. A new
 * backend, of either kind (executor or remote, see backend.ts and remote.ts), is one file exporting it
 * plus one line here.
 */
import type { Backend, ExecutorBackend } from './backend.js';
import { nativeBackends } from './native.js';
import { piscinaAtomicsAsyncBackend, piscinaBackend, piscinaC16Backend, piscinaNoAtomicsBackend } from './piscina.js';
import { processBackend } from './process.js';
import { pythonBackends } from './python/index.js';
import { sequentialBackend } from './sequential.js';
import { shmBackend } from './shm/index.js';
import { tinypoolBackend } from './tinypool.js';
import { workerpoolBackend } from './workerpool.js';
import { workerBackend } from './worker.js';

/** Every backend, executor and remote, in the order tables show them. */
export const backends: readonly Backend[] = [
  sequentialBackend,
  workerBackend,
  processBackend,
  piscinaBackend,
  piscinaC16Backend,
  piscinaAtomicsAsyncBackend,
  piscinaNoAtomicsBackend,
  tinypoolBackend,
  workerpoolBackend,
  shmBackend,
  ...pythonBackends,
  ...nativeBackends,
];

/** Every backend's name, in registry order. */
export function backendNames(): string[] {
  return backends.map((b) => b.name);
}

/** Names of the executor backends (those this process runs through an Executor), in registry order. */
export function localBackendNames(): string[] {
  return backends.filter((b) => b.kind === 'executor').map((b) => b.name);
}

/** The backend called `name`, of either kind; undefined when there is none. */
export function findBackend(name: string): Backend | undefined {
  return backends.find((b) => b.name === name);
}

/** The executor backend called `name`; undefined when there is none or it is a remote backend. */
export function findExecutorBackend(name: string): ExecutorBackend | undefined {
  const backend = findBackend(name);
  return backend?.kind === 'executor' ? backend : undefined;
}

export type { Availability, Backend, BackendInfo, BatchResults, Executor, ExecutorBackend, ExecutorSettings, OpenOptions, TaskGraph, TaskMessage, TaskTimes, TracedResult } from './backend.js';
export type { DriverPointRequest, RemoteBackend, RemotePlan, RemoteSession, RemoteStartOptions, RemoteSweepRow, RemoteTiming, RemoteTrace, SequentialSamples, TunedKnob } from './remote.js';
