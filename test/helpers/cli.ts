/** Fixtures for the analysis commands' CLI tests (the CLI itself is run by test/cli/cli.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parbench } from '../cli/cli.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

/** Runs the built CLI in `cwd`: exit code, stdout, stderr. */
export function cli(args: string[], cwd?: string): { code: number; stdout: string; stderr: string } {
  const r = parbench(args, cwd);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function writeJson(path: string, data: unknown): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(data));
  return path;
}
