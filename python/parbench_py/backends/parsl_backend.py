"""Parsl backends: one python_app per task with dependencies passed as futures (Parsl's dataflow), or
the suite's own Parsl graph where Parsl users write it differently (fib: join apps)."""
import os
import signal
import time

import parsl
from parsl.app.app import join_app, python_app

from ..execute import collect, noop, run_app, set_context
from ..trace import run_app_traced, unwrap
from .parsl_config import parsl_config


class ParslApps:
    """The apps a suite's Parsl graph may use: `task(suite, payload, *dep_futures)` and `join(fn)`."""

    def __init__(self, label: str):
        self.task = python_app(run_app, executors=[label])
        self.traced = python_app(run_app_traced, executors=[label])
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

    def execute(self, inp, knob, tasks, whole=True, tracer=None):
        # The suite's own Parsl graph (fib's join apps) builds the whole set; a sample (a task cap) runs
        # as apps over the sampled tasks, dependencies passed as futures. A traced run always runs one
        # app per task (join apps have no task index to stamp).
        if tracer is not None:
            return self._traced(tasks, tracer), None
        if self.suite.parsl_graph is not None and whole:
            return None, self.suite.parsl_graph(inp, knob, self.apps)
        name, task = self.suite.name, self.apps.task
        extra = {'source': self.source} if self.source is not None else {}
        futures = []
        for t in tasks:
            futures.append(task(name, t.payload, *[futures[d] for d in t.deps], **extra))
        return collect(futures), None

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
