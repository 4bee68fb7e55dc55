// SuitePools: what a run keeps open across one suite's grains, closed when another suite starts or the run ends.
import { describe, expect, it } from 'vitest';
import type { Executor } from '../../src/backends/index.js';
import { OpenSet } from '../../src/runner/rounds.js';
import { SuitePools } from '../../src/runner/suite-pools.js';
import type { ReferenceHost } from '../../src/runner/reference-isolate.js';

function fakeExecutor(name: string, log: string[]): Executor {
  return { backend: name, workers: 2, submit: () => Promise.reject(new Error('not used')), close: async () => void log.push(`close ${name}`) };
}

function fakeHost(log: string[]): ReferenceHost {
  return { request: () => Promise.reject(new Error('not used')), close: async () => void log.push('close isolate') };
}

describe('SuitePools', () => {
  it('gives a kept pool back once, by backend and workers', async () => {
    const log: string[] = [];
    const pools = new SuitePools(new OpenSet());
    await pools.enter('fib');
    const executor = fakeExecutor('worker', log);
    await pools.keep('worker', 2, { executor, startupSeconds: 0.03, openedFor: 1e-6 });
    expect(pools.take('worker', 1)).toBeUndefined();
    expect(pools.take('worker', 2)).toEqual({ executor, startupSeconds: 0.03, openedFor: 1e-6 });
    expect(pools.take('worker', 2)).toBeUndefined();
    expect(log).toEqual([]);
  });

  it('closes what the previous suite kept when another suite starts, and nothing when the same suite goes on', async () => {
    const log: string[] = [];
    const opened = new OpenSet();
    const pools = new SuitePools(opened);
    await pools.enter('fib');
    const worker = opened.add(fakeExecutor('worker', log));
    const host = opened.add(fakeHost(log));
    await pools.keep('worker', 2, { executor: worker, startupSeconds: 0.03, openedFor: 1e-6 });
    await pools.keepHost(host);
    await pools.enter('fib');
    expect(log).toEqual([]);
    await pools.enter('square');
    expect(log.sort()).toEqual(['close isolate', 'close worker']);
    expect(pools.take('worker', 2)).toBeUndefined();
    expect(pools.takeHost()).toBeUndefined();
  });

  it('closes a pool kept under the same key before, and everything at the end', async () => {
    const log: string[] = [];
    const opened = new OpenSet();
    const pools = new SuitePools(opened);
    await pools.enter('fib');
    await pools.keep('piscina', 2, { executor: opened.add(fakeExecutor('first', log)), startupSeconds: 0.01, openedFor: 1e-6 });
    await pools.keep('piscina', 2, { executor: opened.add(fakeExecutor('second', log)), startupSeconds: 0.01, openedFor: 1e-6 });
    expect(log).toEqual(['close first']);
    await pools.closeAll();
    expect(log).toEqual(['close first', 'close second']);
    await opened.closeAll();
    expect(log).toEqual(['close first', 'close second']);
  });

  it('leaves a stop of the run to close what it keeps (the OpenSet tracks it)', async () => {
    const log: string[] = [];
    const opened = new OpenSet();
    const pools = new SuitePools(opened);
    await pools.enter('fib');
    await pools.keep('worker', 2, { executor: opened.add(fakeExecutor('worker', log)), startupSeconds: 0.01, openedFor: 1e-6 });
    await opened.closeAll();
    expect(log).toEqual(['close worker']);
    await pools.closeAll();
    expect(log).toEqual(['close worker']);
  });
});
