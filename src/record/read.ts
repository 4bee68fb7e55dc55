/**
 * Reading run records with validation. A record that parses but is damaged is refused here, with one
 * line naming the first bad field (`points[3].sequential.summary.median is null`), so no reader ever
 * sees half a record.
 */
import type { z } from 'zod/v4';
import { parbenchError } from '../errors.js';
import { machineFingerprint, type MachineIdentity } from './fingerprint.js';
import { MAX_RECORD_BYTES, readRegularFile } from '../config/read-file.js';
import { RUN_SCHEMA, RUN_SCHEMAS, runRecordSchema, type RunRecord } from './record-schema.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/**
 * The parsed JSON of a file (a regular file of at most MAX_RECORD_BYTES).
 * @param bad makes the error for a file that cannot be read or is not JSON, from a one-line detail.
 * @throws what `bad` returns.
 */
export function readJsonFile(path: string, bad: (detail: string) => Error): unknown {
  let text: string;
  try {
    text = readRegularFile(path, MAX_RECORD_BYTES);
  } catch (error) {
    throw bad(`cannot read it: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bad(`not valid JSON (${(error as Error).message})`);
  }
}

/** `points[3].sequential.summary.median`; `prefix` (e.g. `runs[0]`) goes first. */
export function formatPath(path: Path, prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function valueAt(data: unknown, path: Path): { present: boolean; value: unknown } {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return { present: false, value: undefined };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value) : kindOf(value);
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

function expected(name: string): string {
  return EXPECTED[name] ?? name;
}

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/**
 * One line describing a zod issue against the data it was raised on: what the field is and what was
 * expected, e.g. `points[0].grain.target is a string, expected a number`, `cores is 0, expected at least 1`,
 * `points[1].sequential is missing`, `points[2] is null`.
 * @param prefix prepended to the field path (e.g. `runs[0]` for a record inside a baseline).
 */
export function describeIssue(issue: Issue, data: unknown, prefix = ''): string {
  const where = formatPath(issue.path, prefix) || 'the record';
  const { present, value } = valueAt(data, issue.path);
  if (!present) return `${where} is missing`;
  switch (issue.code) {
    case 'invalid_type':
      if (value === null) return `${where} is null`;
      if (issue.expected === 'int' && typeof value === 'number') return `${where} is ${value}, expected a whole number`;
      return `${where} is ${kindOf(value)}, expected ${expected(issue.expected)}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const relation = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
      if (Array.isArray(value)) return `${where} has ${value.length} items, expected ${relation} ${String(bound)}`;
      return `${where} is ${show(value)}, expected ${relation} ${String(bound)}`;
    }
    case 'invalid_value':
      return `${where} is ${show(value)}, expected ${orList(issue.values.map((v) => JSON.stringify(v)))}`;
    case 'invalid_union': {
      const branches = issue.errors.map((branch) => branch[0]);
      if (branches.every((b) => b?.code === 'invalid_type' && b.path.length === 0)) {
        const kinds = branches.map((b) => expected((b as { expected: string }).expected));
        return `${where} is ${value === null ? 'null' : kindOf(value)}, expected ${orList(kinds)}`;
      }
      return `${where} is not valid (${issue.message})`;
    }
    default:
      return `${where} is not valid (${issue.message})`;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The refusal of a record of a version this parbench does not read: which version, and who reads it. */
function versionDetail(schema: unknown, writer: unknown): string {
  const reads = RUN_SCHEMAS.map((s) => JSON.stringify(s)).join(' or ');
  const detail = `schema is ${schema === undefined ? 'missing' : JSON.stringify(schema)}, this parbench reads ${reads}`;
  const found = typeof schema === 'string' ? /^parbench\.run\/(\d+)$/.exec(schema) : null;
  if (!found) return detail;
  const current = Number(/\/(\d+)$/.exec(RUN_SCHEMA)![1]);
  const by = typeof writer === 'string' && writer !== '' ? `parbench ${writer}` : undefined;
  if (Number(found[1]) > current) return `${detail}; it was written by ${by ?? 'a newer parbench'}: read it with that version or later`;
  return `${detail}; it was written by ${by ?? 'an older parbench'}: read it with that version`;
}

/**
 * parbench.run/1 → parbench.run/2: the machine gains its `fingerprint`, computed from the fields /1
 * already recorded. A machine that is not an object is left for validation to name.
 */
function upgradeFromRun1(record: Record<string, unknown>): Record<string, unknown> {
  const machine = record.machine;
  if (!isObject(machine)) return { ...record, schema: RUN_SCHEMA };
  return { ...record, schema: RUN_SCHEMA, machine: { ...machine, fingerprint: machineFingerprint(machine as unknown as MachineIdentity) } };
}

/**
 * How a record of an older accepted version (RUN_SCHEMAS) becomes one of the current version, by version;
 * every entry of RUN_SCHEMAS but RUN_SCHEMA needs one.
 */
export const RUN_UPGRADES: Readonly<Record<string, (record: Record<string, unknown>) => Record<string, unknown>>> = {
  'parbench.run/1': upgradeFromRun1,
};

/**
 * Validates parsed JSON as a run record of an accepted version (RUN_SCHEMAS) and returns it unchanged
 * (a record of the previous version upgraded first, into a copy, see RUN_UPGRADES): keys this parbench
 * does not know are kept, not stripped.
 * @param path the file it came from, for the message.
 * @param prefix where the record sits in that file (e.g. `runs[0]` inside a baseline), for the message.
 * @throws ParbenchError BAD_RUN (exit 2) naming the first bad field, or the version when it is not one
 *   this parbench reads.
 */
export function checkRunRecord(data: unknown, path: string, prefix = ''): RunRecord {
  const at = prefix === '' ? '' : `${prefix}: `;
  if (!isObject(data)) throw parbenchError('BAD_RUN', path, `${at}${data === null ? 'null' : kindOf(data)}, not a JSON object`);
  if (!RUN_SCHEMAS.includes(data.schema as string)) throw parbenchError('BAD_RUN', path, `${at}${versionDetail(data.schema, data.parbench)}`);
  const upgrade = data.schema === RUN_SCHEMA ? undefined : RUN_UPGRADES[data.schema as string];
  const record = upgrade ? upgrade(data) : data;
  const parsed = runRecordSchema.safeParse(record);
  if (!parsed.success) throw parbenchError('BAD_RUN', path, describeIssue(parsed.error.issues[0]!, record, prefix));
  return record as RunRecord;
}

/**
 * Reads and validates one run.json.
 * @throws ParbenchError BAD_RUN (exit 2) when the file cannot be read, is not JSON, is of a version this
 *   parbench does not read, or is damaged (the first bad field named).
 */
export function readRun(path: string): RunRecord {
  return checkRunRecord(
    readJsonFile(path, (detail) => parbenchError('BAD_RUN', path, detail)),
    path,
  );
}
