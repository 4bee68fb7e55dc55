/** parbench's own version. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from './backends/paths.js';

/**
 * The `version` of parbench's package.json, found from this module's location (src/ or dist/). Throws
 * the fs or JSON error when the file cannot be read or parsed (not a ParbenchError).
 */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(fileURLToPath(import.meta.url)), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
