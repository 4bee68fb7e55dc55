"""primes, identical to suites/primes.ts: count and sum the primes in [0, limit) by trial division, one
sub-range per task (equal width, or equal estimated cost with split=balanced). The sieve reference is
the TypeScript side's: this side's results are verified against TypeScript's for the same knob."""
import math

from ..checksum import hex32
from ..work import spin
from .base import Suite, Task

MIN_TASKS = 16
GRID = 4096


def count_range(lo: int, hi: int) -> tuple:
    count = total = divisions = 0
    for x in range(lo, hi):
        divisions += 1
        if x < 2:
            continue
        if x < 4:
            count += 1
            total += x
            continue
        if x & 1 == 0:
            continue
        prime = True
        d = 3
        while d * d <= x:
            divisions += 1
            if x % d == 0:
                prime = False
                break
            d += 2
        if prime:
            count += 1
            total += x
    return count, total, divisions


def cost_density(x: float) -> float:
    return 1.0 if x < 3 else 1 + math.sqrt(x) / (2 * math.log(x))


def js_round(x: float) -> int:
    """JavaScript's Math.round for the non-negative values used here (halves round up)."""
    return math.floor(x + 0.5)


def balanced_bounds(n: int, tasks: int) -> list:
    steps = min(GRID, n)
    xs = [(n * i) / steps for i in range(steps + 1)]
    cum = [0.0] * (steps + 1)
    for i in range(1, steps + 1):
        cum[i] = cum[i - 1] + ((cost_density(xs[i - 1]) + cost_density(xs[i])) / 2) * (xs[i] - xs[i - 1])
    total = cum[steps]
    bounds = [0]
    g = 1
    for k in range(1, tasks):
        target = (total * k) / tasks
        while g < steps and cum[g] < target:
            g += 1
        span = cum[g] - cum[g - 1]
        x = xs[g - 1] + (((target - cum[g - 1]) / span) * (xs[g] - xs[g - 1]) if span > 0 else 0)
        bounds.append(min(n - (tasks - k), max(bounds[k - 1] + 1, js_round(x))))
    bounds.append(n)
    return bounds


def width_bounds(n: int, chunk: int) -> list:
    return [*range(0, n, chunk), n]


def make_input(params: dict, seed: int) -> dict:
    return {'limit': int(params['limit']), 'split': 'balanced' if params.get('split') == 'balanced' else 'width'}


def knob_range(inp: dict) -> dict:
    return {'chunkUnit': 'number', 'chunkMin': 1, 'chunkMax': max(1, inp['limit'] // MIN_TASKS), 'workMax': 10_000_000}


def split(inp: dict, knob: dict) -> list:
    width = width_bounds(inp['limit'], knob['chunk'])
    bounds = width if inp['split'] == 'width' else balanced_bounds(inp['limit'], len(width) - 1)
    return [Task([bounds[i - 1], bounds[i], knob['work']], []) for i in range(1, len(bounds))]


def kernel(payload, deps=(), context=None):
    lo, hi, work = payload
    count, total, divisions = count_range(lo, hi)
    return (count, total, spin(work * divisions, lo + 1) if work > 0 else 0)


def combine(inp: dict, results: list) -> dict:
    count = total = acc = 0
    for c, s, w in results:
        count += c
        total += s
        acc ^= w
    return {'count': count, 'sum': total, 'spin': acc, 'tasks': len(results)}


def checksum(result: dict) -> str:
    return f"primes={result['count']} sum={result['sum']} work={hex32(result['spin'])}"


primes = Suite('primes', make_input, knob_range, split, kernel, combine, checksum)
