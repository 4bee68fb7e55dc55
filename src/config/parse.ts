/** Strict parsing of command-line values: "5x", "1e-3s" or "" are errors, not silently truncated. */
import { parbenchError } from '../errors.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses a decimal or exponent number ("1e-3", "-.5"), whitespace trimmed; nothing else (no "Infinity",
 * no hex, no unit suffix). Throws BAD_NUMBER (exit 2) naming `option` otherwise.
 */
export function parseNumber(option: string, text: string): number {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) throw parbenchError('BAD_NUMBER', option, text, 'a number');
  return Number(trimmed);
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
