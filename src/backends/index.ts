/** The backend registry: every backend parbench knows, by name, in the order tables show them. */
import type { Backend } from './backend.js';
import { piscinaAtomicsAsyncBackend, piscinaBackend, piscinaC16Backend, piscinaNoAtomicsBackend } from './piscina.js';
import { processBackend } from './process.js';
import { pythonBackends } from './python/index.js';
import { sequentialBackend } from './sequential.js';
import { shmBackend } from './shm/index.js';
import { tinypoolBackend } from './tinypool.js';
import { workerpoolBackend } from './workerpool.js';
import { workerBackend } from './worker.js';

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
];

export function backendNames(): string[] {
  return backends.map((b) => b.name);
}

/** Backends this process runs through an Executor (every one but the remote-timed Python ones). */
export function localBackendNames(): string[] {
  return backends.filter((b) => !b.remote).map((b) => b.name);
}

export function findBackend(name: string): Backend | undefined {
  return backends.find((b) => b.name === name);
}

export type { Availability, Backend, BatchResults, Executor, ExecutorSettings, OpenOptions, RemotePlan, RemoteSession, RemoteTiming, TaskGraph, TaskMessage } from './backend.js';
