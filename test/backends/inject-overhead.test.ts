import { describe, expect, it, vi } from 'vitest';
import { fib } from '../../suites/fib.js';
import { hostInit } from '../../src/backends/task-host.js';
import { calibrateBusyWork } from '../../src/runner/inject-overhead.js';
import { findExecutorBackend } from '../../src/backends/index.js';
import { runnableUrl } from '../../src/backends/paths.js';
import { suiteModule } from '../../suites/index.js';

const calls = vi.hoisted(() => [] as number[]);
vi.mock('../../src/backends/busy-work.js', () => ({ busyWork: (rounds: number) => void calls.push(rounds) }));

async function sequential(injectRounds?: number) {
  const module = suiteModule(fib);
  return findExecutorBackend('sequential')!.open({
    workers: 1,
    suiteUrl: runnableUrl(module.url),
    suiteExport: module.exportName,
    context: undefined,
    taskTimeoutSeconds: 30,
    ...(injectRounds === undefined ? {} : { injectRounds }),
  });
}

describe('--inject-overhead in the backends', () => {
  it('makes every task do the busy work before its kernel, and nothing without it', async () => {
    const input = fib.makeInput({ n: 3 }, 1);
    const [task] = fib.split(input, { chunk: 1, work: 0 }); // a leaf: no dependencies
    calls.length = 0;
    const plain = await sequential();
    const expected = await plain.submit({ payload: task!.payload, deps: [] });
    expect(calls).toEqual([]);
    await plain.close();
    const injected = await sequential(7);
    for (let i = 0; i < 3; i++) expect(await injected.submit({ payload: task!.payload, deps: [] })).toEqual(expected);
    expect(calls).toEqual([7, 7, 7]);
    await injected.close();
  });

  it('passes the rounds to workers only when there are some', () => {
    const base = { workers: 2, suiteUrl: 'file:///s.js', suiteExport: 'fib', context: { a: 1 }, taskTimeoutSeconds: 1 };
    expect(hostInit(base)).toEqual({ suiteUrl: 'file:///s.js', suiteExport: 'fib', context: { a: 1 } });
    expect(hostInit({ ...base, injectRounds: 0 })).toEqual({ suiteUrl: 'file:///s.js', suiteExport: 'fib', context: { a: 1 } });
    expect(hostInit({ ...base, injectRounds: 12 })).toEqual({ suiteUrl: 'file:///s.js', suiteExport: 'fib', context: { a: 1 }, injectRounds: 12 });
  });
});

describe('calibrateBusyWork', () => {
  it('turns seconds into rounds at the rate the clock measures', () => {
    let t = 0;
    const clock = () => t;
    const work = (rounds: number) => void (t += rounds * 2e-9);
    const calibrated = calibrateBusyWork(3e-6, clock, work);
    expect(calibrated).toMatchObject({ seconds: 3e-6, rounds: 1500 });
    expect(calibrated.secondsPerRound).toBeCloseTo(2e-9, 20);
    expect(calibrateBusyWork(0, clock, work).rounds).toBe(0);
    expect(calibrateBusyWork(1e-12, clock, work).rounds).toBe(1);
  });
});
