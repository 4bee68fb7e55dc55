"""square, identical to suites/square.ts: square n x 1024 float64 values in tiles of `chunk` elements."""
from array import array

from ..checksum import fnv1a_float64, hex32
from ..rng import mulberry32
from ..work import spin
from .base import Suite, Task, concat_parts


def square_input(n: int, seed: int) -> array:
    random = mulberry32(seed)
    return array('d', (random() * 2 - 1 for _ in range(n * 1024)))


def make_input(params: dict, seed: int) -> dict:
    values = square_input(int(params['n']), seed)
    return {'values': values, 'tile': min(int(params['tile']), len(values))}


def knob_range(inp: dict) -> dict:
    return {'chunkUnit': 'element', 'chunkMin': 1, 'chunkMax': inp['tile'], 'workMax': 10_000_000}


def split(inp: dict, knob: dict) -> list:
    values, chunk, work = inp['values'], knob['chunk'], knob['work']
    return [Task((offset, values[offset:offset + chunk], work), []) for offset in range(0, len(values), chunk)]


def kernel(payload, deps=(), context=None):
    offset, values, work = payload
    squares = array('d', (x * x for x in values))
    acc = 0
    if work > 0:
        for i in range(len(values)):
            acc ^= spin(work, offset + i + 1)
    return (squares, acc)


def combine(inp: dict, results: list) -> dict:
    squares, acc = concat_parts(results)
    return {'squares': squares, 'spin': acc, 'tasks': len(results)}


def checksum(result: dict) -> str:
    return f"squares={fnv1a_float64(result['squares'])} work={hex32(result['spin'])}"


square = Suite('square', make_input, knob_range, split, kernel, combine, checksum)
