/** The warnings block printed under the tables of `run` and `report`. Formats only. */
import { Chalk } from 'chalk';

export interface WarningsOptions {
  /** Colour with ANSI escapes. */
  color: boolean;
  /** Print at most this many (default: all); the rest are counted on one line. */
  limit?: number;
  /** Where the rest can be read, e.g. "parbench report <id>"; said on the count line. */
  more?: string;
}

/**
 * "Warnings:" then one `  ! <text>` line per warning, at most `options.limit` of them, then
 * `  (N more: <more>)` when some were left out. "" for no warnings.
 */
export function warningsBlock(texts: readonly string[], options: WarningsOptions): string {
  if (texts.length === 0) return '';
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const shown = texts.slice(0, options.limit ?? texts.length);
  const lines = [c.bold('Warnings:'), ...shown.map((t) => `  ${c.yellow('!')} ${t}`)];
  const rest = texts.length - shown.length;
  if (rest > 0) lines.push(c.dim(`  (${rest} more${options.more ? `: ${options.more}` : ''})`));
  return lines.join('\n');
}
