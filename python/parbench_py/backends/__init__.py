"""Python-side backends by name. Each opens with W workers and runs a task set, returning results."""
from .pools import ProcessesBackend, SequentialBackend, ThreadsBackend
from .shm_pool import ShmBackend

BACKENDS = {
    'py-sequential': SequentialBackend,
    'pypy-sequential': SequentialBackend,
    'py-threads': ThreadsBackend,
    'py-processes': ProcessesBackend,
    'py-shm': ShmBackend,
}

BACKEND_NAMES = [*BACKENDS, 'parsl-threads', 'parsl-htex']
"""Every backend this driver runs, as its hello reply lists them."""


def open_backend(name: str, workers: int, suite, context, run_dir: str = None, source=None):
    if name in BACKENDS:
        return BACKENDS[name](workers, suite, context)
    if name in ('parsl-threads', 'parsl-htex'):
        from .parsl_backend import ParslBackend  # imports Parsl only when it is used
        return ParslBackend(name, workers, suite, context, run_dir, source)
    raise KeyError(f'unknown backend "{name}" (allowed: {", ".join(BACKEND_NAMES)})')
