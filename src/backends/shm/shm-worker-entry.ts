/**
 * An shm worker thread: load the suite once, then loop forever on the control block — idle on EPOCH,
 * LOAD a point's layout from its port (synchronously), PRIME (wake and spin for the RUN that follows),
 * RUN by claiming ring slots, running tasks in place and releasing the tasks that depend on them. It
 * never returns to its event loop after start.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { SharedForm } from '../../../suites/shared.js';
import { describeError } from '../../errors.js';
import { liveWriter } from '../live-slots.js';
import { syncResult, type HostInit, type Kernel } from '../task-host.js';
import { awaitEpoch, CMD, CTL, type LoadMessage } from './protocol.js';
import { bindPoint, runGraph, runIndependent, type BoundPoint, type ShmSuite } from './task-runner.js';

export interface ShmWorkerInit extends HostInit {
  control: SharedArrayBuffer;
  port: MessagePort;
  /** Worker threads (the IDLE count a run ends at). */
  workers: number;
  /** Threads that take part in a run (the driver too in a team): the W that guided chunks divide by. */
  members: number;
  /** Loads of a ring slot before parking on it, during a run. */
  spin: number;
  /** Loads of the control word before parking on it, between runs. */
  idleSpin: number;
  /** Loads of the control word before parking on it after a PRIME (the driver is about to publish RUN). */
  primeSpin: number;
}

/** Messages from an shm worker to its driver. */
export type FromShmWorker = { type: 'ready' } | { type: 'error'; message: string };

const init = workerData as ShmWorkerInit;
const ctl = new Int32Array(init.control);
// `run --live`: this worker's slot, claimed as it starts so that slots follow the pools' order.
const live = init.live ? liveWriter(init.live, false) : undefined; // a failed task ends the run
const post = (msg: FromShmWorker) => parentPort!.postMessage(msg);

type SuiteModule = Record<string, { kernel?: Kernel; shared?: SharedForm<unknown, unknown> } | undefined>;

/** Report a failure: the message first, then the flag (the driver sees it when this worker idles). */
function failed(error: unknown): void {
  post({ type: 'error', message: describeError(error) });
  Atomics.store(ctl, CTL.FAILED, 1);
}

function runLoop(p: BoundPoint): void {
  Atomics.add(ctl, CTL.JOINED, 1);
  const error = Atomics.load(ctl, CTL.INDEPENDENT) === 1 ? runIndependent(ctl, p, init.members) : runGraph(ctl, p, init.members, init.spin);
  if (error !== undefined) failed(error);
}

function serveForever(suite: ShmSuite): void {
  let epoch = Atomics.load(ctl, CTL.EPOCH);
  let loaded: BoundPoint | undefined;
  const options = { context: init.context, injectRounds: init.injectRounds, fault: process.env.PARBENCH_SHM_FAULT, live };
  let spin = init.idleSpin;
  for (;;) {
    if (Atomics.add(ctl, CTL.IDLE, 1) + 1 === init.workers) Atomics.notify(ctl, CTL.IDLE);
    epoch = awaitEpoch(ctl, epoch, spin);
    const command = Atomics.load(ctl, CTL.CMD);
    // After PRIME the next command is RUN, moments away: wait for it spinning, not parked.
    spin = command === CMD.PRIME ? init.primeSpin : init.idleSpin;
    if (command === CMD.STOP) break;
    if (command === CMD.LOAD) {
      try {
        const received = receiveMessageOnPort(init.port);
        if (!received) throw new Error('no layout message for LOAD');
        loaded = bindPoint(suite, received.message as LoadMessage, ctl, options);
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
