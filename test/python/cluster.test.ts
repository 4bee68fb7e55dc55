// Bring your own cluster, for real on loopback (needs `parbench setup python`): a Dask scheduler and two
// workers started as separate commands, a Ray head started with `ray start --head`, and a Parsl config
// file with HTEX on a LocalProvider; parbench runs against each by its address or path, records the
// cluster as it reports itself, and afterwards no process of the cluster and no port it listened on is left.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processesInSession } from '../../src/backends/sweep.js';
import { pythonDir, setupState, venvDir } from '../../src/backends/python/venv.js';
import { parbench, startParbench, tempDir } from '../cli/cli.js';
import { isLoopback, leftListening, listeningIn, startDetached, waitFor, type Started } from '../helpers/cluster.js';

const ready = setupState()?.libraries?.ray !== undefined;
const bin = (name: string) => join(venvDir(), 'bin', name);
const env = { PYTHONPATH: pythonDir(), RAY_USAGE_STATS_ENABLED: '0' };
const quick = ['--n', '5', '--grains', '1e-5', '--repeats', '1', '--warmup', '0', '--json'];

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A command of the cluster's: a program of the project's virtual environment, or Ray's, Dask's or Parsl's. */
const clusters = (command: string) => command.includes(venvDir()) || /\b(ray|raylet|gcs_server|dask|parsl)\b/i.test(command);

/**
 * Stop `started` and check: none of its processes is left, and no process of the cluster (one that
 * started before the stop: leftListening) still listens on a port it listened on.
 */
async function stopAndCheck(started: Started[], listening: string[]): Promise<void> {
  for (const s of started) await s.stop();
  const stopped = Date.now();
  expect(started.flatMap((s) => processesInSession(s.session))).toEqual([]);
  expect(leftListening(listening, stopped, clusters)).toEqual([]);
}

/** parbench run to its end without blocking the test worker (runs on a cluster take tens of seconds). */
function parbenchAsync(args: string[], cwd = tempDir(), extra: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = startParbench(args, cwd, extra);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

/** The one point of a `--json` run, and its exit status. */
function pointOf(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr.split('\n').filter((l) => /Traceback/.test(l))).toEqual([]);
  return { status: run.status, point: JSON.parse(run.stdout).points[0] };
}

