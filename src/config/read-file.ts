/**
 * Reading a file the user named (a config, a run record, a baseline): only a regular file, and only up
 * to a size, so `/dev/zero`, a FIFO or a huge file is refused in one line instead of exhausting memory
 * or waiting forever.
 */
import { closeSync, fstatSync, openSync, readFileSync, constants } from 'node:fs';
import { osReason } from '../errors.js';

/** Largest config file read (bytes). */
export const MAX_CONFIG_BYTES = 1_000_000;
/** Largest run record or baseline read (bytes): about what V8 can hold as one string, halved. */
export const MAX_RECORD_BYTES = 256_000_000;

/**
 * The text (UTF-8) of regular file `path` of at most `maxBytes` bytes. Throws a plain Error whose
 * message is one line without the path: the system's reason with its code (`no such file or directory
 * (ENOENT)`, see osReason), `not a regular file`, or `N bytes, more than the M read`.
 */
export function readRegularFile(path: string, maxBytes: number): string {
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO with no writer returns at once (and is then refused).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new Error(osReason(error));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > maxBytes) throw new Error(`${stat.size} bytes, more than the ${maxBytes} read`);
    return readFileSync(fd, 'utf8');
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code ? new Error(osReason(error)) : error;
  } finally {
    closeSync(fd);
  }
}
