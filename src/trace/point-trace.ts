/**
 * The `trace` of a point record: its traced repetitions' T_par, the tracing overhead per task against
 * the untraced T_par of the same point, and the decomposition of its task spans. Pure.
 */
import type { PointTrace } from '../record/index.js';
import { summarize } from '../stats/summary.js';
import { decompose } from './decompose.js';
import type { TaskSpan } from './spans.js';

/** How the timestamps of a point were taken: the clock, and the bound on its alignment error (seconds; null when not measured). */
export interface TraceClockInfo {
  source: string;
  alignmentErrorSeconds: number | null;
}

/**
 * The clock of Node's threads and processes: one monotonic clock read alike everywhere; each thread's
 * performance.timeOrigin is a double of milliseconds since 1970, which resolves 2⁻¹² ms, so two threads
 * may disagree by up to that much (0.244 µs), the alignment error recorded.
 */
export const NODE_TRACE_CLOCK: TraceClockInfo = { source: 'performance.timeOrigin + performance.now() in every thread and process, in ms since 2020-01-01 UTC', alignmentErrorSeconds: 2 ** -12 / 1000 };

/** What the traced repetitions of a point gave. */
export interface TracedTiming {
  /** T_par of each timed traced repetition (seconds). */
  samples: number[];
  warmupSamples: number[];
  /** What stopped them, when something did. */
  error?: { code: string; message: string };
}

/**
 * The point's trace record. `untracedMedian`: median untraced T_par of the same point (seconds; null
 * when it has none); `tasks`: tasks per repetition. Tracing overhead per task =
 * (median traced T_par − untracedMedian) / tasks, null when either median is missing.
 */
export function pointTrace(traced: TracedTiming, untracedMedian: number | null, tasks: number, spans: readonly TaskSpan[], clock: TraceClockInfo): PointTrace {
  const summary = traced.samples.length > 0 ? summarize(traced.samples) : null;
  const decomposed = decompose(spans);
  return {
    parallel: summary ? { samples: traced.samples, warmupSamples: traced.warmupSamples, summary } : null,
    overheadPerTaskSeconds: summary && untracedMedian !== null ? (summary.median - untracedMedian) / tasks : null,
    decomposition: decomposed?.decomposition ?? null,
    clock: { ...clock, negativeIntervals: decomposed?.negativeIntervals ?? 0 },
    ...(traced.error ? { error: traced.error } : {}),
  };
}
