// Writes the published JSON Schemas (schema/*.schema.json) from the run record's zod schema in the build.
// Run with `npm run schemas`; test/record/json-schema.test.ts fails when the committed files differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineJsonSchema, JSON_SCHEMA_FILES, jsonSchemaText, runJsonSchema } from '../dist/src/record/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [file, schema] of [
  [JSON_SCHEMA_FILES.run, runJsonSchema()],
  [JSON_SCHEMA_FILES.baseline, baselineJsonSchema()],
]) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, jsonSchemaText(schema));
  process.stderr.write(`wrote ${file}\n`);
}
