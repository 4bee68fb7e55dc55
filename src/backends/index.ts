/** The backend registry: every backend parbench knows, by name, in the order tables show them. */
import type { Backend } from './backend.js';
import { piscinaBackend } from './piscina.js';
import { processBackend } from './process.js';
import { pythonBackends } from './python/index.js';
import { sequentialBackend } from './sequential.js';
import { workerBackend } from './worker.js';

export const backends: readonly Backend[] = [sequentialBackend, workerBackend, processBackend, piscinaBackend, ...pythonBackends];

export function backendNames(): string[] {
  return backends.map((b) => b.name);
}

export function findBackend(name: string): Backend | undefined {
  return backends.find((b) => b.name === name);
}

export type { Availability, Backend, Executor, OpenOptions, RemotePlan, RemoteSession, RemoteTiming, TaskMessage } from './backend.js';
