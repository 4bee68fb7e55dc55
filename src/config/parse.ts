/** Strict parsing of command-line values: "5x", "1e-3s" or "" are errors, not silently truncated. */
import { parbenchError } from '../errors.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function parseNumber(option: string, text: string): number {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) throw parbenchError('BAD_NUMBER', option, text, 'a number');
  return Number(trimmed);
}

export function parseInteger(option: string, text: string): number {
  const value = parseNumber(option, text);
  if (!Number.isSafeInteger(value)) throw parbenchError('BAD_NUMBER', option, text, 'a whole number');
  return value;
}

export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function parseNumberList(option: string, text: string): number[] {
  const items = parseList(text);
  if (items.length === 0) throw parbenchError('BAD_NUMBER', option, text, 'a comma-separated list of numbers');
  return items.map((item) => parseNumber(option, item));
}

export function parseIntegerList(option: string, text: string): number[] {
  const items = parseList(text);
  if (items.length === 0) throw parbenchError('BAD_NUMBER', option, text, 'a comma-separated list of whole numbers');
  return items.map((item) => parseInteger(option, item));
}
