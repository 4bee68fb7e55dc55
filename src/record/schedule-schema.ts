/**
 * The parts of the run record that the measuring schedule writes: where the run's wall time went
 * (`timeAccounting`, on the run), and per point how many repetitions were taken and why they stopped
 * (`repetitions`) and what its calibration cost (`calibrationSeconds`). Times are seconds. Attached to
 * record-schema.ts's run and point schemas as optional fields, so older records stay valid.
 */
import { z } from 'zod/v4';

/** The phases a run's wall time is split into (time-account.ts measures them). */
export const TIME_PHASES = ['calibration', 'reference', 'samples', 'startup', 'verification', 'writing', 'probe', 'setup', 'handover'] as const;

const seconds = (what: string) => z.number().min(0).describe(what);

export const timeAccountingSchema = z
  .object({
    wallSeconds: seconds('Wall time of the run, seconds.'),
    phases: z
      .object({
        calibration: seconds('Calibration searches (choosing each suite × grain\'s knob).'),
        reference: seconds('Sequential reference samples (T_seq), warm-up included.'),
        samples: seconds('Backend repetitions (T_par), warm-up included, verification excluded.'),
        startup: seconds('Opening pools and sessions (and closing them).'),
        verification: seconds('Combining and verifying every repetition\'s results.'),
        writing: seconds('Writing run.json and results.csv.'),
        probe: seconds('The machine probe before the run (load, steal, spin test).'),
        setup: seconds('Building suite inputs and preparing task sets.'),
        handover: seconds('Waiting while another process of the same lockstep measured (gate --against); absent in older records.').optional(),
      })
      .describe('Exclusive seconds per phase: a phase measured inside another is counted once, in the inner phase.'),
    unaccountedSeconds: z.number().describe('wallSeconds − the sum of the phases.'),
    unaccountedFraction: z.number().describe('unaccountedSeconds / wallSeconds (the run aims at |…| ≤ 0.05).'),
  })
  .describe('Where the run\'s wall time went, by phase.');

export type TimeAccountingRecord = z.infer<typeof timeAccountingSchema>;

/** Why a point's timed repetitions stopped. */
export const stoppedBySchema = z
  .enum(['precision', 'repeats', 'max-repeats', 'budget'])
  .describe('precision: its interval reached ±precision; repeats: the fixed count (precision off); max-repeats: the cap before precision; budget: a count the time budget lowered.');

export const repetitionsSchema = z
  .object({
    requested: z.number().int().min(1).describe('Timed repetitions the configuration asked for (repeats).'),
    timed: z.number().int().min(0).describe('Timed repetitions taken.'),
    stoppedBy: stoppedBySchema,
    precision: z.number().positive().nullable().describe('Target relative half-width of the median\'s 95% interval; null when off.'),
    halfWidth: z
      .number()
      .min(0)
      .nullable()
      .describe('Relative half-width of the 95% order-statistic interval of the median when the point stopped; null below 6 samples.'),
    taskCap: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe('Most tasks the point ran (maxTasks, or lower when the time budget lowered it); null: no cap. The task set was capped when the point\'s tasks are fewer than tasksInSet.'),
    tasksInSet: z.number().int().min(0).optional().describe('Tasks of the whole task set at the point\'s knob, when a cap measured a sample of them (the point\'s `tasks`).'),
  })
  .describe('How many repetitions a point took and why it stopped.');

export type RepetitionsRecord = z.infer<typeof repetitionsSchema>;

export const calibrationSecondsSchema = seconds('Seconds the calibration of the point\'s suite × grain took (shared by the points of that suite × grain).');
