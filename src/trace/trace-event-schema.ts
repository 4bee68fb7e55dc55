/**
 * The subset of the Trace Event Format that trace-events.ts emits, as a zod schema, so a test (and
 * anyone reading a trace.json) can check a file against the format: JSON Object Format with
 * `traceEvents`; metadata events ("M": process_name, process_sort_index, thread_name), complete events
 * ("X": ts and dur in µs, dur ≥ 0), flow events ("s"/"f" with an id; "f" binding to the enclosing
 * slice, bp "e"). Source: the Trace Event Format document (Google, "Trace Event Format",
 * https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU).
 */
import { z } from 'zod/v4';

const ids = { pid: z.number().int().nonnegative(), tid: z.number().int().nonnegative() };
const time = z.number().finite().nonnegative().describe('microseconds');
const argValue = z.union([z.string(), z.number()]);

const metadataEvent = z
  .object({
    ph: z.literal('M'),
    name: z.enum(['process_name', 'process_sort_index', 'thread_name', 'thread_sort_index']),
    ...ids,
    args: z.union([z.object({ name: z.string() }).strict(), z.object({ sort_index: z.number().int() }).strict()]),
  })
  .strict();

const completeEvent = z
  .object({ ph: z.literal('X'), name: z.string().min(1), cat: z.string().optional(), ...ids, ts: time, dur: time, args: z.record(z.string(), argValue).optional() })
  .strict();

const flowStart = z.object({ ph: z.literal('s'), name: z.string(), cat: z.string(), id: z.number().int(), ...ids, ts: time }).strict();
const flowEnd = z.object({ ph: z.literal('f'), name: z.string(), cat: z.string(), id: z.number().int(), bp: z.literal('e').optional(), ...ids, ts: time }).strict();

/** One event of the emitted kinds. */
export const traceEventSchema = z.discriminatedUnion('ph', [metadataEvent, completeEvent, flowStart, flowEnd]);

/** A trace file in the JSON Object Format. */
export const traceFileSchema = z
  .object({
    traceEvents: z.array(traceEventSchema),
    displayTimeUnit: z.enum(['ms', 'ns']).optional(),
    otherData: z.record(z.string(), z.string()).optional(),
  })
  .strict();
