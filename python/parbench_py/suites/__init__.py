"""The Python suite registry. Adding a suite is one module here plus one line below."""
from .base import Suite, Task
from .fib import fib
from .hull import hull
from .primes import primes
from .spmm import spmm
from .square import square

SUITES = {s.name: s for s in (fib, square, primes, spmm, hull)}


def find_suite(name: str) -> Suite:
    suite = SUITES.get(name)
    if suite is None:
        raise KeyError(f'unknown suite "{name}" (allowed: {", ".join(SUITES)})')
    return suite


__all__ = ['SUITES', 'Suite', 'Task', 'find_suite']
