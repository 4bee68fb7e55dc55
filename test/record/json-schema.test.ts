import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineJsonSchema, JSON_SCHEMA_FILES, jsonSchemaText, RUN_SCHEMA, runJsonSchema } from '../../src/record/index.js';
import { ROOT } from '../cli/cli.js';

describe('published JSON Schemas', () => {
  it('are what the record schema generates (run "npm run schemas" after changing it)', () => {
    expect(readFileSync(join(ROOT, JSON_SCHEMA_FILES.run), 'utf8')).toBe(jsonSchemaText(runJsonSchema()));
    expect(readFileSync(join(ROOT, JSON_SCHEMA_FILES.baseline), 'utf8')).toBe(jsonSchemaText(baselineJsonSchema()));
  });

  it('name the version, require the fields readers rely on and leave objects open', () => {
    const schema = runJsonSchema() as { properties: Record<string, { const?: string }>; required: string[]; additionalProperties?: unknown };
    expect(schema.properties.schema!.const).toBe(RUN_SCHEMA);
    expect(schema.required).toEqual(expect.arrayContaining(['schema', 'machine', 'cores', 'points']));
    expect(schema.additionalProperties).toBeUndefined();
    expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
  });

  it('are in the published package', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
  });
});
