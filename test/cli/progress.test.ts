import { describe, expect, it } from 'vitest';
import type { PointRecord, Progress } from '../../src/api/run.js';
import { estimateEta, formatDuration, progressLine } from '../../src/cli/progress.js';
import { SWEEP, syntheticRun } from '../helpers/synthetic.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 60, write: (t: string) => writes.push(t) }, writes };
}

function clockAt(times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)]!;
}

const points = syntheticRun([{ backend: 'worker', workers: 2, o: 1e-5, points: SWEEP.slice(0, 2) }, { backend: 'sequential', workers: 1, o: 0, points: SWEEP.slice(0, 1) }]).points;

function progressOf(p: PointRecord, point: number, extra: Partial<Progress> = {}): Progress {
  return { suite: p.suite, backend: p.backend, workers: p.workers, grain: p.grain.target, point, points: 3, repeat: 1, repeats: 5, ...extra } as Progress;
}

describe('progress without a terminal', () => {
  it('prints one line per finished point with the ETA from the pace so far', () => {
    const { stream, writes } = fakeStream(false);
    // started at 0 ms; points finish at 20 s, 30 s and 45 s
    const progress = progressLine(stream, { now: clockAt([0, 20_000, 30_000, 45_000]) });
    points.forEach((p, i) => {
      progress.update(progressOf(p, i + 1));
      progress.pointDone(p);
    });
    progress.clear();
    expect(writes).toEqual([
      'parbench: [1/3] square 1e-7 worker×2 · ETA 40s\n',
      'parbench: [2/3] square 1e-6 worker×2 · ETA 15s\n',
      'parbench: [3/3] square 1e-7 sequential · ETA 0s\n',
    ]);
  });

  it('takes the run\'s own estimate of the seconds left when the point carries one', () => {
    const { stream, writes } = fakeStream(false);
    const progress = progressLine(stream, { now: clockAt([0, 1000]) });
    progress.update(progressOf(points[0]!, 1));
    progress.pointDone(points[0]!, 3725);
    expect(writes).toEqual(['parbench: [1/3] square 1e-7 worker×2 · ETA 1h02m\n']);
  });
});

describe('progress on a terminal', () => {
  it('redraws one line once the run passes the delay, and prints nothing per point', () => {
    const { stream, writes } = fakeStream(true);
    const progress = progressLine(stream, { delayMs: 1000, now: clockAt([0, 500, 1500]) });
    progress.update(progressOf(points[0]!, 1));
    progress.update(progressOf(points[0]!, 1, { repeat: 2 }));
    progress.pointDone(points[0]!);
    progress.clear();
    expect(writes).toEqual(['\r\x1b[2K[1/3] square grain 1e-7 · worker ×2 · repeat 2/5', '\r\x1b[2K']);
  });
});

describe('durations', () => {
  it('formats seconds and estimates from the pace', () => {
    expect([0, 45.4, 80, 600, 3725, NaN].map(formatDuration)).toEqual(['0s', '45s', '1m20s', '10m00s', '1h02m', '?']);
    expect(estimateEta(30, 3, 10)).toBe(70);
    expect(estimateEta(30, 0, 10)).toBeNaN();
  });
});
