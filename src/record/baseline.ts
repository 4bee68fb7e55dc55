/** The baseline file (results/baseline.json): run records kept as the reference the gate compares against. */
import { dirname } from 'node:path';
import { parbenchError } from '../errors.js';
import { checkRunRecord, describeIssue, readJsonFile } from './read.js';
import { BASELINE_SCHEMA, baselineSchema, RUN_SCHEMA, RUN_SCHEMAS, type Baseline, type RunRecord } from './record-schema.js';
import { checkOutputFile, makeDirectory, writeFileAtomic } from './write.js';

export { BASELINE_SCHEMA, type Baseline } from './record-schema.js';

/** Where `parbench baseline save` writes and `parbench gate` reads by default. */
export const BASELINE_FILE = 'results/baseline.json';

/**
 * A baseline of one or more runs of the same sweep.
 * @param sources where the runs came from (their run.json paths as given), one per run.
 * @param savedAt ISO 8601 time; default now.
 */
export function makeBaseline(runs: RunRecord[], sources: string[], savedAt = new Date().toISOString()): Baseline {
  return { schema: BASELINE_SCHEMA, savedAt, sources, runs };
}

/** The run-record versions this parbench reads, for messages: `"parbench.run/2" or "parbench.run/1"`. */
function reads(): string {
  return RUN_SCHEMAS.map((s) => JSON.stringify(s)).join(' or ');
}

/**
 * Validates parsed JSON as a baseline file, or as a plain run.json used as one (a baseline of that run).
 * Runs inside a baseline are validated like any run record (a run of the previous record version
 * upgraded) and named `runs[i]` in messages.
 * @throws ParbenchError BAD_BASELINE (exit 2) for another file format or version, or no runs;
 *   BAD_RUN (exit 2) naming the first bad field of a damaged run.
 */
export function parseBaseline(data: unknown, path: string): Baseline {
  const d = data as { schema?: unknown; runs?: unknown } | null;
  const schema = d && typeof d === 'object' ? d.schema : undefined;
  if (typeof schema === 'string' && RUN_SCHEMAS.includes(schema)) return makeBaseline([checkRunRecord(data, path)], [path], '');
  if (schema !== BASELINE_SCHEMA) {
    throw parbenchError(
      'BAD_BASELINE',
      path,
      `schema ${JSON.stringify(schema ?? null)} is not supported (expected "${BASELINE_SCHEMA}" or a run record, ${reads()}); save it again with "parbench baseline save"`,
    );
  }
  const runs = Array.isArray(d!.runs) ? (d!.runs as unknown[]) : [];
  if (runs.length === 0) throw parbenchError('BAD_BASELINE', path, 'it holds no runs; save it again with "parbench baseline save"');
  const stale = runs.find((r) => !RUN_SCHEMAS.includes((r as { schema?: unknown } | null)?.schema as string));
  if (stale !== undefined) {
    const found = (stale as { schema?: unknown } | null)?.schema;
    throw parbenchError('BAD_BASELINE', path, `a run in it has schema ${JSON.stringify(found ?? null)} (this parbench reads ${reads()}); save it again with "parbench baseline save"`);
  }
  const checked = runs.map((run, i) => checkRunRecord(run, path, `runs[${i}]`));
  // The runs are checked (and upgraded) above; the baseline's own fields are checked here.
  const parsed = baselineSchema.safeParse({ ...d, runs: checked });
  if (!parsed.success) throw parbenchError('BAD_BASELINE', path, describeIssue(parsed.error.issues[0]!, data));
  return { ...(data as Baseline), runs: checked };
}

/**
 * Reads and validates a baseline file (or a run.json used as one).
 * @throws ParbenchError BAD_BASELINE (exit 2) when it cannot be read, is not JSON or not a baseline;
 *   BAD_RUN (exit 2) for a damaged run inside.
 */
export function readBaseline(path: string): Baseline {
  return parseBaseline(
    readJsonFile(path, (detail) => parbenchError('BAD_BASELINE', path, detail)),
    path,
  );
}

/**
 * Writes a baseline file atomically (compact JSON and a newline), creating its directory; the location
 * is checked first (checkOutputFile), so nothing is left beside a path that cannot take the file.
 * @throws ParbenchError WRITE_FAILED (exit 2) naming the path and the system's reason when it cannot be written.
 */
export function writeBaseline(baseline: Baseline, path: string = BASELINE_FILE): void {
  checkOutputFile(path);
  makeDirectory(dirname(path), path);
  writeFileAtomic(path, `${JSON.stringify(baseline)}\n`);
}
