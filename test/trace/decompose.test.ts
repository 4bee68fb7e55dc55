// The decomposition of task spans into dispatch, execute, return and idle, on injected timestamps (ms).
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/trace/decompose.js';
import type { TaskSpan } from '../../src/trace/spans.js';

const span = (task: number, worker: string, submitted: number, started: number, finished: number, received: number, repetition = 0): TaskSpan => ({ task, repetition, worker, submitted, started, finished, received });

describe('decompose', () => {
  it('gives mean dispatch, execute and return per task, and each worker\'s busy and idle time (seconds)', () => {
    // Two workers, three tasks submitted at 0; window 0 → 10 ms.
    const spans = [span(0, 'a', 0, 1, 4, 5), span(1, 'b', 0, 2, 3, 4), span(2, 'a', 0, 6, 8, 10)];
    const { decomposition, negativeIntervals } = decompose(spans)!;
    expect(negativeIntervals).toBe(0);
    expect(decomposition).toEqual({
      tasks: 3,
      repetitions: 1,
      dispatchSeconds: (1 + 2 + 6) / 1000 / 3,
      // task 2 waited on worker a from 0 until a finished task 0 at 4 ms.
      queuedSeconds: 4 / 1000 / 3,
      executeSeconds: (3 + 1 + 2) / 1000 / 3,
      returnSeconds: (1 + 1 + 2) / 1000 / 3,
      // a: busy 5 of 10 ms, b: busy 1 of 10 ms.
      idlePerTaskSeconds: (5 + 9) / 1000 / 3,
      workers: [
        { worker: 'a', tasks: 2, busySeconds: 0.005, idleSeconds: 0.005 },
        { worker: 'b', tasks: 1, busySeconds: 0.001, idleSeconds: 0.009 },
      ],
    });
  });

  it('sums idle over repetitions, each against its own window, counting a worker idle in a repetition it ran nothing in', () => {
    const spans = [span(0, 'a', 0, 0, 2, 2, 0), span(0, 'b', 100, 100, 104, 104, 1)];
    const { decomposition } = decompose(spans)!;
    expect(decomposition.repetitions).toBe(2);
    expect(decomposition.workers).toEqual([
      { worker: 'a', tasks: 1, busySeconds: 0.002, idleSeconds: 0.004 },
      { worker: 'b', tasks: 1, busySeconds: 0.004, idleSeconds: 0.002 },
    ]);
  });

  it('clamps intervals a misaligned clock made negative to 0 and counts them', () => {
    const { decomposition, negativeIntervals } = decompose([span(0, 'a', 5, 4, 6, 5.5)])!;
    expect(negativeIntervals).toBe(2);
    expect(decomposition.dispatchSeconds).toBe(0);
    expect(decomposition.returnSeconds).toBe(0);
    expect(decomposition.executeSeconds).toBe(0.002);
  });

  it('is null for no spans', () => {
    expect(decompose([])).toBeNull();
  });
});
