"""Python-side backends by name. Each opens with W workers and runs a task set, returning results; a
backend that can run on the user's own cluster (`cluster`: a Dask scheduler's or Ray cluster's address,
or a Parsl config file) says what it found in `cluster` and the workers it uses in `workers`."""
from .pools import ProcessesBackend, SequentialBackend, ThreadsBackend
from .shm_pool import ShmBackend

BACKENDS = {
    'py-sequential': SequentialBackend,
    'pypy-sequential': SequentialBackend,
    'py-threads': ThreadsBackend,
    'pypy-threads': ThreadsBackend,
    'py-processes': ProcessesBackend,
    'py-shm': ShmBackend,
}

PARSL = ['parsl-threads', 'parsl-htex', 'parsl-threads-default', 'parsl-htex-default']
DASK = ['dask-threads', 'dask-distributed']

BACKEND_NAMES = [*BACKENDS, *PARSL, *DASK, 'ray']
"""Every backend this driver runs, as its hello reply lists them."""

CLUSTER_BACKENDS = ['parsl-htex', 'dask-distributed', 'ray']
"""The backends that run on a cluster the user names (the run request's `cluster`)."""


def open_backend(name: str, workers: int, suite, context, run_dir: str = None, source=None, cluster=None):
    """Open backend `name` with `workers` workers (None: the cluster's count). Imports Parsl, Dask or Ray
    only when used. Raises KeyError for an unknown name, ValueError for a cluster given to another backend."""
    if cluster and name not in CLUSTER_BACKENDS:
        raise ValueError(f'{name} cannot run on a cluster (only {", ".join(CLUSTER_BACKENDS)} can)')
    if name in BACKENDS:
        return BACKENDS[name](workers, suite, context)
    if name in PARSL:
        from .parsl_backend import ParslBackend
        return ParslBackend(name, workers, suite, context, run_dir, source, cluster)
    if name in DASK:
        from .dask_backend import DaskDistributedBackend, DaskThreadsBackend
        kind = DaskThreadsBackend if name == 'dask-threads' else DaskDistributedBackend
        return kind(workers, suite, context, run_dir, source, cluster)
    if name == 'ray':
        from .ray_backend import RayBackend
        return RayBackend(workers, suite, context, run_dir, source, cluster)
    raise KeyError(f'unknown backend "{name}" (allowed: {", ".join(BACKEND_NAMES)})')
