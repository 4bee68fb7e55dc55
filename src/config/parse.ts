/** Strict parsing of command-line values: "5x", "1e-3s" or "" are errors, not silently truncated. */
import { parbenchError } from '../errors.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses a decimal or exponent number ("1e-3", "-.5"), whitespace trimmed; nothing else (no "Infinity",
 * no hex, no unit suffix) and nothing beyond a double's range ("1e400" would be Infinity). Throws
 * BAD_NUMBER (exit 2) naming `option` otherwise.
 */
export function parseNumber(option: string, text: string): number {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) throw parbenchError('BAD_NUMBER', option, text, 'a number');
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw parbenchError('BAD_NUMBER', option, text, 'a finite number (at most about 1.8e308)');
  return value;
}

/** As parseNumber, and the value must be a safe integer ("1e3" is 1000). Throws BAD_NUMBER (exit 2) otherwise. */
export function parseInteger(option: string, text: string): number {
  const value = parseNumber(option, text);
  if (!Number.isSafeInteger(value)) throw parbenchError('BAD_NUMBER', option, text, 'a whole number');
  return value;
}

/** Splits a comma-separated list, trimming items and dropping empty ones. Throws nothing. */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A comma-separated list of numbers. Throws BAD_NUMBER (exit 2) when it is empty or an item is not a number. */
export function parseNumberList(option: string, text: string): number[] {
  const items = parseList(text);
  if (items.length === 0) throw parbenchError('BAD_NUMBER', option, text, 'a comma-separated list of numbers');
  return items.map((item) => parseNumber(option, item));
}

/** A comma-separated list of safe integers. Throws BAD_NUMBER (exit 2) when it is empty or an item is not one. */
export function parseIntegerList(option: string, text: string): number[] {
  const items = parseList(text);
  if (items.length === 0) throw parbenchError('BAD_NUMBER', option, text, 'a comma-separated list of whole numbers');
  return items.map((item) => parseInteger(option, item));
}

/**
 * A precision as a fraction: "5%" → 0.05, "0.05" → 0.05, "off" → null (fixed repetitions). A bare number
 * above 1 is ambiguous and refused. Throws BAD_NUMBER (exit 2) naming `option` otherwise.
 */
export function parsePrecision(option: string, text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === 'off') return null;
  const allowed = 'a percentage such as 5%, a fraction such as 0.05, or "off"';
  const number = trimmed.endsWith('%') ? trimmed.slice(0, -1).trim() : trimmed;
  if (!NUMBER.test(number)) throw parbenchError('BAD_NUMBER', option, text, allowed);
  const value = trimmed.endsWith('%') ? Number(number) / 100 : Number(number);
  if (!(value <= 1)) throw parbenchError('BAD_NUMBER', option, text, allowed);
  return value;
}

const DURATION = /^(.*?)(ms|s|m|h)?$/;
const SECONDS_PER_UNIT: Record<string, number> = { ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * A duration in seconds: "90", "90s", "1.5m", "2h", "500ms", or "off" → null (no limit). Throws
 * BAD_NUMBER (exit 2) naming `option` for anything else.
 */
export function parseDuration(option: string, text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === 'off') return null;
  const [, number = '', unit = 's'] = DURATION.exec(trimmed) ?? [];
  const allowed = 'a duration such as 60s, 2m or 90 (seconds), or "off"';
  if (!NUMBER.test(number.trim())) throw parbenchError('BAD_NUMBER', option, text, allowed);
  const seconds = Number(number.trim()) * SECONDS_PER_UNIT[unit]!;
  if (!Number.isFinite(seconds)) throw parbenchError('BAD_NUMBER', option, text, allowed);
  return seconds;
}
