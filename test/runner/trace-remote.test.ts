// A driver's clock mapped onto the common clock: the offset from the shortest round trip, spans mapped
// through it, and drivers that cannot trace said so on the point.
import { describe, expect, it } from 'vitest';
import { clockOffset, remoteSpans, traceRemote } from '../../src/runner/trace-remote.js';
import type { RemoteBackend, RemoteSession } from '../../src/backends/index.js';

describe('clockOffset', () => {
  it('takes the shortest round trip: offset = its midpoint − the driver\'s reading, error = half of it', async () => {
    // Common clock readings (ms) around each request, and the driver's readings (ns).
    const common = [100, 104, 200, 201, 300, 302];
    const driver = [5_000_000, 6_000_000, 7_000_000];
    let c = 0;
    let d = 0;
    const offset = await clockOffset(async () => driver[d++]!, 3, () => common[c++]!);
    expect(offset).toEqual({ offsetMs: 200.5 - 6, errorSeconds: 0.5 / 1000 });
  });
});

describe('remoteSpans', () => {
  it('maps [task, repetition, worker, submitted, started, finished, received] (ns) to spans in common ms', () => {
    const spans = remoteSpans({ spans: [[3, 1, 'pid 7', 1_000_000, 2_000_000, 2_500_000, 4_000_000]] }, { offsetMs: 10, errorSeconds: 0 });
    expect(spans).toEqual([{ task: 3, repetition: 1, worker: 'pid 7', submitted: 11, started: 12, finished: 12.5, received: 14 }]);
  });
});

describe('traceRemote', () => {
  const backend = { name: 'rust-rayon' } as RemoteBackend;

  it('records TRACE_UNSUPPORTED, and runs nothing, for a driver that does not trace', async () => {
    let ran = false;
    const session = { traces: false } as unknown as RemoteSession;
    const traced = await traceRemote(session, backend, undefined, async () => ((ran = true), { samples: [], warmupSamples: [] }));
    expect(ran).toBe(false);
    expect(traced.spans).toEqual([]);
    expect(traced.timing.error).toEqual({ code: 'TRACE_UNSUPPORTED', message: 'rust-rayon: its driver does not trace tasks (its hello lists no "trace" request); the point is measured untraced' });
  });

  it('keeps a traced run\'s samples and maps its spans; a failure becomes the error', async () => {
    const session = { traces: true } as unknown as RemoteSession;
    const offset = { offsetMs: 1, errorSeconds: 2e-5 };
    const ok = await traceRemote(session, backend, offset, async () => ({ samples: [0.5], warmupSamples: [0.75], trace: { spans: [[0, 0, 'w', 0, 1e6, 2e6, 3e6]] } }));
    expect(ok.timing).toEqual({ samples: [0.5], warmupSamples: [0.75] });
    expect(ok.spans).toEqual([{ task: 0, repetition: 0, worker: 'w', submitted: 1, started: 2, finished: 3, received: 4 }]);
    expect(ok.clock.alignmentErrorSeconds).toBe(2e-5);
    const failed = await traceRemote(session, backend, offset, async () => {
      throw new Error('boom');
    });
    expect(failed.timing.error).toEqual({ code: 'TASK_FAILED', message: 'rust-rayon: a task failed: boom' });
  });
});
