"""The Parsl configurations parbench runs. HTEX is held to loopback: it advertises, binds and probes
127.0.0.1 only, starts its workers on this machine, and runs without a monitoring hub or usage tracking."""
import os

from parsl.config import Config
from parsl.executors import HighThroughputExecutor, ThreadPoolExecutor
from parsl.providers import LocalProvider

from ..profiling import PARSL_LOGGING_ENV

LOOPBACK = '127.0.0.1'


def htex_executor(workers: int) -> HighThroughputExecutor:
    return HighThroughputExecutor(
        label='htex',
        address=LOOPBACK,
        loopback_address=LOOPBACK,
        max_workers_per_node=workers,
        cores_per_worker=1e-6,  # let `workers` alone decide the pool size on any machine
        provider=LocalProvider(init_blocks=1, min_blocks=1, max_blocks=1, nodes_per_block=1),
    )


def threads_executor(workers: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(label='threads', max_threads=workers)


def parsl_config(backend: str, workers: int, run_dir: str) -> Config:
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
