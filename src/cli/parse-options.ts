/** Parsing of the analysis commands' options (--format, --metg, --max-regression). */
import { parbenchError } from '../errors.js';
import { parseNumber } from '../config/parse.js';

/** --format: one of `allowed`, or `fallback` when absent. Throws BAD_FLAG (exit 2) naming the allowed formats. */
export function parseFormat<F extends string>(text: string | undefined, allowed: readonly F[], fallback: F): F {
  if (text === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(text)) throw parbenchError('BAD_FLAG', '--format', `"${text}" is not allowed (allowed: ${allowed.join(', ')})`);
  return text as F;
}

/** --metg 0.8: an efficiency threshold in (0, 1]; "80%" is accepted too. */
export function parseMetgThreshold(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseFraction('--metg', text);
  if (!(value > 0 && value <= 1)) throw parbenchError('BAD_FLAG', '--metg', `"${text}" must be an efficiency from 0 (exclusive) to 1, e.g. 0.5 or 80%`);
  return value;
}

/** "10%" or "0.1" → 0.1. A bare number above 1 is ambiguous and refused. */
export function parseFraction(flag: string, text: string): number {
  const trimmed = text.trim();
  if (trimmed.endsWith('%')) return parseNumber(flag, trimmed.slice(0, -1)) / 100;
  const value = parseNumber(flag, trimmed);
  if (value > 1) throw parbenchError('BAD_FLAG', flag, `"${text}" is ambiguous: give a percentage such as 10% or a fraction such as 0.1`);
  return value;
}

/** --max-regression 10% or 0.1: the allowed regression as a fraction ≥ 0. Throws BAD_FLAG / BAD_NUMBER (exit 2) otherwise. */
export function parseMaxRegression(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseFraction('--max-regression', text);
  if (!(value >= 0)) throw parbenchError('BAD_FLAG', '--max-regression', `"${text}" must be 0% or more`);
  return value;
}

/** A path flag's value (`--runs`, `--config`, `--baseline`, `-o`): undefined when absent. Throws BAD_FLAG (exit 2) when it is empty. */
export function pathFlag(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw parbenchError('BAD_FLAG', flag, 'is empty (give a path, or leave the flag out)');
  return value;
}

/** The `--runs <dir>` option of the commands that read runs, as commander's (flags, description). */
export const RUNS_OPTION = ['--runs <dir>', "directory holding run directories (default: the configuration's outputDir, else results/runs)"] as const;

/** The `-c, --config <file>` option of the commands that read runs, as commander's (flags, description). */
export const CONFIG_OPTION = ['-c, --config <file>', 'configuration file whose outputDir holds the runs (default: ./bench.config.json when present)'] as const;

/** Print `text` on stdout, ending with exactly one newline. */
export function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
