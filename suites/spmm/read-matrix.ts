/** Reading a Matrix Market file named by `--matrix`: the suite's one piece of I/O, done during setup. */
import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import type { Csr } from './csr.js';
import { MatrixMarketError, parseMatrixMarket, type MatrixLimits } from './mtx.js';

let cached: { path: string; matrix: Csr } | undefined;

/**
 * Bytes of memory this process may still take: process.availableMemory() where Node has it (the
 * cgroup's limit counted), else os.freemem().
 */
export function availableBytes(): number {
  const available = (process as { availableMemory?: () => number }).availableMemory?.();
  return typeof available === 'number' && available > 0 ? available : freemem();
}

/**
 * The matrix in `path` (the last path read is cached), its size line checked against `limits` (rows,
 * columns and stored entries; bytes default to availableBytes()) before anything is allocated. Throws
 * a plain Error whose message names the file and, for bad content, the line.
 */
export function loadMatrix(path: string, limits: MatrixLimits): Csr {
  if (cached?.path === path) return cached.matrix;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const matrix = parseMatrixMarket(bytes, { maxBytes: availableBytes(), ...limits });
    cached = { path, matrix };
    return matrix;
  } catch (error) {
    if (error instanceof MatrixMarketError) throw new Error(`${path} ${error.message}`);
    throw error;
  }
}
