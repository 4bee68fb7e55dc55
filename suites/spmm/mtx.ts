/**
 * Matrix Market coordinate files (https://math.nist.gov/MatrixMarket/formats.html): real, integer or
 * pattern entries; general, symmetric or skew-symmetric. Pure: bytes in, CSR out, or an error naming
 * the line. python/parbench_py/suites/spmm_mtx.py reads bytes by the same rules, and the shared vectors
 * (test/fixtures/shared-vectors.json, `matrixMarketErrors` and the spmm `suiteChecksums`) hold both to
 * the same matrices and the same messages:
 *
 * - a UTF-8 byte order mark at the start is skipped; lines end at LF, and a CR before it is dropped;
 * - blanks are the ASCII space, tab, CR, VT and FF only; a blank line, or one whose first non-blank byte
 *   is `%`, is skipped whatever bytes it holds (old collections have Latin-1 comments);
 * - every other byte is taken as one Latin-1 character: keywords compare in ASCII lower case, numbers
 *   are ASCII digits, and a quoted word shows a byte outside printable ASCII as `\xHH`;
 * - the size line is checked against the limits (rows, columns, stored entries, bytes) before anything
 *   is allocated; values must be finite; symmetric and skew-symmetric files store the lower triangle
 *   only, and a skew-symmetric diagonal is zero.
 */
import { fromCoordinates, type Csr } from './csr.js';

/** A Matrix Market file the parser refuses: the 1-based line and what is wrong with it. */
export class MatrixMarketError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'MatrixMarketError';
  }
}

/** What a file may declare: rows and columns each, stored entries (after mirroring), bytes to read it. */
export interface MatrixLimits {
  maxSize: number;
  maxEntries: number;
  /** Memory the reader may take (bytes, see readingBytes); unlimited when absent. */
  maxBytes?: number;
}

const FIELDS = ['real', 'integer', 'pattern'];
const SYMMETRIES = ['general', 'symmetric', 'skew-symmetric'];
const WHOLE = /^\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const BLANKS = /[ \t\r\v\f]+/;
const LF = 0x0a;

/** `text` with ASCII letters lowered and nothing else changed (Latin-1 letters keep their case). */
const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
/** `text` with every character outside printable ASCII shown as `\xHH` (it is one Latin-1 byte). */
const shown = (text: string): string => text.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
/** The blank-separated words of a line (blanks as the module comment says). */
const wordsOf = (line: string): string[] => line.split(BLANKS).filter((w) => w !== '');

/**
 * Bytes reading a file of `rows` rows and at most `stored` stored entries takes, about: the coordinates
 * (4 + 4 + 8 bytes an entry), the CSR arrays and their working copies (32 bytes an entry, 8 a row).
 */
export function readingBytes(rows: number, stored: number): number {
  return 48 * stored + 8 * (rows + 1);
}

/** The lines of a file's bytes, as Latin-1 text, a byte order mark skipped and CR before LF dropped. */
function* linesOf(bytes: Uint8Array): Generator<string> {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(LF, start);
    if (end < 0) end = bytes.length;
    const stop = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    yield latin1(bytes.subarray(start, stop));
    start = end + 1;
  }
}

/** Bytes as Latin-1 text: one character (U+0000–U+00FF) per byte. */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

function parseHeader(first: string): { pattern: boolean; symmetry: string } {
  const words = wordsOf(asciiLower(first));
  const word = (i: number) => shown(words[i] ?? '');
  if (words[0] !== '%%matrixmarket') throw new MatrixMarketError(1, 'not a Matrix Market file: the first line must start with %%MatrixMarket');
  if (words[1] !== 'matrix') throw new MatrixMarketError(1, `unsupported object "${word(1)}" (supported: matrix)`);
  if (words[2] !== 'coordinate') throw new MatrixMarketError(1, `unsupported format "${word(2)}" (supported: coordinate)`);
  if (!FIELDS.includes(words[3] ?? '')) throw new MatrixMarketError(1, `unsupported field "${word(3)}" (supported: ${FIELDS.join(', ')})`);
  if (!SYMMETRIES.includes(words[4] ?? '')) throw new MatrixMarketError(1, `unsupported symmetry "${word(4)}" (supported: ${SYMMETRIES.join(', ')})`);
  return { pattern: words[3] === 'pattern', symmetry: words[4]! };
}

function index(text: string, line: number, what: string, max: number): number {
  if (!WHOLE.test(text)) throw new MatrixMarketError(line, `${what} "${shown(text)}" is not a whole number`);
  const value = Number(text);
  if (value < 1 || value > max) throw new MatrixMarketError(line, `${what} ${text} is outside 1..${max}`);
  return value - 1;
}

interface Size {
  rows: number;
  cols: number;
  declared: number;
  /** Most entries stored once symmetric entries are mirrored. */
  stored: number;
}

