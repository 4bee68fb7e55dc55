/**
 * Running an shm point's tasks in a thread, the same code in every worker and in the driver: bind a
 * point's layout (`bindPoint`), then claim and run tasks (`runIndependent`, `runGraph` in the workers,
 * `driverTakes` in the driver while the workers wake). See protocol.ts for the claim rules.
 */
import { threadId } from 'node:worker_threads';
import type { SharedForm } from '../../../suites/shared.js';
import { busyWork } from '../busy-work.js';
import { commonClockMs } from '../trace-clock.js';
import type { Kernel } from '../task-host.js';
import { ArenaWriter } from './arena.js';
import { chunkFor, claimFilled, claimReady, CTL, finishSink, push, take, type LoadMessage, type ShmTrace } from './protocol.js';

/** A suite as a thread running shm tasks holds it: the kernel, and the shared form when it has one. */
export interface ShmSuite {
  kernel: Kernel;
  shared?: SharedForm<unknown, unknown>;
}

/** One point bound in one thread: how to run task i, and the graph's shared arrays. */
export interface BoundPoint {
  count: number;
  run: (task: number) => void;
  ring: Int32Array;
  pending: Int32Array;
  dependentStart: Int32Array;
  dependentList: Int32Array;
}

/** Where a thread's fault injection and busy work come from (tests and `--inject-overhead`). */
export interface RunOptions {
  context: unknown;
  injectRounds?: number | undefined;
  /** PARBENCH_SHM_FAULT: "throw:<task>" or "exit:<task>" (see withFault). */
  fault?: string | undefined;
  /** `run --live`: this worker's stores around every task (live-slots.ts liveWriter); absent without --live. */
  live?: (<T>(run: () => T) => T) | undefined;
}

/**
 * `run` writing each task's start and end (common clock, ms) and the running thread's id into `trace`
 * (the driver thread is thread 0); `run` itself when not tracing.
 */
function withTrace(run: (task: number) => void, trace: ShmTrace | undefined): (task: number) => void {
  if (!trace) return run;
  const times = new Float64Array(trace.times);
  const workers = new Int32Array(trace.workers);
  return (i) => {
    times[2 * i] = commonClockMs();
    run(i);
    times[2 * i + 1] = commonClockMs();
    workers[i] = threadId;
  };
}

/** The live view's stores around every task (no span: shm tasks are descriptors); `run` itself without --live. */
function withLive(run: (task: number) => void, live: RunOptions['live']): (task: number) => void {
  return live ? (i) => live(() => run(i)) : run;
}

/**
 * Fault injection for tests of failure handling: "throw:<task>" makes the task with that index throw,
 * "exit:<task>" makes its worker thread exit with code 3 (in the driver thread "exit" is ignored: the
 * driver is no worker). Unset in normal use (no per-task cost).
 */
function withFault(run: (task: number) => void, spec: string | undefined, inDriver: boolean): (task: number) => void {
  const match = /^(throw|exit):(\d+)$/.exec(spec ?? '');
  if (!match || (inDriver && match[1] === 'exit')) return run;
  const at = Number(match[2]);
  return (i) => {
    if (i === at) {
      if (match[1] === 'exit') process.exit(3);
      throw new Error(`injected fault at task ${i}`);
    }
    run(i);
  };
}

/** Busy work before every task (`--inject-overhead`); `run` itself when there is none. */
function withInjected(run: (task: number) => void, rounds: number | undefined): (task: number) => void {
  if (!rounds) return run;
  return (i) => {
    busyWork(rounds);
    run(i);
  };
}

const NO_DEPS: unknown[] = [];

/** The results of task i's dependencies, in order, read with `read`. */
function gather(i: number, depStart: Int32Array, depList: Int32Array, read: (task: number) => unknown): unknown[] {
  const start = depStart[i]!;
  const end = depStart[i + 1]!;
  if (start === end) return NO_DEPS;
  const deps = new Array<unknown>(end - start);
  for (let p = start; p < end; p++) deps[p - start] = read(depList[p]!);
  return deps;
}

/**
 * Bind a point's layout in this thread: task i's payload viewed in shared memory (or taken from the
 * serialized payloads), its kernel run, its result stored in shared slots (or the arena). Throws what
 * the suite's `bind` throws.
 */
export function bindPoint(suite: ShmSuite, msg: LoadMessage, ctl: Int32Array, options: RunOptions, inDriver = false): BoundPoint {
  const g = msg.graph;
  const depStart = new Int32Array(g.depStart);
  const depList = new Int32Array(g.depList);
  const { context } = options;
  let run: (task: number) => void;
  if (msg.results === 'shared') {
    const views = suite.shared!.bind(msg.layout);
    const read = (task: number) => views.result(task);
    const direct = views.run?.bind(views);
    run = direct ? (i) => direct(i, context) : (i) => views.store(i, suite.kernel(views.payload(i), gather(i, depStart, depList, read), context));
  } else {
    const arena = new ArenaWriter(ctl, msg.arena, msg.slots);
    const { payloads } = msg;
    const read = (task: number) => arena.read(task);
    run = (i) => arena.write(i, suite.kernel(payloads[i], gather(i, depStart, depList, read), context));
  }
  return {
    count: msg.count,
    run: withLive(withFault(withTrace(withInjected(run, options.injectRounds), msg.trace), options.fault, inDriver), options.live),
    ring: new Int32Array(g.ring),
    pending: new Int32Array(g.pending),
    dependentStart: new Int32Array(g.dependentStart),
    dependentList: new Int32Array(g.dependentList),
  };
}

