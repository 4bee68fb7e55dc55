"""The Parsl configurations parbench runs.

- `parsl-threads`, `parsl-htex` (tuned): logging off (`initialize_logging=False`; on only under
  `parbench profile --parsl-logging`), no scaling strategy (`strategy='none'`), one block started up
  front; HTEX with `cores_per_worker=1e-6` so that W alone sets the pool size.
- `parsl-threads-default`, `parsl-htex-default`: Parsl's default `Config` (its logging to
  `<run_dir>/NNN/parsl.log`, `strategy='simple'`, the default `LocalProvider` and `cores_per_worker`),
  with only the run directory, the worker count W and, for HTEX, the loopback address set.
- `--parsl-config FILE.py`: the user's own `config`, untouched apart from a default run directory.

HTEX is held to loopback: it advertises, binds and probes 127.0.0.1 only, starts its workers on this
machine, and runs without a monitoring hub or usage tracking."""
import os
import runpy

from parsl.config import Config
from parsl.executors import HighThroughputExecutor, ThreadPoolExecutor
from parsl.providers import LocalProvider

from ..profiling import PARSL_LOGGING_ENV

LOOPBACK = '127.0.0.1'

TUNED = {'parsl-threads', 'parsl-htex'}
DEFAULT = {'parsl-threads-default', 'parsl-htex-default'}


def htex_executor(workers: int) -> HighThroughputExecutor:
    """The tuned HTEX: W workers in one block of a LocalProvider, loopback only."""
    return HighThroughputExecutor(
        label='htex',
        address=LOOPBACK,
        loopback_address=LOOPBACK,
        max_workers_per_node=workers,
        cores_per_worker=1e-6,  # let `workers` alone decide the pool size on any machine
        provider=LocalProvider(init_blocks=1, min_blocks=1, max_blocks=1, nodes_per_block=1),
    )


def threads_executor(workers: int) -> ThreadPoolExecutor:
    """Parsl's ThreadPoolExecutor with W threads."""
    return ThreadPoolExecutor(label='threads', max_threads=workers)


def default_config(backend: str, workers: int, run_dir: str) -> Config:
    """Parsl's default Config and executor, with only the run directory, W and HTEX's address set."""
    if backend == 'parsl-htex-default':
        executor = HighThroughputExecutor(label='htex', address=LOOPBACK, loopback_address=LOOPBACK,
                                          max_workers_per_node=workers, provider=LocalProvider())
    else:
        executor = threads_executor(workers)
    return Config(executors=[executor], run_dir=run_dir)


def file_config(path: str, run_dir: str) -> Config:
    """The `config` a user's Python file defines (any executor and provider). Its run directory is kept
    unless it is Parsl's default `runinfo`, which would land in parbench's directory: then `run_dir`.
    Raises ValueError naming the file when it defines no Parsl Config called `config`."""
    defined = runpy.run_path(path, run_name='parbench_parsl_config').get('config')
    if not isinstance(defined, Config):
        raise ValueError(f'{path} defines no Parsl Config named `config`')
    if defined.run_dir == 'runinfo':
        defined.run_dir = run_dir
    return defined


def parsl_config(backend: str, workers: int, run_dir: str) -> Config:
    """The Config of a parbench Parsl backend with W workers, run in `run_dir` (see the module comment)."""
    if backend in DEFAULT:
        return default_config(backend, workers, run_dir)
    executor = htex_executor(workers) if backend == 'parsl-htex' else threads_executor(workers)
    return Config(
        executors=[executor],
        run_dir=run_dir,
        strategy='none',
        monitoring=None,
        usage_tracking=0,
        retries=0,
        # Parsl's logging is off (its default is on) unless `parbench profile --parsl-logging` asks for it.
        initialize_logging=os.environ.get(PARSL_LOGGING_ENV) == '1',
    )


def config_path(path: str) -> str:
    """`path` taken from the directory parbench was started in (PARBENCH_CWD) when relative."""
    return path if os.path.isabs(path) else os.path.join(os.environ.get('PARBENCH_CWD', os.getcwd()), path)
