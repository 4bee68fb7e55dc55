// `run --trace` end to end: every Node backend (and, with `parbench setup python`, the Python ones)
// traced in one run: a decomposition per point, trace.json beside run.json in the trace-event format with
// one process per point and one track per worker; an untraced run writes no trace at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupState } from '../../src/backends/python/venv.js';
import type { RunRecord } from '../../src/record/index.js';
import { traceFileSchema } from '../../src/trace/trace-event-schema.js';
import { parbench, tempDir } from './cli.js';

const NODE = 'sequential,worker,process,piscina,piscina-c16,piscina-atomics-async,piscina-no-atomics,tinypool,workerpool,shm';
const PYTHON = 'py-sequential,py-threads,py-processes,parsl-threads,parsl-htex';

function traced(backends: string) {
  const cwd = tempDir();
  const r = parbench(['run', 'fib', '--n', '5', '--backends', backends, '--grains', '1e-6', '--repeats', '2', '--warmup', '1', '--workers', '2', '--precision', 'off', '--trace', '--quiet', '--out', 'runs'], cwd);
  const [id] = readdirSync(join(cwd, 'runs'));
  const dir = join(cwd, 'runs', id!);
  return { r, dir, record: JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord };
}

function checkTraced(backends: string) {
  const { r, dir, record } = traced(backends);
  expect(r.stderr).not.toMatch(/failed|mismatch/i);
  expect(r.status).toBe(0);
  expect(record.traced).toEqual({ file: 'trace.json' });
  expect(r.stderr).toContain(`parbench: task trace in ${join(dir, 'trace.json')} (open it in Perfetto or chrome://tracing; report --html shows the task stream)\n`);
  expect(record.config.trace).toBe(true);
  const names = backends.split(',');
  expect(record.points.map((p) => p.backend)).toEqual(names);
  for (const p of record.points) {
    expect(p.trace?.error).toBeUndefined();
    expect(p.trace?.parallel?.samples).toHaveLength(2);
    // Every task of both timed traced repetitions.
    expect(p.trace?.decomposition).toMatchObject({ tasks: 2 * p.tasks, repetitions: 2 });
    expect(p.trace?.decomposition?.workers.reduce((n, w) => n + w.tasks, 0)).toBe(2 * p.tasks);
    expect(typeof p.trace?.overheadPerTaskSeconds).toBe('number');
  }
  const file = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
  expect(traceFileSchema.safeParse(file).success).toBe(true);
  const events = file.traceEvents as { ph: string; pid: number; name: string; args?: { name?: string } }[];
  expect(events.filter((e) => e.name === 'process_name').map((e) => e.args?.name)).toEqual(names.map((b) => `fib · ${b}×${b.endsWith('sequential') ? 1 : 2} · grain 1e-6 s`));
  // One X event per task of the shown repetition, and flow arrows for fib's dependencies.
  record.points.forEach((p, i) => expect(events.filter((e) => e.ph === 'X' && e.pid === i + 1)).toHaveLength(p.tasks));
  expect(events.some((e) => e.ph === 's')).toBe(true);
}

describe('run --trace', () => {
  it('traces every Node backend: a decomposition per point and trace.json in the trace-event format', () => {
    checkTraced(NODE);
  }, 120_000);

  it.skipIf(setupState() === null)('traces the Python and Parsl backends through the driver', () => {
    checkTraced(PYTHON);
  }, 120_000);

  it('an untraced run writes no trace.json and no trace fields', () => {
    const cwd = tempDir();
    const r = parbench(['run', 'fib', '--n', '4', '--backends', 'worker', '--grains', '1e-6', '--repeats', '1', '--warmup', '0', '--workers', '2', '--quiet', '--out', 'runs'], cwd);
    expect(r.status).toBe(0);
    const [id] = readdirSync(join(cwd, 'runs'));
    const record = JSON.parse(readFileSync(join(cwd, 'runs', id!, 'run.json'), 'utf8')) as RunRecord;
    expect(existsSync(join(cwd, 'runs', id!, 'trace.json'))).toBe(false);
    expect(record.traced).toBeUndefined();
    expect(record.config.trace).toBeUndefined();
    expect(record.points[0]!.trace).toBeUndefined();
  }, 60_000);
});
