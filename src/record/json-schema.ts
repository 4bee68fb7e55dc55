/** The published JSON Schemas (schema/*.schema.json), generated from the zod schemas the readers use. */
import { z } from 'zod/v4';
import { baselineSchema, runRecordSchema } from './record-schema.js';

/** Where the JSON Schemas live in the package, relative to its root. */
export const JSON_SCHEMA_FILES = { run: 'schema/run.schema.json', baseline: 'schema/baseline.schema.json' } as const;

function generate(schema: z.ZodType): Record<string, unknown> {
  // io "input": objects stay open (no additionalProperties: false), as readers accept unknown keys.
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** The JSON Schema (draft 2020-12) of a run record (run.json), as a JSON object. */
export function runJsonSchema(): Record<string, unknown> {
  return generate(runRecordSchema);
}

/** The JSON Schema (draft 2020-12) of a baseline file (results/baseline.json), as a JSON object. */
export function baselineJsonSchema(): Record<string, unknown> {
  return generate(baselineSchema);
}

/** A schema's file text: two-space JSON and a newline. */
export function jsonSchemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
