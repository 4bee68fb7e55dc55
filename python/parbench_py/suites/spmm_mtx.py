"""Matrix Market coordinate files, identical to suites/spmm/mtx.ts and csr.ts: real, integer or pattern
entries; general, symmetric or skew-symmetric; duplicates summed in file order, columns sorted within a
row. The same file gives the same CSR arrays, value for value, and the same errors, word for word, as the
TypeScript reader (test/fixtures/shared-vectors.json holds both to it). Bytes are read by the same rules:

- a UTF-8 byte order mark at the start is skipped; lines end at LF, and a CR before it is dropped;
- blanks are the ASCII space, tab, CR, VT and FF only; a blank line, or one whose first non-blank byte
  is `%`, is skipped whatever bytes it holds (old collections have Latin-1 comments);
- every other byte is taken as one Latin-1 character: keywords compare in ASCII lower case, numbers are
  ASCII digits, and a quoted word shows a byte outside printable ASCII as \\xHH;
- the size line is checked against the limits (rows, columns, stored entries) before anything is
  allocated; values must be finite; symmetric and skew-symmetric files store the lower triangle only,
  and a skew-symmetric diagonal is zero."""
import math
import os
import re
from array import array

FIELDS = ('real', 'integer', 'pattern')
SYMMETRIES = ('general', 'symmetric', 'skew-symmetric')
WHOLE = re.compile(r'\d+', re.ASCII)
NUMBER = re.compile(r'[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?', re.ASCII | re.IGNORECASE)
BLANKS = re.compile(r'[ \t\r\v\f]+')
SKIPPABLE = re.compile(r'[ \t\r\v\f]*(%|$)')
NOT_SHOWN = re.compile(r'[^\x20-\x7e]')
BOM = b'\xef\xbb\xbf'

# The limits of a generated matrix (suites/spmm.ts: SPMM_MAX_SIZE, SPMM_MAX_NNZ), which a file's size line may not pass.
MAX_SIZE = 1_000_000
MAX_ENTRIES = 20_000_000


class MatrixMarketError(ValueError):
    def __init__(self, line: int, detail: str):
        super().__init__(f'line {line}: {detail}')


def _ascii_lower(text: str) -> str:
    return re.sub(r'[A-Z]+', lambda m: m.group().lower(), text)


def _shown(text: str) -> str:
    return NOT_SHOWN.sub(lambda m: '\\x%02x' % ord(m.group()), text)


def _words(line: str) -> list:
    return [w for w in BLANKS.split(line) if w != '']


def _strip(line: str) -> str:
    return re.sub(r'^[ \t\r\v\f]+|[ \t\r\v\f]+$', '', line)


def _lines(data: bytes):
    """The lines of a file's bytes, as Latin-1 text, a byte order mark skipped and CR before LF dropped."""
    if data.startswith(BOM):
        data = data[3:]
    for raw in data.split(b'\n'):
        yield (raw[:-1] if raw.endswith(b'\r') else raw).decode('latin-1')


def _header(first: str):
    words = _words(_ascii_lower(first))
    word = lambda i: _shown(words[i]) if i < len(words) else ''  # noqa: E731
    if word(0) != '%%matrixmarket':
        raise MatrixMarketError(1, 'not a Matrix Market file: the first line must start with %%MatrixMarket')
    if word(1) != 'matrix':
        raise MatrixMarketError(1, f'unsupported object "{word(1)}" (supported: matrix)')
    if word(2) != 'coordinate':
        raise MatrixMarketError(1, f'unsupported format "{word(2)}" (supported: coordinate)')
    if word(3) not in FIELDS:
        raise MatrixMarketError(1, f'unsupported field "{word(3)}" (supported: {", ".join(FIELDS)})')
    if word(4) not in SYMMETRIES:
        raise MatrixMarketError(1, f'unsupported symmetry "{word(4)}" (supported: {", ".join(SYMMETRIES)})')
    return word(3) == 'pattern', word(4)


def _index(text: str, line: int, what: str, top: int) -> int:
    if not WHOLE.fullmatch(text):
        raise MatrixMarketError(line, f'{what} "{_shown(text)}" is not a whole number')
    value = int(text)
    if value < 1 or value > top:
        raise MatrixMarketError(line, f'{what} {text} is outside 1..{top}')
    return value - 1


def _size(text: str, line: int, symmetry: str, max_size: int, max_entries: int):
    size = _words(text)
    if len(size) != 3 or not all(WHOLE.fullmatch(w) for w in size):
        raise MatrixMarketError(line, f'size line must be "rows cols entries" (three whole numbers), got "{_shown(_strip(text))}"')
    rows, cols, declared = (int(w) for w in size)
    if rows < 1 or cols < 1:
        raise MatrixMarketError(line, f'a matrix needs at least one row and one column, got {size[0]} x {size[1]}')
    if symmetry != 'general' and rows != cols:
        raise MatrixMarketError(line, f'a {symmetry} matrix must be square, got {size[0]} x {size[1]}')
    if rows > max_size:
        raise MatrixMarketError(line, f'{size[0]} rows is more than the {max_size} allowed')
    if cols > max_size:
        raise MatrixMarketError(line, f'{size[1]} columns is more than the {max_size} allowed')
    if declared < 1:
        raise MatrixMarketError(line, 'the file declares no entries (a product needs at least one)')
    stored = declared if symmetry == 'general' else 2 * declared
    if stored > max_entries:
        mirrored = '' if symmetry == 'general' else f' (up to {stored} stored once mirrored)'
        raise MatrixMarketError(line, f'{size[2]} entries{mirrored} is more than the {max_entries} stored entries allowed')
    return rows, cols, declared


