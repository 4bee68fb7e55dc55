/**
 * Tracing a remote point (run --trace): the driver stamps every task on its own clock (Python:
 * time.perf_counter_ns); this side measures that clock's offset from the common clock once the session
 * has started (the shortest of several round trips of the `clock` request: offset = midpoint of the
 * trip − the driver's reading, error ≤ half that trip) and maps the spans through it. After the point's
 * untraced repetitions, the same repetitions are run again with `trace`.
 */
import { commonClockMs } from '../backends/trace-clock.js';
import type { RemoteBackend, RemoteSession, RemoteTrace } from '../backends/index.js';
import { parbenchError } from '../errors.js';
import type { TraceClockInfo, TracedTiming } from '../trace/point-trace.js';
import type { TaskSpan } from '../trace/spans.js';
import { errorRecord } from './measure.js';

/** The driver's clock against the common one: common ms = driver ns / 1e6 + offsetMs, within ± errorSeconds. */
export interface ClockOffset {
  offsetMs: number;
  errorSeconds: number;
}

/** Round trips of the `clock` request; the shortest one sets the offset. */
export const CLOCK_PINGS = 9;

/**
 * Measure the offset of `clock` (nanoseconds, the driver's) from the common clock, `now` (ms): of
 * `pings` round trips, the shortest; offset = (sent + received) / 2 − reading, error = trip / 2 (seconds).
 * Rejects with what `clock` rejects with.
 */
export async function clockOffset(clock: () => Promise<number>, pings = CLOCK_PINGS, now: () => number = commonClockMs): Promise<ClockOffset> {
  let best: { trip: number; offsetMs: number } | undefined;
  for (let i = 0; i < pings; i++) {
    const sent = now();
    const reading = await clock();
    const received = now();
    const trip = received - sent;
    if (!best || trip < best.trip) best = { trip, offsetMs: (sent + received) / 2 - reading / 1e6 };
  }
  return { offsetMs: best!.offsetMs, errorSeconds: best!.trip / 2 / 1000 };
}

/** A driver's spans (RemoteTrace, ns of its clock) on the common clock (ms), through `offset`. */
export function remoteSpans(trace: RemoteTrace, offset: ClockOffset): TaskSpan[] {
  const ms = (ns: number) => ns / 1e6 + offset.offsetMs;
  return trace.spans.map(([task, repetition, worker, submitted, started, finished, received]) => ({
    task,
    repetition,
    worker,
    submitted: ms(submitted),
    started: ms(started),
    finished: ms(finished),
    received: ms(received),
  }));
}

/** The clock of a driver's spans, as the point's trace records it. */
export function driverClock(backend: string, offset: ClockOffset): TraceClockInfo {
  return { source: `${backend}: the driver's time.perf_counter_ns, mapped onto performance.timeOrigin + performance.now() (ms since 2020-01-01 UTC) by an offset measured after the driver started`, alignmentErrorSeconds: offset.errorSeconds };
}

/** What tracing a remote point gave: its traced timing, the spans on the common clock and their clock. */
export interface RemoteTraced {
  timing: TracedTiming;
  spans: TaskSpan[];
  clock: TraceClockInfo;
}

/**
 * The traced repetitions of a remote point: `run(true)` (the point's run request with `trace`), its spans
 * mapped through `offset`. A driver that does not trace (`session.traces` false) gives an empty trace
 * whose error is TRACE_UNSUPPORTED. Never throws: a failure is the timing's `error`.
 */
export async function traceRemote(session: RemoteSession, backend: RemoteBackend, offset: ClockOffset | undefined, run: () => Promise<{ samples: number[]; warmupSamples: number[]; trace?: RemoteTrace }>): Promise<RemoteTraced> {
  const none = { source: `${backend.name}: not traced`, alignmentErrorSeconds: null };
  if (!session.traces || !offset) {
    const error = errorRecord(parbenchError('TRACE_UNSUPPORTED', backend.name), backend.name);
    return { timing: { samples: [], warmupSamples: [], error }, spans: [], clock: none };
  }
  try {
    const reply = await run();
    return { timing: { samples: reply.samples, warmupSamples: reply.warmupSamples }, spans: reply.trace ? remoteSpans(reply.trace, offset) : [], clock: driverClock(backend.name, offset) };
  } catch (error) {
    return { timing: { samples: [], warmupSamples: [], error: errorRecord(error, backend.name) }, spans: [], clock: driverClock(backend.name, offset) };
  }
}
