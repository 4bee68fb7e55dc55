// The live counters: what a worker's stores say, the board's lanes, and the sampler's busy share and
// throughput from an injected clock.
import { describe, expect, it } from 'vitest';
import { liveBuffer, liveWriter, readCounters } from '../../src/backends/live-slots.js';
import { LiveBoard, LiveSampler } from '../../src/runner/live.js';

describe('liveWriter', () => {
  it('stores busy and the span around a task, then the count and idle, also when the task throws', () => {
    const buffer = liveBuffer(2);
    const around = liveWriter(buffer);
    const seen = around(() => readCounters(buffer)[0], [10, 20]);
    expect(seen).toEqual({ done: 0, busy: true, span: [10, 20] });
    expect(() => around(() => { throw new Error('kernel'); })).toThrow('kernel');
    expect(readCounters(buffer)).toEqual([{ done: 2, busy: false, span: null }]);
  });

  it('unguarded, stores the same around a task that returns, and leaves the slot busy when it throws', () => {
    const buffer = liveBuffer(1);
    const around = liveWriter(buffer, false);
    expect(around(() => readCounters(buffer)[0], [3, 4])).toEqual({ done: 0, busy: true, span: [3, 4] });
    expect(readCounters(buffer)).toEqual([{ done: 1, busy: false, span: [3, 4] }]);
    expect(() => around(() => { throw new Error('kernel'); })).toThrow('kernel');
    expect(readCounters(buffer)).toEqual([{ done: 1, busy: true, span: null }]);
  });

  it('gives each worker its own slot, and one past the last slot writes nothing', () => {
    const buffer = liveBuffer(1);
    const first = liveWriter(buffer);
    const extra = liveWriter(buffer);
    first(() => 0);
    expect(extra(() => 'ran')).toBe('ran');
    expect(readCounters(buffer)).toEqual([{ done: 1, busy: false, span: null }]);
  });
});

describe('LiveBoard and LiveSampler', () => {
  it('reads each lane from its slots, in the order the pools open', () => {
    const board = new LiveBoard();
    const buffer = board.startGroup([
      { backend: 'worker', workers: 2 },
      { backend: 'piscina', workers: 1 },
    ]);
    const writers = [liveWriter(buffer), liveWriter(buffer), liveWriter(buffer)];
    writers[2]!(() => 0, [0, 8]);
    expect(board.workers('piscina', 1)).toEqual([{ done: 1, busy: false, span: [0, 8] }]);
    expect(board.workers('worker', 2)).toHaveLength(2);
    expect(board.has('py-threads', 2)).toBe(false);
    expect(board.workers('py-threads', 2)).toEqual([]);
  });

  it('gives the busy share of the last second of readings and tasks per second between readings', () => {
    const board = new LiveBoard();
    const buffer = board.startGroup([{ backend: 'worker', workers: 1 }]);
    const write = liveWriter(buffer);
    let now = 0;
    const sampler = new LiveSampler(board, () => now);
    const readings: { busyShare: number; history: number[] }[] = [];
    const take = () => {
      const [w] = sampler.sample('worker', 1);
      readings.push({ busyShare: w!.busyShare, history: w!.history });
    };
    write(take); // busy at 0
    now = 0.5;
    write(() => write(() => undefined)); // two tasks done: 2 by 0.5 s
    take(); // idle
    now = 1.25;
    write(take); // busy; the reading at 0 has left the window
    expect(readings).toEqual([
      { busyShare: 1, history: [] },
      { busyShare: 0.5, history: [6] },
      { busyShare: 0.5, history: [6, 0] },
    ]);
  });
});
