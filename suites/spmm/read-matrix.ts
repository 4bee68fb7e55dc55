/** Reading a Matrix Market file named by `--matrix`: the suite's one piece of I/O, done during setup. */
import { readFileSync } from 'node:fs';
import type { Csr } from './csr.js';
import { MatrixMarketError, parseMatrixMarket } from './mtx.js';

let cached: { path: string; matrix: Csr } | undefined;

/**
 * The matrix in `path` (the last path read is cached). Throws a plain Error whose message names the
 * file and, for bad content, the line.
 */
export function loadMatrix(path: string): Csr {
  if (cached?.path === path) return cached.matrix;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const matrix = parseMatrixMarket(text);
    cached = { path, matrix };
    return matrix;
  } catch (error) {
    if (error instanceof MatrixMarketError) throw new Error(`${path} ${error.message}`);
    throw error;
  }
}