def _value(words: list, line: int, pattern: bool) -> float:
    if pattern:
        return 1.0
    text = words[2]
    if not NUMBER.fullmatch(text):
        raise MatrixMarketError(line, f'value "{_shown(text)}" is not a number')
    value = float(text)
    if not math.isfinite(value):
        raise MatrixMarketError(line, f'value "{text}" is not a finite number (beyond ±1.8e308)')
    return value


def _check_triangle(r: int, c: int, v: float, words: list, line: int, symmetry: str) -> None:
    if symmetry == 'general':
        return
    if c > r:
        raise MatrixMarketError(line, f'entry ({words[0]}, {words[1]}) is above the diagonal: a {symmetry} file stores the lower triangle only')
    if symmetry == 'skew-symmetric' and r == c and v != 0:
        shown = words[2] if len(words) > 2 else '1'
        raise MatrixMarketError(line, f'entry ({words[0]}, {words[1]}) is on the diagonal with value {shown}: a skew-symmetric matrix has a zero diagonal')


def parse_matrix_market(data, max_size: int = MAX_SIZE, max_entries: int = MAX_ENTRIES) -> dict:
    """The CSR of a Matrix Market file's bytes (a str is taken as UTF-8), read by the module's rules."""
    lines = _lines(data.encode('utf-8') if isinstance(data, str) else data)
    pattern, symmetry = _header(next(lines))
    n = 1
    text = next(lines, None)
    while text is not None and SKIPPABLE.match(text):
        n += 1
        text = next(lines, None)
    if text is None:
        raise MatrixMarketError(n, 'file ends before the size line "rows cols entries"')
    n += 1
    rows, cols, declared = _size(text, n, symmetry, max_size, max_entries)
    expect = 2 if pattern else 3
    ri, ci, vs = array('i'), array('i'), array('d')
    entries = 0
    for text in lines:
        n += 1
        line = n
        if SKIPPABLE.match(text):
            continue
        if entries == declared:
            raise MatrixMarketError(line, f'more entries than the {declared} the size line declares')
        words = _words(text)
        if len(words) != expect:
            raise MatrixMarketError(line, f'expected {expect} fields ({"row col" if pattern else "row col value"}), got {len(words)}')
        r = _index(words[0], line, 'row', rows)
        c = _index(words[1], line, 'column', cols)
        v = _value(words, line, pattern)
        _check_triangle(r, c, v, words, line, symmetry)
        entries += 1
        ri.append(r)
        ci.append(c)
        vs.append(v)
        if symmetry != 'general' and r != c:
            ri.append(c)
            ci.append(r)
            vs.append(-v if symmetry == 'skew-symmetric' else v)
    if entries < declared:
        raise MatrixMarketError(n, f'file ends after {entries} of the {declared} entries the size line declares')
    return from_coordinates(rows, cols, ri, ci, vs)


def from_coordinates(rows: int, cols: int, ri: list, ci: list, vs: list) -> dict:
    """CSR from 0-based coordinates (any order); duplicates are summed in entry order, columns sorted."""
    by_row = [[] for _ in range(rows)]
    for e, r in enumerate(ri):
        by_row[r].append(e)
    row_ptr = [0] * (rows + 1)
    col_idx = array('i')
    values = array('d')
    for r in range(rows):
        start = len(col_idx)
        for e in sorted(by_row[r], key=lambda e: ci[e]):  # stable: equal columns stay in entry order
            if len(col_idx) > start and col_idx[-1] == ci[e]:
                values[-1] += vs[e]
            else:
                col_idx.append(ci[e])
                values.append(vs[e])
        row_ptr[r + 1] = len(col_idx)
    return {'rows': rows, 'cols': cols, 'rowPtr': row_ptr, 'colIdx': col_idx, 'values': values}


_cached = {}


def load_matrix(path: str) -> dict:
    """The matrix in `path`; a relative path is taken from the directory parbench was started in
    (PARBENCH_CWD, which the TypeScript side sets for the driver), as the TypeScript reader takes it."""
    full = os.path.join(os.environ.get('PARBENCH_CWD') or os.getcwd(), path)
    if full not in _cached:
        try:
            with open(full, 'rb') as f:
                data = f.read()
        except OSError as error:
            raise ValueError(f'cannot read {path} ({error.strerror})') from None
        try:
            _cached.clear()
            _cached[full] = parse_matrix_market(data)
        except MatrixMarketError as error:
            raise ValueError(f'{path} {error}') from None
    return _cached[full]