describe.skipIf(!ready)('a cluster of the user\'s own, by its address', () => {
  const started: Started[] = [];
  afterAll(async () => {
    for (const s of started) await s.stop();
  });

  it('runs dask-distributed on a dask scheduler and two dask workers started apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parbench-dask-'));
    const file = join(dir, 'scheduler.json');
    const loopback = ['--host', '127.0.0.1', '--dashboard-address', '127.0.0.1:0', '--no-dashboard'];
    const scheduler = startDetached(bin('dask'), ['scheduler', '--port', '0', '--scheduler-file', file, ...loopback], env);
    started.push(scheduler);
    await waitFor(() => { try { return JSON.parse(readFileSync(file, 'utf8')).address !== undefined; } catch { return false; } }, 60_000, 'no scheduler file', scheduler.output);
    const address: string = JSON.parse(readFileSync(file, 'utf8')).address;
    const workers = [1, 2].map(() => startDetached(bin('dask'), ['worker', '--scheduler-file', file, '--nthreads', '1', ...loopback], env));
    started.push(...workers);
    const cluster = [scheduler, ...workers];
    await waitFor(() => listeningIn(workers.map((w) => w.session)).length >= 2, 60_000, 'the workers did not listen', () => workers.map((w) => w.output()).join('\n'));

    const { status, point } = pointOf(await parbenchAsync(['run', 'fib', ...quick, '--backends', 'dask-distributed', '--dask-scheduler', address]));
    expect(status).toBe(0);
    expect(point).toMatchObject({ backend: 'dask-distributed', workers: 2, verified: true, cluster: { address, workers: 2, cores: 2 } });
    expect(point.cluster.versions).toMatchObject({ dask: setupState()!.libraries!.dask });

    const fewer = pointOf(await parbenchAsync(['run', 'fib', ...quick, '--backends', 'dask-distributed', '--dask-scheduler', address, '--workers', '1']));
    expect(fewer.point).toMatchObject({ workers: 1, verified: true, cluster: { workers: 2, cores: 2, usedCores: 1 }, metrics: { usableWorkers: 1 } });

    const listening = listeningIn(cluster.map((s) => s.session));
    expect(listening.length).toBeGreaterThanOrEqual(3);
    expect(listening.filter((a) => !isLoopback(a))).toEqual([]);
    await stopAndCheck(cluster, listening);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs ray on a head node that ray start --head started on 127.0.0.1', async () => {
    const port = await freePort();
    const temp = mkdtempSync('/tmp/pbray-');
    // `ray start` replaces a loopback node address with the machine's outside one; keep 127.0.0.1 so that
    // every server it starts binds loopback (as parbench's own ray backend does).
    const keep = 'from ray._private import services; services.resolve_ip_for_localhost = lambda host: host; from ray.scripts.scripts import main; main()';
    const head = startDetached(bin('python'), ['-c', keep, 'start', '--head', '--block', '--node-ip-address', '127.0.0.1', '--port', String(port), '--num-cpus', '2', '--include-dashboard', 'false', '--disable-usage-stats', '--temp-dir', temp], env);
    started.push(head);
    await waitFor(() => /will now block forever/.test(head.output()), 120_000, 'ray start --head did not come up', head.output);

    const run = await parbenchAsync(['run', 'fib', ...quick, '--backends', 'ray', '--ray-address', `127.0.0.1:${port}`], tempDir(), { RAY_AUTH_MODE: 'token' });
    const { status, point } = pointOf(run);
    expect(status).toBe(0);
    expect(point).toMatchObject({ backend: 'ray', workers: 2, verified: true, cluster: { address: `127.0.0.1:${port}`, workers: 2, cores: 2, nodes: 1 } });

    const listening = listeningIn([head.session]);
    expect(listening).toContain(`::ffff:127.0.0.1:${port}`);
    expect(listening.filter((a) => !isLoopback(a))).toEqual([]);
    await stopAndCheck([head], listening);
    rmSync(temp, { recursive: true, force: true });
  });

  it('runs parsl-htex with the config a file defines, passed by path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'htex_local.py'), [
      'from parsl.config import Config',
      'from parsl.executors import HighThroughputExecutor',
      'from parsl.providers import LocalProvider',
      "config = Config(executors=[HighThroughputExecutor(label='local_htex', address='127.0.0.1', max_workers_per_node=2, cores_per_worker=1e-6, provider=LocalProvider())], strategy='none')",
      '',
    ].join('\n'));
    const { status, point } = pointOf(await parbenchAsync(['run', 'fib', ...quick, '--backends', 'parsl-htex', '--parsl-config', 'htex_local.py'], dir));
    expect(status).toBe(0);
    expect(point).toMatchObject({ backend: 'parsl-htex', workers: 2, verified: true, cluster: { address: join(dir, 'htex_local.py'), workers: 2, executors: ['local_htex'] } });
  });

  it('says in one line, exit 1, that a scheduler cannot be reached, and leaves nothing', async () => {
    const port = await freePort();
    const run = await parbenchAsync(['run', 'fib', ...quick.filter((a) => a !== '--json'), '--backends', 'dask-distributed', '--dask-scheduler', `tcp://127.0.0.1:${port}`, '--quiet']);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/Traceback|\n\s+at /);
    expect(run.stderr).toMatch(new RegExp(`dask-distributed: a task failed: OSError: Timed out trying to connect to tcp://127\\.0\\.0\\.1:${port}`));
  });

  it('refuses a bad address or config file before anything runs: one line, exit 2', () => {
    const bad = parbench(['run', 'fib', '--backends', 'dask-distributed', '--dask-scheduler', 'nowhere']);
    expect({ status: bad.status, stderr: bad.stderr.trim() }).toEqual({ status: 2, stderr: 'parbench: --dask-scheduler: "nowhere" is not a Dask scheduler address (tcp://HOST:PORT, tls://HOST:PORT or HOST:PORT)' });
    const file = parbench(['run', 'fib', '--backends', 'parsl-htex', '--parsl-config', 'missing.py']);
    expect(file.status).toBe(2);
    expect(file.stderr.trim().split('\n')).toHaveLength(1);
    expect(file.stderr).toMatch(/--parsl-config: cannot read .*missing\.py: no such file or directory \(ENOENT\)/);
  });
});
