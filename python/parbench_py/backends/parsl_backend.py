"""Parsl backends: one python_app per task with dependencies passed as futures (Parsl's dataflow), or
the suite's own Parsl graph where Parsl users write it differently (fib: join apps)."""
import os
import signal
import time

import parsl
from parsl.app.app import join_app, python_app

from ..execute import collect, noop, run_app, set_context, submit_graph
from ..trace import run_app_traced, unwrap
from ..profiling import after_worker_task, profile_dir, start_worker_profile
from .parsl_config import config_path, file_config, parsl_config


def run_app_profiled(suite_name: str, payload, *deps, source=None):
    """run_app in an HTEX worker under `parbench profile`: cProfile started on the worker's first task and
    saved every few tenths of a second (HTEX workers are stopped by a signal, never exit on their own)."""
    start_worker_profile()
    try:
        return run_app(suite_name, payload, *deps, source=source)
    finally:
        after_worker_task()


class ParslApps:
    """The apps a suite's Parsl graph may use: `task(suite, payload, *dep_futures)` and `join(fn)`;
    `executors` is a list of labels or 'all'."""

    def __init__(self, executors):
        """The apps bound to `executors`; in HTEX workers under `parbench profile`, run_app_profiled."""
        profiled = executors != 'all' and 'htex' in executors and profile_dir() is not None
        self.task = python_app(run_app_profiled if profiled else run_app, executors=executors)
        self.noop = python_app(noop, executors=executors)
        self.traced = python_app(run_app_traced, executors=executors)
        self.join = join_app


class ParslBackend:
    """A Parsl DataFlowKernel loaded with parbench's configuration for `name` (parsl_config.py), or with
    the `config` of the user's file `cluster` (--parsl-config): then `workers` and `cluster` say what it has."""

    def __init__(self, name, workers, suite, context, run_dir, source=None, cluster=None):
        """Load the configuration and run a no-op per worker (start-up, timed apart)."""
        self.suite = suite
        # Threads share this process's context; HTEX workers build theirs once from (params, seed).
        set_context(suite.name, context)
        self.source = source if context is not None else None
        self.cluster = None
        path = config_path(cluster) if cluster else None
        config = file_config(path, run_dir) if path else parsl_config(name, workers, run_dir)
        self.dfk = parsl.load(config)
        try:
            self.apps = ParslApps('all' if path else ['htex' if 'htex' in name else 'threads'])
            if path:
                self.workers = _config_workers(self.dfk)
                self.cluster = {'address': path, 'workers': self.workers, 'cores': self.workers,
                                'executors': sorted(self.dfk.executors.keys() - {'_parsl_internal'}),
                                'versions': {'parsl': parsl.__version__}}
            for f in [self.apps.noop(i) for i in range(workers if not path else self.workers)]:
                f.result()
        except BaseException:
            self.close()
            raise

    def execute(self, inp, knob, tasks, whole=True, tracer=None):
        """Run the task set as apps; returns (results, None), or (None, combined) for a suite's own graph;
        with `tracer`, one traced app per task."""
        # The suite's own Parsl graph (fib's join apps) builds the whole set; a sample (a task cap) runs
        # as apps over the sampled tasks, dependencies passed as futures. A traced run always runs one
        # app per task (join apps have no task index to stamp).
        if tracer is not None:
            return self._traced(tasks, tracer), None
        if self.suite.parsl_graph is not None and whole:
            return None, self.suite.parsl_graph(inp, knob, self.apps)
        name, task = self.suite.name, self.apps.task
        extra = {'source': self.source} if self.source is not None else {}
        return collect(submit_graph(lambda payload, *deps: task(name, payload, *deps, **extra), tasks)), None

    def _traced(self, tasks, tracer):
        """One traced app per task, dependencies passed as futures (Parsl's dataflow), every submit and
        receipt stamped by `tracer`; results unwrapped in task order."""
        app = self.apps.traced
        name = self.suite.name
        extra = {'source': self.source} if self.source is not None else {}
        go = tracer.submitter(lambda payload, deps: app(name, payload, *deps, **extra))
        futures = []
        for i, t in enumerate(tasks):
            futures.append(go(i, t.payload, [futures[d] for d in t.deps]))
        return [unwrap(r) for r in collect(futures)]

    def close(self):
        """Clean the DataFlowKernel up and make sure the HTEX worker pools are gone."""
        dfk, self.dfk = self.dfk, None
        if dfk is None:
            return
        groups = _block_groups(dfk)
        try:
            dfk.cleanup()
        finally:
            parsl.clear()
            _reap(groups)


def _config_workers(dfk, wait: float = 60.0) -> int:
    """Workers of a user's configuration: a thread pool's threads plus the workers HTEX managers report
    once connected (waiting up to `wait` seconds for the first). Raises RuntimeError when none connects."""
    total, htex = 0, []
    for label, executor in dfk.executors.items():
        if label == '_parsl_internal':
            continue
        if hasattr(executor, 'connected_managers'):
            htex.append(executor)
        else:
            total += int(getattr(executor, 'max_threads', 1) or 1)
    deadline = time.monotonic() + wait
    for executor in htex:
        while True:
            managers = executor.connected_managers()
            if managers or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        if not managers:
            raise RuntimeError(f'no worker connected to the Parsl executor {executor.label!r} within {wait:g} s')
        total += sum(int(m['worker_count']) for m in managers)
    return max(1, total)


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
