/** `shm`: the shared-memory executor (see docs/shm.md). */
import type { ExecutorBackend } from '../backend.js';
import { ShmExecutor } from './executor.js';

import type { ShmSettings } from './executor.js';

/** Default spins before parking, in loads of a shared word (see docs/shm.md for how they were chosen). */
export const DEFAULT_SETTINGS: ShmSettings = { spin: 2_000, idleSpin: 0, driverSpin: 5_000, driverTakes: true, team: true, prime: true, primeSpin: 200_000, warmTasks: 100_000, warmMs: 150 };

function fromEnv(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

/**
 * PARBENCH_SHM_SPIN, PARBENCH_SHM_IDLE_SPIN, PARBENCH_SHM_DRIVER_SPIN, PARBENCH_SHM_PRIME_SPIN (loads),
 * PARBENCH_SHM_WARM_TASKS (tasks), PARBENCH_SHM_WARM_MS (milliseconds),
 * PARBENCH_SHM_DRIVER_TAKES, PARBENCH_SHM_TEAM and PARBENCH_SHM_PRIME (0 or 1) override the defaults (for tuning); the
 * settings used are recorded with every point.
 */
export function shmSettings(env: NodeJS.ProcessEnv = process.env): ShmSettings {
  return {
    spin: fromEnv(env.PARBENCH_SHM_SPIN, DEFAULT_SETTINGS.spin),
    idleSpin: fromEnv(env.PARBENCH_SHM_IDLE_SPIN, DEFAULT_SETTINGS.idleSpin),
    driverSpin: fromEnv(env.PARBENCH_SHM_DRIVER_SPIN, DEFAULT_SETTINGS.driverSpin),
    driverTakes: fromEnv(env.PARBENCH_SHM_DRIVER_TAKES, DEFAULT_SETTINGS.driverTakes ? 1 : 0) !== 0,
    team: fromEnv(env.PARBENCH_SHM_TEAM, DEFAULT_SETTINGS.team ? 1 : 0) !== 0,
    prime: fromEnv(env.PARBENCH_SHM_PRIME, DEFAULT_SETTINGS.prime ? 1 : 0) !== 0,
    primeSpin: fromEnv(env.PARBENCH_SHM_PRIME_SPIN, DEFAULT_SETTINGS.primeSpin),
    warmTasks: fromEnv(env.PARBENCH_SHM_WARM_TASKS, DEFAULT_SETTINGS.warmTasks),
    warmMs: fromEnv(env.PARBENCH_SHM_WARM_MS, DEFAULT_SETTINGS.warmMs),
  };
}

export const shmBackend: ExecutorBackend = {
  kind: 'executor',
  name: 'shm',
  description: 'worker_threads over SharedArrayBuffer: task ids in a shared ring, inputs and results in shared memory',
  parallel: true,
  availability: () => ({ available: true }),
  open: (options) => ShmExecutor.open('shm', options, shmSettings()),
};
