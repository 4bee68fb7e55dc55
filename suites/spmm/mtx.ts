/**
 * Matrix Market coordinate files (https://math.nist.gov/MatrixMarket/formats.html): real, integer or
 * pattern entries; general, symmetric or skew-symmetric. Pure: text in, CSR out, or an error naming
 * the line.
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

const FIELDS = ['real', 'integer', 'pattern'];
const SYMMETRIES = ['general', 'symmetric', 'skew-symmetric'];
const WHOLE = /^\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function parseHeader(first: string | undefined): { pattern: boolean; symmetry: string } {
  const words = (first ?? '').trim().toLowerCase().split(/\s+/);
  if (words[0] !== '%%matrixmarket') throw new MatrixMarketError(1, 'not a Matrix Market file: the first line must start with %%MatrixMarket');
  if (words[1] !== 'matrix') throw new MatrixMarketError(1, `unsupported object "${words[1] ?? ''}" (supported: matrix)`);
  if (words[2] !== 'coordinate') throw new MatrixMarketError(1, `unsupported format "${words[2] ?? ''}" (supported: coordinate)`);
  if (!FIELDS.includes(words[3] ?? '')) throw new MatrixMarketError(1, `unsupported field "${words[3] ?? ''}" (supported: ${FIELDS.join(', ')})`);
  if (!SYMMETRIES.includes(words[4] ?? '')) throw new MatrixMarketError(1, `unsupported symmetry "${words[4] ?? ''}" (supported: ${SYMMETRIES.join(', ')})`);
  return { pattern: words[3] === 'pattern', symmetry: words[4]! };
}

function index(text: string, line: number, what: string, max: number): number {
  if (!WHOLE.test(text)) throw new MatrixMarketError(line, `${what} "${text}" is not a whole number`);
  const value = Number(text);
  if (value < 1 || value > max) throw new MatrixMarketError(line, `${what} ${value} is outside 1..${max}`);
  return value - 1;
}

/**
 * Parse a Matrix Market coordinate file (NIST's format description) into CSR: 1-based indices become
 * 0-based, pattern entries are 1, symmetric entries off the diagonal are mirrored (negated for
 * skew-symmetric), duplicates summed. Throws MatrixMarketError naming the line for an unsupported
 * header, a bad size line, a bad or out-of-range entry, or too many or too few entries.
 */
export function parseMatrixMarket(text: string): Csr {
  const lines = text.split(/\r?\n/);
  const { pattern, symmetry } = parseHeader(lines[0]);
  let i = 1;
  const skip = () => {
    while (i < lines.length && (lines[i]!.trim() === '' || lines[i]!.trimStart().startsWith('%'))) i++;
  };
  skip();
  if (i >= lines.length) throw new MatrixMarketError(i, 'file ends before the size line "rows cols entries"');
  const size = lines[i]!.trim().split(/\s+/);
  if (size.length !== 3 || !size.every((w) => WHOLE.test(w))) {
    throw new MatrixMarketError(i + 1, `size line must be "rows cols entries" (three whole numbers), got "${lines[i]!.trim()}"`);
  }
  const [rows, cols, declared] = size.map(Number) as [number, number, number];
  if (rows < 1 || cols < 1) throw new MatrixMarketError(i + 1, `a matrix needs at least one row and one column, got ${rows} x ${cols}`);
  if (symmetry !== 'general' && rows !== cols) throw new MatrixMarketError(i + 1, `a ${symmetry} matrix must be square, got ${rows} x ${cols}`);
  i++;
  const expect = pattern ? 2 : 3;
  const ri: number[] = [];
  const ci: number[] = [];
  const vs: number[] = [];
  let entries = 0;
  for (; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('%')) continue;
    const line = i + 1;
    if (entries === declared) throw new MatrixMarketError(line, `more entries than the ${declared} the size line declares`);
    const words = raw.split(/\s+/);
    if (words.length !== expect) {
      throw new MatrixMarketError(line, `expected ${expect} fields (${pattern ? 'row col' : 'row col value'}), got ${words.length}`);
    }
    const r = index(words[0]!, line, 'row', rows);
    const c = index(words[1]!, line, 'column', cols);
    let v = 1;
    if (!pattern) {
      if (!NUMBER.test(words[2]!)) throw new MatrixMarketError(line, `value "${words[2]}" is not a number`);
      v = Number(words[2]);
    }
    entries++;
    ri.push(r);
    ci.push(c);
    vs.push(v);
    if (symmetry !== 'general' && r !== c) {
      ri.push(c);
      ci.push(r);
      vs.push(symmetry === 'skew-symmetric' ? -v : v);
    }
  }
  if (entries < declared) throw new MatrixMarketError(lines.length, `file ends after ${entries} of the ${declared} entries the size line declares`);
  return fromCoordinates(rows, cols, Int32Array.from(ri), Int32Array.from(ci), Float64Array.from(vs));
}
