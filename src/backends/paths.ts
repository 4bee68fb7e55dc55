/**
 * Workers and child processes run JavaScript. When parbench runs from its TypeScript sources (the test
 * suite does), module URLs point at `.ts` files; this maps them to the build in `dist/`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The nearest directory above `from` that holds a package.json. */
export function packageRoot(from: string): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** A file: URL of JavaScript that a worker thread or child process can load. */
export function runnableUrl(href: string): string {
  const path = fileURLToPath(href);
  if (existsSync(path)) return href;
  const root = packageRoot(path);
  const rel = relative(root, path.replace(/\.ts$/, '.js'));
  const built = join(root, 'dist', rel);
  if (!existsSync(built)) throw new Error(`${rel} is not built: run "npm run build"`);
  return pathToFileURL(built).href;
}

/** Path of a sibling entry script of this directory (worker-entry.js and friends), runnable. */
export function entryUrl(name: string): URL {
  return new URL(runnableUrl(new URL(`./${name}.js`, import.meta.url).href));
}
