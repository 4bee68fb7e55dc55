/**
 * An shm worker thread: load the suite once, then loop forever on the control block — idle on EPOCH,
 * LOAD a point's layout from its port (synchronously), RUN by claiming ring slots, running tasks in
 * place and releasing the tasks that depend on them. It never returns to its event loop after start.
 */
import { parentPort, receiveMessageOnPort, threadId, workerData, type MessagePort } from 'node:worker_threads';
import { commonClockMs } from '../trace-clock.js';
import type { SharedForm } from '../../../suites/shared.js';
import { describeError } from '../../errors.js';
import { busyWork } from '../busy-work.js';
import { syncResult, type HostInit, type Kernel } from '../task-host.js';
import { ArenaWriter } from './arena.js';
import { awaitEpoch, chunkFor, CMD, CTL, push, take, type LoadMessage, type ShmTrace } from './protocol.js';

export interface ShmWorkerInit extends HostInit {
  control: SharedArrayBuffer;
  port: MessagePort;
  workers: number;
  /** Loads of a ring slot before parking on it, during a run. */
  spin: number;
  /** Loads of the control word before parking on it, between runs. */
  idleSpin: number;
}

/** Messages from an shm worker to its driver. */
export type FromShmWorker = { type: 'ready' } | { type: 'error'; message: string };

interface Loaded {
  count: number;
  run: (task: number) => void;
  ring: Int32Array;
  pending: Int32Array;
  dependentStart: Int32Array;
  dependentList: Int32Array;
}

const init = workerData as ShmWorkerInit;
const ctl = new Int32Array(init.control);
const post = (msg: FromShmWorker) => parentPort!.postMessage(msg);

type SuiteModule = Record<string, { kernel?: Kernel; shared?: SharedForm<unknown, unknown> } | undefined>;

/**
 * Fault injection for tests of failure handling: PARBENCH_SHM_FAULT="throw:<task>" makes the task with
 * that index throw, "exit:<task>" makes its worker exit. Unset in normal use (no per-task cost).
 */
function withFault(run: (task: number) => void, spec: string | undefined): (task: number) => void {
  const match = /^(throw|exit):(\d+)$/.exec(spec ?? '');
  if (!match) return run;
  const at = Number(match[2]);
  return (i) => {
    if (i === at) {
      if (match[1] === 'exit') process.exit(3);
      throw new Error(`injected fault at task ${i}`);
    }
    run(i);
  };
}

/** Busy work before every task (HostInit.injectRounds, `--inject-overhead`); `run` itself when there is none. */
function withInjected(run: (task: number) => void, rounds: number | undefined): (task: number) => void {
  if (!rounds) return run;
  return (i) => {
    busyWork(rounds);
    run(i);
  };
}

/** `run` writing each task's start and end (common clock) and this thread's id into `trace`; `run` itself when not tracing. */
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

function load(suite: { kernel: Kernel; shared?: SharedForm<unknown, unknown> }, msg: LoadMessage): Loaded {
  const g = msg.graph;
  const depStart = new Int32Array(g.depStart);
  const depList = new Int32Array(g.depList);
  const { context } = init;
  let run: (task: number) => void;
  if (msg.results === 'shared') {
    const views = suite.shared!.bind(msg.layout);
    const read = (task: number) => views.result(task);
    run = (i) => views.store(i, suite.kernel(views.payload(i), gather(i, depStart, depList, read), context));
  } else {
    const arena = new ArenaWriter(ctl, msg.arena, msg.slots);
    const { payloads } = msg;
    const read = (task: number) => arena.read(task);
    run = (i) => arena.write(i, suite.kernel(payloads[i], gather(i, depStart, depList, read), context));
  }
  return {
    count: msg.count,
    run: withFault(withTrace(withInjected(run, init.injectRounds), msg.trace), process.env.PARBENCH_SHM_FAULT),
    ring: new Int32Array(g.ring),
    pending: new Int32Array(g.pending),
    dependentStart: new Int32Array(g.dependentStart),
    dependentList: new Int32Array(g.dependentList),
  };
}

/** Report a failure: the message first, then the flag (the driver sees it when this worker idles). */
function failed(error: unknown): void {
  post({ type: 'error', message: describeError(error) });
  Atomics.store(ctl, CTL.FAILED, 1);
}

/** A run without dependencies: the ring is full before RUN; claim guided chunks of slots. */
function runIndependent(p: Loaded, n: number): void {
  const { ring, run } = p;
  for (;;) {
    const c = chunkFor(n - Atomics.load(ctl, CTL.HEAD), init.workers);
    const k = Atomics.add(ctl, CTL.HEAD, c);
    if (k >= n) return;
    for (let s = k, end = Math.min(n, k + c); s < end; s++) {
      try {
        run(ring[s]! - 1);
      } catch (error) {
        failed(error);
        return;
      }
    }
    if (Atomics.load(ctl, CTL.FAILED) !== 0) return;
  }
}

function runLoop(p: Loaded): void {
  const n = Atomics.load(ctl, CTL.COUNT);
  if (Atomics.load(ctl, CTL.INDEPENDENT) === 1) return runIndependent(p, n);
  const { ring, pending, dependentStart, dependentList } = p;
  for (;;) {
    const k = Atomics.add(ctl, CTL.HEAD, 1);
    if (k >= n) return;
    const slot = take(ctl, ring, k, init.spin);
    if (slot === 0) return;
    const i = slot - 1;
    try {
      p.run(i);
    } catch (error) {
      failed(error);
      return;
    }
    for (let d = dependentStart[i]!, end = dependentStart[i + 1]!; d < end; d++) {
      const j = dependentList[d]!;
      if (Atomics.sub(pending, j, 1) === 1) push(ctl, ring, j);
    }
  }
}

function serveForever(suite: { kernel: Kernel; shared?: SharedForm<unknown, unknown> }): void {
  let epoch = Atomics.load(ctl, CTL.EPOCH);
  let loaded: Loaded | undefined;
  for (;;) {
    if (Atomics.add(ctl, CTL.IDLE, 1) + 1 === init.workers) Atomics.notify(ctl, CTL.IDLE);
    epoch = awaitEpoch(ctl, epoch, init.idleSpin);
    const command = Atomics.load(ctl, CTL.CMD);
    if (command === CMD.STOP) break;
    if (command === CMD.LOAD) {
      try {
        const received = receiveMessageOnPort(init.port);
        if (!received) throw new Error('no layout message for LOAD');
        loaded = load(suite, received.message as LoadMessage);
      } catch (error) {
        loaded = undefined;
        failed(error);
      }
    } else if (command === CMD.RUN && loaded) {
      runLoop(loaded);
    }
  }
  init.port.close();
}

try {
  const mod = (await import(init.suiteUrl)) as SuiteModule;
  const suite = mod[init.suiteExport];
  if (!suite || typeof suite.kernel !== 'function') throw new Error(`${init.suiteUrl} has no suite export "${init.suiteExport}"`);
  const kernel = suite.kernel;
  const ready = { kernel: (payload: unknown, deps: unknown[], context: unknown) => syncResult(kernel.call(suite, payload, deps, context)), ...(suite.shared ? { shared: suite.shared } : {}) };
  post({ type: 'ready' });
  // Leave module evaluation first, so the 'ready' message is delivered before the loop blocks.
  setImmediate(() => serveForever(ready));
} catch (error) {
  post({ type: 'error', message: describeError(error) });
}
