/** Every exported function and class of src/ carries a docstring (shapes, units, errors: see docs/architecture.md). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Names of the exported functions, function-valued consts and classes of a file that have no JSDoc. */
function undocumented(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const missing: string[] = [];
  for (const statement of source.statements) {
    if (!(ts.getCombinedModifierFlags(statement as unknown as ts.Declaration) & ts.ModifierFlags.Export)) continue;
    let name: string | undefined;
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) name = statement.name?.text;
    else if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations[0];
      const init = declaration?.initializer;
      if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) name = declaration.name.getText(source);
    }
    if (name && ts.getJSDocCommentsAndTags(statement).length === 0) missing.push(name);
  }
  return missing;
}

describe('docstrings', () => {
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'suites'))];

  it('reads the sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('every exported function and class of src/ and suites/ has one', () => {
    const missing = files.flatMap((file) => undocumented(file).map((name) => `${relative(ROOT, file)}: ${name}`));
    expect(missing).toEqual([]);
  });
});
