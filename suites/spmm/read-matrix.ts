/** Reading a Matrix Market file named by `--matrix`: the suite's one piece of I/O, done during setup. */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
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
 * The bytes of regular file `path`, at most `maxBytes` of them: `/dev/zero`, a FIFO or a file larger
 * than the memory available is refused before it is read (suites import nothing under src/, whose
 * config/read-file.ts holds the files parbench itself reads to the same rule). Throws a plain Error
 * naming the file.
 */
function readBounded(path: string, maxBytes: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`cannot read ${path} (not a regular file)`);
    if (stat.size > maxBytes) throw new Error(`cannot read ${path} (${stat.size} bytes, more than the ${maxBytes} bytes of memory available)`);
    return readFileSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code ? new Error(`cannot read ${path} (${code})`) : error;
  } finally {
    closeSync(fd);
  }
}

/**
 * The matrix in `path` (the last path read is cached), its size line checked against `limits` (rows,
 * columns and stored entries; bytes default to availableBytes()) before anything is allocated. Throws
 * a plain Error whose message names the file and, for bad content, the line.
 */
export function loadMatrix(path: string, limits: MatrixLimits): Csr {
  if (cached?.path === path) return cached.matrix;
  const maxBytes = availableBytes();
  const bytes = readBounded(path, maxBytes);
  try {
    const matrix = parseMatrixMarket(bytes, { maxBytes, ...limits });
    cached = { path, matrix };
    return matrix;
  } catch (error) {
    if (error instanceof MatrixMarketError) throw new Error(`${path} ${error.message}`);
    throw error;
  }
}
