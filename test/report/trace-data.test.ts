// The task stream read back from a trace file, and the decomposition table from run.json, exactly.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../src/api/html-report.js';
import { decompositionRows, taskStreams } from '../../src/report/trace-data.js';
import { traceFile } from '../../src/trace/trace-events.js';
import { NODE_TRACE_CLOCK, pointTrace } from '../../src/trace/point-trace.js';
import type { PointRecord } from '../../src/record/index.js';

const spans = [
  { task: 0, repetition: 0, worker: 'thread 2', submitted: 10, started: 10.002, finished: 10.004, received: 10.005 },
  { task: 1, repetition: 0, worker: 'thread 1', submitted: 10, started: 10.003, finished: 10.0035, received: 10.006 },
];
const file = traceFile([{ label: 'square · worker×2 · grain 1e-6 s', suite: 'square', backend: 'worker', workers: 2, deps: [[], []], spans }]);

describe('taskStreams', () => {
  it('gives each point its lanes in track order and its tasks as [lane, start µs, end µs, task] from the first start', () => {
    expect(taskStreams(file, 'r0')).toEqual([{ id: 'r0-1', label: 'square · worker×2 · grain 1e-6 s', lanes: ['thread 2', 'thread 1'], tasks: [[0, 0, 2, 0], [1, 1, 1.5, 1]] }]);
  });
});

describe('decompositionRows', () => {
  it('formats each traced point\'s decomposition, tracing overhead and clock error; skips untraced points', () => {
    const trace = pointTrace({ samples: [0.002], warmupSamples: [] }, 0.001, 2, spans, NODE_TRACE_CLOCK);
    const point = { suite: 'square', backend: 'worker', workers: 2, grain: { target: 1e-6 }, trace } as unknown as PointRecord;
    const untraced = { ...point, trace: undefined } as PointRecord;
    expect(decompositionRows([point, untraced])).toEqual([['square · worker×2 · 1e-6 s', '2.5 µs', '0 s', '1.25 µs', '1.75 µs', '4.75 µs', '500 µs', '244 ns', '']]);
  });
});

describe('readTrace', () => {
  it('reads a trace file, and says in one line why one cannot be shown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parbench-trace-'));
    writeFileSync(join(dir, 'trace.json'), JSON.stringify(file));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ traceEvents: [{ ph: 'X', name: 't', pid: 1, tid: 1, ts: 0 }] }));
    expect(readTrace(join(dir, 'trace.json'))).toEqual(file);
    expect(readTrace(join(dir, 'missing.json'))).toEqual({ error: `cannot show the task stream: ${join(dir, 'missing.json')}: no such file or directory (ENOENT)` });
    expect((readTrace(join(dir, 'bad.json')) as { error: string }).error).toMatch(/bad\.json is not a trace file: traceEvents\.0/);
  });
});