/**
 * A run without dependencies: the ring is full before RUN; claim guided chunks of slots. Returns the
 * error a task threw (the caller reports it), or undefined.
 */
export function runIndependent(ctl: Int32Array, p: BoundPoint, workers: number): unknown {
  const { ring, run } = p;
  const n = p.count;
  for (;;) {
    const c = chunkFor(n - Atomics.load(ctl, CTL.HEAD), workers);
    const k = Atomics.add(ctl, CTL.HEAD, c);
    if (k >= n) return undefined;
    for (let s = k, end = Math.min(n, k + c); s < end; s++) {
      try {
        run(ring[s]! - 1);
      } catch (error) {
        return error;
      }
    }
    if (Atomics.load(ctl, CTL.FAILED) !== 0) return undefined;
  }
}

/**
 * Release the tasks waiting on task i: each whose pending count reaches zero goes into the ring, except
 * the first, returned (-1 when none) for the caller to run itself when `keep` is true.
 */
function release(ctl: Int32Array, p: BoundPoint, i: number, keep: boolean): number {
  const { pending, dependentList, ring } = p;
  let next = -1;
  for (let d = p.dependentStart[i]!, end = p.dependentStart[i + 1]!; d < end; d++) {
    const j = dependentList[d]!;
    if (Atomics.sub(pending, j, 1) !== 1) continue;
    if (keep && next < 0) next = j;
    else push(ctl, ring, j);
  }
  return next;
}

/** Run task i, then each dependent it releases, in this thread; the error a task threw, or undefined. */
function runChain(ctl: Int32Array, p: BoundPoint, first: number): unknown {
  for (let i = first; i >= 0; ) {
    try {
      p.run(i);
    } catch (error) {
      return error;
    }
    const next = release(ctl, p, i, true);
    if (p.dependentStart[i] === p.dependentStart[i + 1]) finishSink(ctl, p.ring, p.count);
    i = next;
  }
  return undefined;
}

/**
 * A graph run: claim slots (guided chunks among the ROOTS slots written before RUN, then one at a
 * time), wait for each slot's task (spinning `spin` loads, then parking), run it and the dependents it
 * releases. Returns when a claim passes the last slot, a slot holds STOP_SLOT or the run failed; the
 * error a task threw, or undefined.
 */
export function runGraph(ctl: Int32Array, p: BoundPoint, workers: number, spin: number): unknown {
  const n = p.count;
  const roots = Atomics.load(ctl, CTL.ROOTS);
  for (;;) {
    const head = Atomics.load(ctl, CTL.HEAD);
    const c = head < roots ? Math.min(chunkFor(roots - head, workers), roots - head) : 1;
    const k = Atomics.add(ctl, CTL.HEAD, c);
    for (let s = k, end = Math.min(n, k + c); s < end; s++) {
      const slot = take(ctl, p.ring, s, spin);
      if (slot === 0) return undefined;
      const error = runChain(ctl, p, slot - 1);
      if (error !== undefined) return error;
    }
    if (k + c >= n || Atomics.load(ctl, CTL.FAILED) !== 0) return undefined;
  }
}

/**
 * The driver's share of a run while the workers wake: claim one slot at a time among the `filled`
 * slots written before RUN (never one it would wait on), run its task, release its dependents into the
 * ring, until every worker has joined (JOINED reaches `workers`) or no such slot is left. Returns true
 * when it stopped for want of slots, and the error a task threw, if any.
 */
export function driverTakes(ctl: Int32Array, p: BoundPoint, workers: number, filled: number, graph: boolean): { drained: boolean; error: unknown } {
  while (Atomics.load(ctl, CTL.JOINED) < workers) {
    const slot = claimFilled(ctl, filled);
    if (slot < 0) return { drained: true, error: undefined };
    const i = p.ring[slot]! - 1;
    try {
      p.run(i);
    } catch (error) {
      return { drained: false, error };
    }
    if (graph) {
      release(ctl, p, i, false);
      if (p.dependentStart[i] === p.dependentStart[i + 1]) finishSink(ctl, p.ring, p.count);
    }
  }
  return { drained: false, error: undefined };
}

/**
 * The driver's share of a run as the W-th member of a team (`members` = W). Without dependencies it
 * claims guided chunks like a worker (every slot is filled before RUN, so it never waits). In a graph it
 * claims only slots already holding a task (claimReady), runs each and the dependents it releases
 * (runChain, as a worker does), and when HEAD's slot is still empty spins `spin` loads for it; it leaves
 * when every slot is claimed or every sink is done, the run failed, or the spin ran out (the workers
 * finish without it: it holds no claimed slot). Returns the error a task threw, or undefined.
 */
export function driverWorks(ctl: Int32Array, p: BoundPoint, members: number, independent: boolean, spin: number): unknown {
  if (independent) return runIndependent(ctl, p, members);
  for (let idle = 0; idle <= spin; ) {
    if (Atomics.load(ctl, CTL.FAILED) !== 0 || Atomics.load(ctl, CTL.HEAD) >= p.count || Atomics.load(ctl, CTL.DONE) >= Atomics.load(ctl, CTL.SINKS)) return undefined;
    const slot = claimReady(ctl, p.ring, p.count);
    if (slot < 0) {
      idle++;
      continue;
    }
    idle = 0;
    const error = runChain(ctl, p, p.ring[slot]! - 1);
    if (error !== undefined) return error;
  }
  return undefined;
}
