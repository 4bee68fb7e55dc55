// Issue 14, case 2: a pool that never becomes ready fails its start-up within the start-up timeout (or
// at once when the run is stopped), with every worker it started stopped; nothing waits forever.
import { execFileSync, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findExecutorBackend } from '../../src/backends/index.js';
import { killStarted, trackChild } from '../../src/backends/children.js';
import { withinStartup } from '../../src/backends/startup.js';
import { RunStop } from '../../src/api/interrupt.js';
import { rejection } from './helpers.js';
import { fib } from '../../suites/fib.js';
import { prepare } from '../../src/runner/execute.js';
import { openReferenceIsolate } from '../../src/runner/reference-isolate.js';

const STUCK_URL = pathToFileURL(new URL('../fixtures/stuck-suite.mjs', import.meta.url).pathname).href;
const executors = ['sequential', 'worker', 'process', 'piscina', 'tinypool', 'workerpool', 'shm'];

/** Process ids of this process's children running the `process` backend's entry. */
function poolChildren(): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('process-entry'))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

const open = (backend: string, extra: { startupTimeoutSeconds?: number; signal?: AbortSignal }) =>
  findExecutorBackend(backend)!.open({ workers: 2, suiteUrl: STUCK_URL, suiteExport: 'stuck', context: undefined, taskTimeoutSeconds: 1, ...extra });

describe.each(executors)('%s backend, a pool that never becomes ready', (backend) => {
  it('fails with STARTUP_TIMEOUT after the start-up timeout, its workers stopped', async () => {
    const error = await rejection(open(backend, { startupTimeoutSeconds: 0.5 }));
    expect(error.code).toBe('STARTUP_TIMEOUT');
    const what = backend === 'sequential' ? 'sequential: the suite module' : `${backend}: the pool`;
    expect(error.message).toBe(`${what} did not start within 0.5 s (raise --startup-timeout if that is expected)`);
    expect(error.exitCode).toBe(1);
    expect(poolChildren()).toEqual([]);
  });

  it('fails with INTERRUPTED as soon as the run is stopped, without a timeout', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await rejection(open(backend, { startupTimeoutSeconds: 0, signal: controller.signal }));
    expect(error.code).toBe('INTERRUPTED');
    expect(poolChildren()).toEqual([]);
  });
});

describe('the reference isolate', () => {
  it('fails with STARTUP_TIMEOUT when its suite module never loads, the isolate stopped', async () => {
    const input = fib.makeInput({ n: 3 }, 1);
    const prepared = prepare(fib.split(input, { chunk: 1, work: 0 }));
    const work = { suite: fib, context: undefined, suiteUrl: STUCK_URL, suiteExport: 'stuck', prepared, verify: () => null };
    const error = await rejection(openReferenceIsolate(work, 0.001, { startupTimeoutSeconds: 0.5 }));
    expect(error.message).toBe('fib reference isolate did not start within 0.5 s (raise --startup-timeout if that is expected)');
  });
});

describe('withinStartup', () => {
  it('passes a start-up through, and its failure', async () => {
    await expect(withinStartup('x', Promise.resolve(3), { startupTimeoutSeconds: 1 })).resolves.toBe(3);
    await expect(withinStartup('x', Promise.reject(new Error('no')), { startupTimeoutSeconds: 1 })).rejects.toThrow('no');
  });

  it('fails at once when the signal has already aborted', async () => {
    const error = await rejection(withinStartup('x', new Promise(() => undefined), { signal: AbortSignal.abort() }));
    expect(error.message).toBe('interrupted by signal; results measured so far were written');
  });
});

// Issue 14, case 4: a forced stop kills every process the run started.
describe('a forced stop', () => {
  it('kills every tracked child at once on the second request, then calls onForced', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    trackChild(child);
    const exited = new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let forced = 0;
    const stop = new RunStop(() => forced++, 60);
    expect(stop.request()).toBe('stopping');
    expect(stop.signal.aborted).toBe(true);
    expect(forced).toBe(0);
    expect(stop.request()).toBe('forced');
    expect(forced).toBe(1);
    expect(await exited).toBe('SIGKILL');
    expect(killStarted()).toBe(0);
  });

  it('forces by itself once the grace period has passed', async () => {
    let forced = 0;
    const stop = new RunStop(() => forced++, 0.05);
    stop.request();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(forced).toBe(1);
  });
});
