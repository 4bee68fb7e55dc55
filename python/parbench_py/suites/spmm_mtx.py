"""Matrix Market coordinate files, identical to suites/spmm/mtx.ts and csr.ts: real, integer or pattern
entries; general, symmetric or skew-symmetric; duplicates summed in file order, columns sorted within a
row. The same file gives the same CSR arrays, value for value, as the TypeScript reader."""
import os
import re
from array import array

FIELDS = ('real', 'integer', 'pattern')
SYMMETRIES = ('general', 'symmetric', 'skew-symmetric')
WHOLE = re.compile(r'\d+', re.ASCII)
NUMBER = re.compile(r'[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?', re.ASCII | re.IGNORECASE)


class MatrixMarketError(ValueError):
    def __init__(self, line: int, detail: str):
        super().__init__(f'line {line}: {detail}')


def _header(first: str):
    words = first.strip().lower().split()
    word = lambda i: words[i] if i < len(words) else ''  # noqa: E731
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
        raise MatrixMarketError(line, f'{what} "{text}" is not a whole number')
    value = int(text)
    if value < 1 or value > top:
        raise MatrixMarketError(line, f'{what} {value} is outside 1..{top}')
    return value - 1


def _skippable(line: str) -> bool:
    return line.strip() == '' or line.lstrip().startswith('%')


def parse_matrix_market(text: str) -> dict:
    lines = re.split(r'\r?\n', text)
    pattern, symmetry = _header(lines[0])
    i = 1
    while i < len(lines) and _skippable(lines[i]):
        i += 1
    if i >= len(lines):
        raise MatrixMarketError(i, 'file ends before the size line "rows cols entries"')
    size = lines[i].strip().split()
    if len(size) != 3 or not all(WHOLE.fullmatch(w) for w in size):
        raise MatrixMarketError(i + 1, f'size line must be "rows cols entries" (three whole numbers), got "{lines[i].strip()}"')
    rows, cols, declared = (int(w) for w in size)
    if rows < 1 or cols < 1:
        raise MatrixMarketError(i + 1, f'a matrix needs at least one row and one column, got {rows} x {cols}')
    if symmetry != 'general' and rows != cols:
        raise MatrixMarketError(i + 1, f'a {symmetry} matrix must be square, got {rows} x {cols}')
    i += 1
    expect = 2 if pattern else 3
    ri, ci, vs = [], [], []
    entries = 0
    for i in range(i, len(lines)):
        raw = lines[i].strip()
        if raw == '' or raw.startswith('%'):
            continue
        line = i + 1
        if entries == declared:
            raise MatrixMarketError(line, f'more entries than the {declared} the size line declares')
        words = raw.split()
        if len(words) != expect:
            raise MatrixMarketError(line, f'expected {expect} fields ({"row col" if pattern else "row col value"}), got {len(words)}')
        r = _index(words[0], line, 'row', rows)
        c = _index(words[1], line, 'column', cols)
        v = 1.0
        if not pattern:
            if not NUMBER.fullmatch(words[2]):
                raise MatrixMarketError(line, f'value "{words[2]}" is not a number')
            v = float(words[2])
        entries += 1
        ri.append(r)
        ci.append(c)
        vs.append(v)
        if symmetry != 'general' and r != c:
            ri.append(c)
            ci.append(r)
            vs.append(-v if symmetry == 'skew-symmetric' else v)
    if entries < declared:
        raise MatrixMarketError(len(lines), f'file ends after {entries} of the {declared} entries the size line declares')
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
            with open(full, encoding='utf-8') as f:
                text = f.read()
        except OSError as error:
            raise ValueError(f'cannot read {path} ({error.strerror})') from None
        try:
            _cached.clear()
            _cached[full] = parse_matrix_market(text)
        except MatrixMarketError as error:
            raise ValueError(f'{path} {error}') from None
    return _cached[full]
