"""Parsl backends: one python_app per task with dependencies passed as futures (Parsl's dataflow), or
the suite's own Parsl graph where Parsl users write it differently (fib: join apps)."""
import os
import signal
import time

import parsl
from parsl.app.app import join_app, python_app

from ..execute import collect, noop, run_app, set_context
from ..profiling import after_worker_task, profile_dir, start_worker_profile
from .parsl_config import parsl_config


def run_app_profiled(suite_name: str, payload, *deps, source=None):
    """run_app in an HTEX worker under `parbench profile`: cProfile started on the worker's first task and
    saved every few tenths of a second (HTEX workers are stopped by a signal, never exit on their own)."""
    start_worker_profile()
    try:
        return run_app(suite_name, payload, *deps, source=source)
    finally:
        after_worker_task()


class ParslApps:
    """The apps a suite's Parsl graph may use: `task(suite, payload, *dep_futures)` and `join(fn)`."""

    def __init__(self, label: str):
        profiled = label == 'htex' and profile_dir() is not None
        self.task = python_app(run_app_profiled if profiled else run_app, executors=[label])
        self.noop = python_app(noop, executors=[label])
        self.join = join_app


class ParslBackend:
    def __init__(self, name, workers, suite, context, run_dir, source=None):
        self.suite = suite
        # Threads share this process's context; HTEX workers build theirs once from (params, seed).
        set_context(suite.name, context)
        self.source = source if context is not None else None
        self.dfk = parsl.load(parsl_config(name, workers, run_dir))
        try:
            self.apps = ParslApps('htex' if name == 'parsl-htex' else 'threads')
            for f in [self.apps.noop(i) for i in range(workers)]:
                f.result()
        except BaseException:
            self.close()
            raise

    def execute(self, inp, knob, tasks, whole=True):
        # The suite's own Parsl graph (fib's join apps) builds the whole set; a sample (a task cap) runs
        # as apps over the sampled tasks, dependencies passed as futures.
        if self.suite.parsl_graph is not None and whole:
            return None, self.suite.parsl_graph(inp, knob, self.apps)
        name, task = self.suite.name, self.apps.task
        extra = {'source': self.source} if self.source is not None else {}
        futures = []
        for t in tasks:
            futures.append(task(name, t.payload, *[futures[d] for d in t.deps], **extra))
        return collect(futures), None

    def close(self):
        dfk, self.dfk = self.dfk, None
        if dfk is None:
            return
        groups = _block_groups(dfk)
        try:
            dfk.cleanup()
        finally:
            parsl.clear()
            _reap(groups)


def _block_groups(dfk) -> list:
    """Process groups of the HTEX worker pools (LocalProvider starts each block in a group of its own)."""
    groups = []
    for executor in dfk.executors.values():
        for job in getattr(getattr(executor, 'provider', None), 'resources', {}).values():
            try:
                groups.append(os.getpgid(int(job['remote_pid'])))
            except (KeyError, ValueError, ProcessLookupError):
                pass
    return groups


def _reap(groups: list, grace: float = 10.0) -> None:
    """Parsl's cancel sends SIGTERM and returns: wait for each worker group to be gone, then SIGKILL it."""
    deadline = time.monotonic() + grace
    for group in groups:
        while True:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                break
            if time.monotonic() > deadline:
                try:
                    os.killpg(group, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                break
            time.sleep(0.05)
