/**
 * Bring your own cluster: `--dask-scheduler ADDRESS`, `--ray-address ADDRESS` and `--parsl-config
 * FILE.py` make dask-distributed, ray and parsl-htex run on the user's cluster instead of a pool of their
 * own. This module checks the three values (a malformed address or an unreadable file is a usage error
 * naming the flag, exit 2) and says which backend each one is for.
 */
import { resolve } from 'node:path';
import { parbenchError } from '../errors.js';
import { readRegularFile, MAX_CONFIG_BYTES } from './read-file.js';

/** The config keys that name a cluster, the flag that sets each, and the backend it applies to. */
export const CLUSTER_KEYS = {
  daskScheduler: { flag: '--dask-scheduler', backend: 'dask-distributed' },
  rayAddress: { flag: '--ray-address', backend: 'ray' },
  parslConfig: { flag: '--parsl-config', backend: 'parsl-htex' },
} as const;

/** A config key naming a cluster. */
export type ClusterKey = keyof typeof CLUSTER_KEYS;

const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** Throws BAD_FLAG quoting `text` unless `rest` (text without its scheme) is HOST:PORT with a port 1…65535. */
function hostPort(flag: string, text: string, rest: string, what: string): void {
  const port = HOST_PORT.exec(rest)?.[1];
  if (port === undefined || Number(port) < 1 || Number(port) > 65535) {
    throw parbenchError('BAD_FLAG', flag, `"${text}" is not ${what}`);
  }
}

/**
 * A Dask scheduler's address: `tcp://HOST:PORT` or `tls://HOST:PORT` (or HOST:PORT, taken as tcp).
 * Returns it as given; throws BAD_FLAG (exit 2) naming the flag and the allowed forms.
 */
export function parseDaskScheduler(text: string, flag: string = CLUSTER_KEYS.daskScheduler.flag): string {
  const rest = text.replace(/^(tcp|tls):\/\//, '');
  hostPort(flag, text, rest, 'a Dask scheduler address (tcp://HOST:PORT, tls://HOST:PORT or HOST:PORT)');
  return text;
}

/**
 * A Ray cluster's address: `HOST:PORT` (the head node's GCS, as `ray start --head` prints it) or
 * `ray://HOST:PORT` (Ray Client). Returns it as given; throws BAD_FLAG (exit 2) naming the allowed forms.
 */
export function parseRayAddress(text: string, flag: string = CLUSTER_KEYS.rayAddress.flag): string {
  hostPort(flag, text, text.replace(/^ray:\/\//, ''), 'a Ray cluster address (HOST:PORT of the head node, or ray://HOST:PORT)');
  return text;
}

/**
 * A Parsl config file: a regular `.py` file that can be read, taken from `cwd` when relative. Returns its
 * absolute path; throws BAD_FLAG (exit 2) naming the flag, the path and the reason.
 */
export function checkParslConfig(text: string, cwd: string, flag: string = CLUSTER_KEYS.parslConfig.flag): string {
  const path = resolve(cwd, text);
  if (!path.endsWith('.py')) throw parbenchError('BAD_FLAG', flag, `"${text}" is not a Python file (FILE.py defining a Parsl Config named config)`);
  try {
    readRegularFile(path, MAX_CONFIG_BYTES);
  } catch (error) {
    throw parbenchError('BAD_FLAG', flag, `cannot read ${path}: ${(error as Error).message}`);
  }
  return path;
}

/**
 * The clusters of a configuration, by the backend each is for (backend → address or file path), checked
 * as the parse functions above do. Throws BAD_FLAG (exit 2) when a cluster is given for a backend the run
 * does not select.
 */
export function resolveClusters(values: Partial<Record<ClusterKey, string>>, backends: readonly string[], cwd: string): Record<string, string> {
  const clusters: Record<string, string> = {};
  for (const [key, { flag, backend }] of Object.entries(CLUSTER_KEYS) as [ClusterKey, (typeof CLUSTER_KEYS)[ClusterKey]][]) {
    const value = values[key];
    if (value === undefined) continue;
    if (!backends.includes(backend)) throw parbenchError('BAD_FLAG', flag, `runs the ${backend} backend on that cluster, but the run does not select ${backend} (add it to --backends)`);
    clusters[backend] = key === 'daskScheduler' ? parseDaskScheduler(value, flag) : key === 'rayAddress' ? parseRayAddress(value, flag) : checkParslConfig(value, cwd, flag);
  }
  return clusters;
}
