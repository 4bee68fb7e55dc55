/**
 * The one-way flow of docs/architecture.md, checked on the source: which folder may import which.
 * cli → api → runner → backends → suites, with record, stats, report, gate and config beside them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The area a file belongs to: the folder under src/ ('src' for files at its top), or 'suites'. */
function areaOf(file: string): string {
  const parts = relative(ROOT, file).split(sep);
  if (parts[0] === 'suites') return 'suites';
  return parts.length > 2 ? parts[1]! : 'src';
}

/** Areas each area may import from (besides itself, errors.ts and version.ts). */
const ALLOWED: Record<string, string[]> = {
  cli: ['api', 'report', 'config', 'backends', 'suites'],
  api: ['runner', 'record', 'report', 'stats', 'gate', 'config', 'backends', 'suites', 'trace'],
  runner: ['backends', 'record', 'stats', 'config', 'suites', 'trace'],
  backends: ['record', 'suites'],
  record: ['config', 'stats'],
  stats: ['record', 'suites'],
  report: ['stats', 'record', 'gate', 'trace'],
  trace: ['record', 'stats'],
  gate: ['stats', 'record'],
  config: ['backends', 'suites'],
  suites: [],
  src: ['api', 'config', 'record', 'report', 'stats', 'backends', 'runner', 'gate', 'suites', 'trace'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of the TypeScript sources, as [importing file, imported file]. */
function imports(): [string, string][] {
  const edges: [string, string][] = [];
  for (const file of [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'suites'))]) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
      edges.push([file, resolve(dirname(file), match[1]!)]);
    }
  }
  return edges;
}

const TOP_LEVEL_SHARED = new Set(['errors.js', 'version.js']);

describe('layers', () => {
  const edges = imports();

  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(100);
  });

  it('every import runs one way, as docs/architecture.md draws it', () => {
    const wrong = edges
      .filter(([from, to]) => {
        const a = areaOf(from);
        const b = areaOf(to);
        if (a === b) return false;
        if (b === 'src' && TOP_LEVEL_SHARED.has(relative(join(ROOT, 'src'), to))) return false;
        return !(ALLOWED[a] ?? []).includes(b);
      })
      .map(([from, to]) => `${relative(ROOT, from)} → ${relative(ROOT, to)}`);
    expect(wrong).toEqual([]);
  });

  it('nothing outside src/cli imports the command line, and no backend imports the runner', () => {
    const offenders = edges
      .filter(([from, to]) => (areaOf(to) === 'cli' && areaOf(from) !== 'cli') || (areaOf(from) === 'backends' && areaOf(to) === 'runner'))
      .map(([from, to]) => `${relative(ROOT, from)} → ${relative(ROOT, to)}`);
    expect(offenders).toEqual([]);
  });
});
