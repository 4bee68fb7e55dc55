/** results/baseline.json: a run record kept as the reference the gate compares against. */
import { parbenchError } from '../errors.js';
import { RUN_SCHEMA, type RunRecord } from '../record/index.js';
import { checkRunRecord, readJson } from '../cli/load-run.js';

export const BASELINE_SCHEMA = 'parbench.baseline/1';
export const BASELINE_FILE = 'results/baseline.json';

export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  savedAt: string;
  /** Where the runs came from (their run.json paths as given). */
  sources: string[];
  /** One or more runs of the same sweep; several capture the machine's run-to-run spread. */
  runs: RunRecord[];
}

export function makeBaseline(runs: RunRecord[], sources: string[], savedAt = new Date().toISOString()): Baseline {
  return { schema: BASELINE_SCHEMA, savedAt, sources, runs };
}

/** A baseline file, or a plain run.json used as one. Anything else is a usage error (exit 2). */
export function parseBaseline(data: unknown, path: string): Baseline {
  const d = data as { schema?: unknown; runs?: unknown } | null;
  const schema = d && typeof d === 'object' ? d.schema : undefined;
  if (schema === RUN_SCHEMA) return makeBaseline([checkRunRecord(data, path)], [path], '');
  if (schema !== BASELINE_SCHEMA) {
    throw parbenchError(
      'BAD_BASELINE',
      path,
      `schema ${JSON.stringify(schema ?? null)} is not supported (expected "${BASELINE_SCHEMA}" or a "${RUN_SCHEMA}" record); save it again with "parbench baseline save"`,
    );
  }
  const runs = Array.isArray(d!.runs) ? (d!.runs as { schema?: unknown }[]) : [];
  if (runs.length === 0) throw parbenchError('BAD_BASELINE', path, 'it holds no runs; save it again with "parbench baseline save"');
  const stale = runs.find((r) => r?.schema !== RUN_SCHEMA);
  if (stale) {
    throw parbenchError('BAD_BASELINE', path, `a run in it has schema ${JSON.stringify(stale?.schema ?? null)} (expected "${RUN_SCHEMA}"); save it again with "parbench baseline save"`);
  }
  return { ...(d as Baseline), runs: runs.map((r) => checkRunRecord(r, path)) };
}

export function readBaseline(path: string): Baseline {
  return parseBaseline(
    readJson(path, (detail) => parbenchError('BAD_BASELINE', path, detail)),
    path,
  );
}
