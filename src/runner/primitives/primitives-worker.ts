/** The worker side of the primitive hand-offs measured by `npm run bench:primitives`. */
import { parentPort, workerData } from 'node:worker_threads';

export type PrimitiveMode = 'roundtrip' | 'batch' | 'wait' | 'spin' | 'claim';

export interface PrimitiveInit {
  mode: PrimitiveMode;
  /** Shared words: [turn, go, claimed, finished]. */
  control: SharedArrayBuffer;
  results: SharedArrayBuffer;
  tasks: number;
  workers: number;
}

const init = workerData as PrimitiveInit;
const word = new Int32Array(init.control);
const results = new Float64Array(init.results);
const TURN = 0;
const GO = 1;
const CLAIMED = 2;
const FINISHED = 3;

switch (init.mode) {
  case 'roundtrip':
    parentPort!.on('message', (i: number) => parentPort!.postMessage(i * i));
    break;
  case 'batch':
    parentPort!.on('message', (batch: number[]) => parentPort!.postMessage(batch.map((i) => i * i)));
    break;
  case 'wait':
    // Hand-off by Atomics.wait/notify: park until it is this side's turn, hand it back.
    for (let i = 0; i < init.tasks; i++) {
      while (Atomics.load(word, TURN) === 0) Atomics.wait(word, TURN, 0);
      results[i] = i * i;
      Atomics.store(word, TURN, 0);
      Atomics.notify(word, TURN);
    }
    break;
  case 'spin':
    for (let i = 0; i < init.tasks; i++) {
      while (Atomics.load(word, TURN) === 0);
      results[i] = i * i;
      Atomics.store(word, TURN, 0);
    }
    break;
  case 'claim': {
    // Self-scheduling: every worker claims the next task with Atomics.add until none is left.
    while (Atomics.load(word, GO) === 0) Atomics.wait(word, GO, 0);
    for (let i = Atomics.add(word, CLAIMED, 1); i < init.tasks; i = Atomics.add(word, CLAIMED, 1)) results[i] = i * i;
    if (Atomics.add(word, FINISHED, 1) + 1 === init.workers) Atomics.notify(word, FINISHED);
    break;
  }
}
