/** parbench's own version, from its package.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from './backends/paths.js';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(fileURLToPath(import.meta.url)), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
