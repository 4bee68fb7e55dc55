/** The runner stays readable: no function in src/runner/ is longer than 60 lines. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAX_LINES = 60;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every function, method and arrow function of a file, with its length in lines (first to last). */
function functionLengths(file: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : `(anonymous at line ${first + 1})`;
      found.push({ name, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('function size', () => {
  const files = sources(join(ROOT, 'src/runner'));

  it('measures the functions of the runner', () => {
    expect(files.flatMap(functionLengths).length).toBeGreaterThan(20);
  });

  it(`no function in src/runner/ is longer than ${MAX_LINES} lines`, () => {
    const long = files.flatMap((file) =>
      functionLengths(file)
        .filter((f) => f.lines > MAX_LINES)
        .map((f) => `${relative(ROOT, file)}: ${f.name} (${f.lines} lines)`),
    );
    expect(long).toEqual([]);
  });
});
