import { describe, expect, it } from 'vitest';
import { layOutGraph } from '../../src/backends/shm/graph.js';
import { CTL, CTL_LENGTH, STOP_SLOT, type LoadMessage } from '../../src/backends/shm/protocol.js';
import { bindPoint, driverTakes, runGraph, runIndependent, type ShmSuite } from '../../src/backends/shm/task-runner.js';
import { executeInline, prepare } from '../../src/runner/execute.js';
import { fib } from '../../suites/fib.js';
import { square } from '../../suites/square.js';
import type { AnySuite, Task } from '../../suites/suite.js';
// @ts-expect-error plain JavaScript fixture (workers import it as is)
import * as fixtures from '../fixtures/dag.js';
import { independent, randomDag } from '../fixtures/graphs.js';

/** One thread's view of a run, set up as the driver does before RUN (no other thread takes part). */
function point(suite: ShmSuite & { shared: NonNullable<ShmSuite['shared']> }, tasks: Task<unknown>[]) {
  const prepared = prepare(tasks);
  const laid = layOutGraph(prepared);
  const layout = suite.shared.layout(tasks as never);
  const msg: LoadMessage = { results: 'shared', count: tasks.length, graph: laid.shared, layout };
  const ctl = new Int32Array(new SharedArrayBuffer(CTL_LENGTH * 4));
  const bound = bindPoint(suite, msg, ctl, { context: undefined });
  bound.ring.set(laid.rootSlots);
  bound.pending.set(laid.depCounts);
  Atomics.store(ctl, CTL.TAIL, laid.rootSlots.length);
  Atomics.store(ctl, CTL.ROOTS, laid.rootSlots.length);
  Atomics.store(ctl, CTL.SINKS, laid.sinks);
  Atomics.store(ctl, CTL.COUNT, tasks.length);
  return { ctl, bound, roots: laid.rootSlots.length, results: () => suite.shared.collect(layout, tasks.length) };
}

const reference = (suite: AnySuite, tasks: Task<unknown>[]) => executeInline(suite, tasks, undefined);

describe('shm task runner, one thread', () => {
  it('a graph run alone runs every task, each released dependent in turn, then finds STOP and leaves', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const tasks = randomDag(1 + ((seed * 53) % 400), seed);
      const p = point(fixtures.dag, tasks);
      expect(runGraph(p.ctl, p.bound, 1, 10)).toBeUndefined();
      expect(p.results()).toEqual(reference(fixtures.dag, tasks));
      // Every slot the ring did not need holds STOP.
      const used = Atomics.load(p.ctl, CTL.TAIL);
      expect(Array.from(p.bound.ring.subarray(used)).every((v) => v === STOP_SLOT)).toBe(true);
    }
  });

  it('fib and square through their direct shared runs equal the kernel\'s results', () => {
    const fibTasks = fib.split(fib.makeInput({ n: 12 }, 1), { chunk: 1, work: 3 });
    const f = point(fib as never, fibTasks);
    expect(runGraph(f.ctl, f.bound, 2, 10)).toBeUndefined();
    expect(f.results()).toEqual(reference(fib, fibTasks));
    const input = square.makeInput({ n: 2, tile: 256 }, 5);
    const squareTasks = square.split(input, { chunk: 7, work: 2 });
    const s = point(square as never, squareTasks);
    expect(runIndependent(s.ctl, s.bound, 2)).toBeUndefined();
    expect(s.results()).toEqual(reference(square, squareTasks));
  });

  it('the driver takes the tasks ready at the start while no worker has joined, releasing their dependents into the ring', () => {
    const tasks = randomDag(200, 4);
    const p = point(fixtures.dag, tasks);
    expect(driverTakes(p.ctl, p.bound, 2, p.roots, true)).toEqual({ drained: true, error: undefined });
    expect(Atomics.load(p.ctl, CTL.HEAD)).toBe(p.roots);
    // What it released waits in the ring for the workers; a worker then finishes the run.
    expect(Atomics.load(p.ctl, CTL.TAIL)).toBeGreaterThan(p.roots);
    expect(runGraph(p.ctl, p.bound, 2, 10)).toBeUndefined();
    expect(p.results()).toEqual(reference(fixtures.dag, tasks));
  });

  it('the driver takes nothing once every worker has joined, and returns what a task threw', () => {
    const p = point(fixtures.dag, independent(50, 2));
    Atomics.store(p.ctl, CTL.JOINED, 2);
    expect(driverTakes(p.ctl, p.bound, 2, 50, false)).toEqual({ drained: false, error: undefined });
    expect(Atomics.load(p.ctl, CTL.HEAD)).toBe(0);
    const throwing = point(fixtures.dag, independent(50, 2, 7));
    const taken = driverTakes(throwing.ctl, throwing.bound, 2, 50, false);
    expect(taken.drained).toBe(false);
    expect(String(taken.error)).toMatch(/fixture task 7 throws/);
    expect(Atomics.load(throwing.ctl, CTL.HEAD)).toBe(8);
  });
});