/** The size line's numbers, checked against `limits` before anything is allocated. */
function parseSize(text: string, line: number, symmetry: string, limits: MatrixLimits): Size {
  const size = wordsOf(text);
  if (size.length !== 3 || !size.every((w) => WHOLE.test(w))) {
    throw new MatrixMarketError(line, `size line must be "rows cols entries" (three whole numbers), got "${shown(text.replace(/^[ \t\r\v\f]+|[ \t\r\v\f]+$/g, ''))}"`);
  }
  const [rows, cols, declared] = size.map(Number) as [number, number, number];
  if (rows < 1 || cols < 1) throw new MatrixMarketError(line, `a matrix needs at least one row and one column, got ${size[0]} x ${size[1]}`);
  if (symmetry !== 'general' && rows !== cols) throw new MatrixMarketError(line, `a ${symmetry} matrix must be square, got ${size[0]} x ${size[1]}`);
  if (rows > limits.maxSize) throw new MatrixMarketError(line, `${size[0]} rows is more than the ${limits.maxSize} allowed`);
  if (cols > limits.maxSize) throw new MatrixMarketError(line, `${size[1]} columns is more than the ${limits.maxSize} allowed`);
  if (declared < 1) throw new MatrixMarketError(line, 'the file declares no entries (a product needs at least one)');
  const stored = symmetry === 'general' ? declared : 2 * declared;
  if (stored > limits.maxEntries) {
    const mirrored = symmetry === 'general' ? '' : ` (up to ${stored} stored once mirrored)`;
    throw new MatrixMarketError(line, `${size[2]} entries${mirrored} is more than the ${limits.maxEntries} stored entries allowed`);
  }
  const bytes = readingBytes(rows, stored);
  if (limits.maxBytes !== undefined && bytes > limits.maxBytes) {
    throw new MatrixMarketError(line, `reading it takes about ${megabytes(bytes)} of memory, more than the ${megabytes(limits.maxBytes)} available`);
  }
  return { rows, cols, declared, stored };
}

/** Bytes as "12.3 MB" (decimal megabytes). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** An entry's value: 1 for pattern files, else a finite number. */
function valueOf(words: string[], line: number, pattern: boolean): number {
  if (pattern) return 1;
  const text = words[2]!;
  if (!NUMBER.test(text)) throw new MatrixMarketError(line, `value "${shown(text)}" is not a number`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new MatrixMarketError(line, `value "${text}" is not a finite number (beyond ±1.8e308)`);
  return value;
}

/** Symmetric and skew-symmetric files store the lower triangle only, and a skew-symmetric diagonal is zero. */
function checkTriangle(r: number, c: number, v: number, words: string[], line: number, symmetry: string): void {
  if (symmetry === 'general') return;
  if (c > r) throw new MatrixMarketError(line, `entry (${words[0]}, ${words[1]}) is above the diagonal: a ${symmetry} file stores the lower triangle only`);
  if (symmetry === 'skew-symmetric' && r === c && v !== 0) {
    throw new MatrixMarketError(line, `entry (${words[0]}, ${words[1]}) is on the diagonal with value ${words[2] ?? '1'}: a skew-symmetric matrix has a zero diagonal`);
  }
}

/**
 * Parse a Matrix Market coordinate file (NIST's format description; bytes, or text taken as UTF-8)
 * into CSR: 1-based indices become 0-based, pattern entries are 1, symmetric entries off the diagonal
 * are mirrored (negated for skew-symmetric), duplicates summed. Bytes are read as the module comment
 * says. Throws MatrixMarketError naming the line for an unsupported header, a bad size line or one
 * beyond `limits` (checked before allocating), a bad, out-of-range, non-finite or (symmetric files)
 * upper-triangle entry, a nonzero skew-symmetric diagonal, or too many or too few entries.
 */
export function parseMatrixMarket(file: Uint8Array | string, limits: MatrixLimits = { maxSize: Infinity, maxEntries: Infinity }): Csr {
  const lines = linesOf(typeof file === 'string' ? new TextEncoder().encode(file) : file);
  const skippable = (line: string) => /^[ \t\r\v\f]*(%|$)/.test(line);
  const { pattern, symmetry } = parseHeader(lines.next().value ?? '');
  let n = 1;
  let next = lines.next();
  for (; !next.done && skippable(next.value); next = lines.next()) n++;
  if (next.done) throw new MatrixMarketError(n, 'file ends before the size line "rows cols entries"');
  const { rows, cols, declared, stored } = parseSize(next.value, ++n, symmetry, limits);
  const expect = pattern ? 2 : 3;
  const ri = new Int32Array(stored);
  const ci = new Int32Array(stored);
  const vs = new Float64Array(stored);
  let entries = 0;
  let count = 0;
  for (next = lines.next(); !next.done; next = lines.next()) {
    const line = ++n;
    if (skippable(next.value)) continue;
    if (entries === declared) throw new MatrixMarketError(line, `more entries than the ${declared} the size line declares`);
    const words = wordsOf(next.value);
    if (words.length !== expect) throw new MatrixMarketError(line, `expected ${expect} fields (${pattern ? 'row col' : 'row col value'}), got ${words.length}`);
    const r = index(words[0]!, line, 'row', rows);
    const c = index(words[1]!, line, 'column', cols);
    const v = valueOf(words, line, pattern);
    checkTriangle(r, c, v, words, line, symmetry);
    entries++;
    ri[count] = r;
    ci[count] = c;
    vs[count++] = v;
    if (symmetry !== 'general' && r !== c) {
      ri[count] = c;
      ci[count] = r;
      vs[count++] = symmetry === 'skew-symmetric' ? -v : v;
    }
  }
  if (entries < declared) throw new MatrixMarketError(n, `file ends after ${entries} of the ${declared} entries the size line declares`);
  return fromCoordinates(rows, cols, ri.subarray(0, count), ci.subarray(0, count), vs.subarray(0, count));
}
