"""spmm, identical to suites/spmm.ts: a seeded sparse CSR matrix (or one read from a Matrix Market file)
times a dense operand of k columns, one row block per task. The matrix and the operand are the suite's
context (sent once per worker, or built once per worker from (params, seed) where an executor cannot
send it)."""
import math
from array import array

from ..checksum import fnv1a_float64, hex32
from ..rng import mulberry32
from ..work import spin
from .base import Suite, Task, concat_parts
from .spmm_mtx import load_matrix

MIN_TASKS = 16


def js_round(x: float) -> int:
    """JavaScript's Math.round: halves round up."""
    return math.floor(x + 0.5)


def row_lengths(weights: list, cols: int, total: float) -> list:
    rows = len(weights)
    share = [0.0] * rows
    capped = [False] * rows
    left = total
    passes = 0
    while passes < 64 and left > 1e-9:
        passes += 1
        weight = 0.0
        for r in range(rows):
            if not capped[r]:
                weight += weights[r]
        if weight <= 0:
            break
        spill = 0.0
        for r in range(rows):
            if capped[r]:
                continue
            share[r] += (left * weights[r]) / weight
            if share[r] >= cols:
                spill += share[r] - cols
                share[r] = float(cols)
                capped[r] = True
        left = spill
    lengths = [0] * rows
    cum = 0.0
    prev = 0
    for r in range(rows):
        cum += share[r]
        nxt = js_round(cum)
        lengths[r] = min(cols, nxt - prev)
        prev = nxt
    return lengths


def row_weights(rows: int, kind: str, random) -> list:
    if kind == 'uniform':
        return [1.0] * rows
    rank = list(range(rows))
    for i in range(rows - 1, 0, -1):
        j = math.floor(random() * (i + 1))
        rank[i], rank[j] = rank[j], rank[i]
    return [1 / (rank[r] + 1) for r in range(rows)]


def pick_columns(cols: int, count: int, random, mark: bytearray) -> list:
    complement = count > cols / 2
    draw = cols - count if complement else count
    drawn = []
    while len(drawn) < draw:
        c = math.floor(random() * cols)
        if not mark[c]:
            mark[c] = 1
            drawn.append(c)
    out = [c for c in range(cols) if not mark[c]] if complement else sorted(drawn)
    for c in drawn:
        mark[c] = 0
    return out


def generate_csr(size: int, density: float, kind: str, seed: int) -> dict:
    random = mulberry32(seed)
    total = js_round(density * size * size)
    lengths = row_lengths(row_weights(size, kind, random), size, total)
    row_ptr = [0] * (size + 1)
    for r in range(size):
        row_ptr[r + 1] = row_ptr[r] + lengths[r]
    col_idx = array('i')
    values = array('d')
    mark = bytearray(size)
    for r in range(size):
        col_idx.extend(pick_columns(size, lengths[r], random, mark))
        for _ in range(row_ptr[r], row_ptr[r + 1]):
            values.append(random() * 2 - 1)
    return {'rows': size, 'cols': size, 'rowPtr': row_ptr, 'colIdx': col_idx, 'values': values}


def dense_operand(cols: int, k: int, seed: int) -> array:
    random = mulberry32((seed ^ 0x5BD1E995) & 0xFFFFFFFF)
    return array('d', (random() * 2 - 1 for _ in range(cols * k)))


def multiply_rows(a: dict, x, k: int, r0: int, r1: int) -> array:
    y = array('d', bytes(8 * (r1 - r0) * k))
    row_ptr, col_idx, values = a['rowPtr'], a['colIdx'], a['values']
    for r in range(r0, r1):
        out = (r - r0) * k
        for p in range(row_ptr[r], row_ptr[r + 1]):
            v = values[p]
            base = col_idx[p] * k
            for j in range(k):
                y[out + j] += v * x[base + j]
    return y


def make_input(params: dict, seed: int) -> dict:
    if isinstance(params.get('matrix'), str) and params['matrix'] != '':
        matrix = load_matrix(params['matrix'])
    else:
        matrix = generate_csr(int(params['size']), float(params['density']), params['rowlen'], seed)
    k = int(params['k'])
    return {'context': {**matrix, 'k': k, 'x': dense_operand(matrix['cols'], k, seed)}}


def knob_range(inp: dict) -> dict:
    return {'chunkUnit': 'row', 'chunkMin': 1, 'chunkMax': max(1, inp['context']['rows'] // MIN_TASKS), 'workMax': 10_000_000}


def split(inp: dict, knob: dict) -> list:
    rows = inp['context']['rows']
    return [Task([r0, min(rows, r0 + knob['chunk']), knob['work']], []) for r0 in range(0, rows, knob['chunk'])]


def context(inp: dict) -> dict:
    return inp['context']


def kernel(payload, deps, ctx):
    r0, r1, work = payload
    y = multiply_rows(ctx, ctx['x'], ctx['k'], r0, r1)
    units = r1 - r0 + ctx['rowPtr'][r1] - ctx['rowPtr'][r0]
    return (y, spin(work * units, r0 + 1) if work > 0 else 0)


def combine(inp: dict, results: list) -> dict:
    y, acc = concat_parts(results)
    return {'y': y, 'spin': acc, 'tasks': len(results)}


def checksum(result: dict) -> str:
    return f"y={fnv1a_float64(result['y'])} work={hex32(result['spin'])}"


spmm = Suite('spmm', make_input, knob_range, split, kernel, combine, checksum, context=context)
