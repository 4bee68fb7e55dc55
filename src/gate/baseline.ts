/** results/baseline.json: a run record kept as the reference the gate compares against. */
import { parbenchError } from '../errors.js';
import { RUN_SCHEMA, type RunRecord } from '../record.js';
import { checkRunRecord, readJson } from '../cli/load-run.js';

export const BASELINE_SCHEMA = 'parbench.baseline/1';
export const BASELINE_FILE = 'results/baseline.json';

export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  savedAt: string;
  /** Where the run came from (its run.json path as given). */
  source: string;
  run: RunRecord;
}

export function makeBaseline(run: RunRecord, source: string, savedAt = new Date().toISOString()): Baseline {
  return { schema: BASELINE_SCHEMA, savedAt, source, run };
}

/** A baseline file, or a plain run.json used as one. Anything else is a usage error (exit 2). */
export function parseBaseline(data: unknown, path: string): Baseline {
  const d = data as { schema?: unknown; run?: unknown } | null;
  const schema = d && typeof d === 'object' ? d.schema : undefined;
  if (schema === RUN_SCHEMA) return makeBaseline(checkRunRecord(data, path), path, '');
  if (schema !== BASELINE_SCHEMA) {
    throw parbenchError(
      'BAD_BASELINE',
      path,
      `schema ${JSON.stringify(schema ?? null)} is not supported (expected "${BASELINE_SCHEMA}" or a "${RUN_SCHEMA}" record); save it again with "parbench baseline save"`,
    );
  }
  const run = d!.run as { schema?: unknown } | undefined;
  if (!run || run.schema !== RUN_SCHEMA) {
    throw parbenchError('BAD_BASELINE', path, `its run has schema ${JSON.stringify(run?.schema ?? null)} (expected "${RUN_SCHEMA}"); save it again with "parbench baseline save"`);
  }
  return { ...(d as Baseline), run: checkRunRecord(run, path) };
}

export function readBaseline(path: string): Baseline {
  return parseBaseline(
    readJson(path, (detail) => parbenchError('BAD_BASELINE', path, detail)),
    path,
  );
}
