"""Per-task timestamps of a traced run (run --trace, docs/drivers.md "trace"): each task's submit and
result are stamped where the driver submits it, its start and end on the worker that runs it, all with
time.perf_counter_ns (CLOCK_MONOTONIC on Linux: one clock for the driver, its threads and the worker
processes it starts). The runner maps them onto its common clock through the offset it measures with
the `clock` request. Untraced runs never touch this module."""
import os
import threading
import time
from typing import Any, NamedTuple

from .execute import run_app, run_task


class Traced(NamedTuple):
    """A task's result with the worker's instants (ns, perf_counter_ns) and the worker's name."""
    value: Any
    started: int
    finished: int
    worker: str


def worker_name() -> str:
    """`pid <pid>` in a process's main thread, `pid <pid> thread <native id>` in any other thread."""
    pid = os.getpid()
    if threading.current_thread() is threading.main_thread():
        return f'pid {pid}'
    return f'pid {pid} thread {threading.get_native_id()}'


def _values(deps) -> list:
    """Dependencies' values: Parsl hands a traced app its dependencies' Traced results."""
    return [d.value if isinstance(d, Traced) else d for d in deps]


def run_task_traced(suite_name: str, payload, deps=()) -> Traced:
    """run_task, stamped: what a traced pool worker runs. Module-level so process pools can pickle it."""
    started = time.perf_counter_ns()
    value = run_task(suite_name, payload, _values(deps))
    return Traced(value, started, time.perf_counter_ns(), worker_name())


def run_app_traced(suite_name: str, payload, *deps, source=None) -> Traced:
    """run_app, stamped: what a traced Parsl app runs (dependencies arrive as Traced results)."""
    started = time.perf_counter_ns()
    value = run_app(suite_name, payload, *_values(deps), source=source)
    return Traced(value, started, time.perf_counter_ns(), worker_name())


class Tracer:
    """The spans of one traced repetition: [task, worker, submitted, started, finished, received] (ns)."""

    def __init__(self):
        self.submitted = {}
        self.spans = []
        self._lock = threading.Lock()
        self._settled = threading.Condition(self._lock)
        self._pending = 0

    def submitter(self, submit):
        """`submit(payload, deps)` as `go(index, payload, deps)`, stamping the submit and, when the future
        completes (in whichever thread completes it), the receipt."""
        def go(index, payload, deps):
            submitted = time.perf_counter_ns()
            with self._lock:
                self._pending += 1
            future = submit(payload, deps)
            future.add_done_callback(lambda f, i=index, s=submitted: self._done(i, s, f))
            return future
        return go

    def _done(self, index, submitted, future) -> None:
        received = time.perf_counter_ns()
        failed = future.exception() is not None
        with self._settled:
            if not failed:
                r = future.result()
                self.spans.append([index, r.worker, submitted, r.started, r.finished, received])
            self._pending -= 1
            self._settled.notify_all()

    def finished_spans(self, timeout: float = 10.0) -> list:
        """The spans once every submitted task's callback has run. A future's waiters wake before its
        done-callbacks run (in the thread that completed it), so a repetition can end with the last
        spans still to come; this waits for them (at most `timeout` seconds, after the clock stopped)."""
        with self._settled:
            self._settled.wait_for(lambda: self._pending == 0, timeout)
            return list(self.spans)

    def add(self, index, submitted, traced: Traced, received) -> None:
        """A span of a task run in the driver's own thread (the sequential backend)."""
        self.spans.append([index, traced.worker, submitted, traced.started, traced.finished, received])


def unwrap(value):
    """A traced result's value (anything else as is)."""
    return value.value if isinstance(value, Traced) else value


def execute_traced(submit, tasks, tracer: Tracer) -> list:
    """execute_on with every submit and receipt stamped by `tracer`; results unwrapped, in task order.
    The tasks go through execute_on unchanged but for their payloads, which carry their index to the
    tracer's submitter (so the untraced execute_on pays nothing for tracing)."""
    from .execute import execute_on
    from .suites.base import Task
    go = tracer.submitter(submit)
    indexed = [Task((i, t.payload), t.deps) for i, t in enumerate(tasks)]
    return [unwrap(r) for r in execute_on(lambda ip, deps: go(ip[0], ip[1], [unwrap(d) for d in deps]), indexed)]


def execute_inline_traced(name: str, tasks, tracer: Tracer) -> list:
    """The sequential backend's loop, each task stamped: submit and receipt around the traced call."""
    results = [None] * len(tasks)
    for i, t in enumerate(tasks):
        submitted = time.perf_counter_ns()
        traced = run_task_traced(name, t.payload, [results[d] for d in t.deps])
        tracer.add(i, submitted, traced, time.perf_counter_ns())
        results[i] = traced.value
    return results
