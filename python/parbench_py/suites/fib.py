"""fib, identical to suites/fib.ts: every call of recursive fib(n) is one task (calls(n) tasks)."""
import itertools

from ..checksum import hex32
from ..progress import completed
from ..work import spin
from .base import Suite, Task


def fib_calls(n: int) -> int:
    a, b = 1, 1
    for _ in range(2, n + 1):
        a, b = b, a + b + 1
    return 1 if n < 1 else b


def make_input(params: dict, seed: int) -> dict:
    return {'n': int(params['n'])}


def knob_range(inp: dict) -> dict:
    return {'chunkUnit': 'call', 'chunkMin': 1, 'chunkMax': 1, 'workMax': 50_000_000}


def split(inp: dict, knob: dict) -> list:
    tasks: list = []
    work = knob['work']

    def visit(k: int) -> int:
        if k < 2:
            tasks.append(Task([0, k, work], []))
        else:
            left = visit(k - 1)
            right = visit(k - 2)
            tasks.append(Task([1, k, work], [left, right]))
        return len(tasks) - 1

    visit(inp['n'])
    return tasks


def kernel(payload, deps, context=None):
    op, n, work = payload
    if op == 0:
        return (n, spin(work, n + 1))
    a, b = deps
    return (a[0] + b[0], spin(work, a[1] ^ b[1] ^ n))


def combine(inp: dict, results: list) -> dict:
    value, spun = results[-1]
    return {'value': value, 'spin': spun, 'tasks': len(results)}


def checksum(result: dict) -> str:
    return f"fib={result['value']} work={hex32(result['spin'])}"


def parsl_graph(inp: dict, knob: dict, apps) -> dict:
    """fib as Parsl users write it: a join app per call that launches fib(k-1), fib(k-2) and an add app."""
    work = knob['work']
    launched = itertools.count()  # next() is atomic: join apps run on several threads

    def fib_join(k: int):
        next(launched)
        completed.add()
        if k < 2:
            return apps.task('fib', [0, k, work])
        return apps.task('fib', [1, k, work], fib_app(k - 1), fib_app(k - 2))

    fib_app = apps.join(fib_join)
    value, spun = fib_app(inp['n']).result()
    return {'value': value, 'spin': spun, 'tasks': next(launched)}


fib = Suite('fib', make_input, knob_range, split, kernel, combine, checksum, parsl_graph=parsl_graph)
