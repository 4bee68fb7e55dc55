// A point's trace record: tracing overhead against the untraced median, and the clock it was read on.
import { describe, expect, it } from 'vitest';
import { NODE_TRACE_CLOCK, pointTrace } from '../../src/trace/point-trace.js';
import { pointTraceSchema } from '../../src/record/index.js';

describe('pointTrace', () => {
  const spans = [{ task: 0, repetition: 0, worker: 'a', submitted: 0, started: 1, finished: 2, received: 3 }];

  it('tracing overhead per task = (median traced T_par − median untraced T_par) / tasks', () => {
    const trace = pointTrace({ samples: [0.5, 0.75, 0.625], warmupSamples: [1] }, 0.25, 4, spans, NODE_TRACE_CLOCK);
    expect(trace.overheadPerTaskSeconds).toBe((0.625 - 0.25) / 4);
    expect(trace.parallel).toMatchObject({ samples: [0.5, 0.75, 0.625], warmupSamples: [1], summary: { n: 3, median: 0.625 } });
    expect(trace.clock).toEqual({ ...NODE_TRACE_CLOCK, negativeIntervals: 0 });
    expect(trace.decomposition?.dispatchSeconds).toBe(0.001);
    expect(pointTraceSchema.safeParse(trace).success).toBe(true);
  });

  it('has no overhead and no T_par when the traced repetitions failed, and records why', () => {
    const error = { code: 'TASK_FAILED', message: 'x: a task failed: boom' };
    const trace = pointTrace({ samples: [], warmupSamples: [], error }, 0.25, 4, [], NODE_TRACE_CLOCK);
    expect(trace).toEqual({ parallel: null, overheadPerTaskSeconds: null, decomposition: null, clock: { ...NODE_TRACE_CLOCK, negativeIntervals: 0 }, error });
    expect(pointTraceSchema.safeParse(trace).success).toBe(true);
  });
});
