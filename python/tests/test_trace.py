"""run --trace on every Python backend: exact results as untraced, one span per task per timed repetition,
with its worker named, and the untraced reply unchanged."""
import json
import os

import pytest

from parbench_py.measure import measure_backend
from parbench_py.suites import find_suite
from parbench_py.trace import Traced, Tracer, execute_traced

from test_backends import case, measure_case

BACKENDS = ['py-sequential', 'py-threads', 'py-processes', 'parsl-threads', 'parsl-htex']
WORKER = {
    'py-sequential': rf'^pid {os.getpid()}$',
    'py-threads': rf'^pid {os.getpid()} thread \d+$',
    'py-processes': r'^pid \d+$',
    'parsl-threads': rf'^pid {os.getpid()} thread \d+$',
    'parsl-htex': r'^pid \d+',
}


@pytest.mark.parametrize('backend', BACKENDS)
@pytest.mark.parametrize('name', ['fib-10', 'square-2'])
def test_traced_run_is_exact_and_stamps_every_task(backend, name, vectors, tmp_path):
    import re
    c, timing = measure_case(backend, vectors, name, tmp_path, repeats=2, trace=True)
    suite = find_suite(c['suite'])
    inp = suite.make_input(c['params'], c['seed'])
    assert timing['checksums'] == [c['checksum']] * 3
    spans = timing['trace']['spans']
    n = len(suite.split(inp, c['knob']))
    assert len(spans) == 2 * n
    for repetition in (0, 1):
        assert sorted(s[0] for s in spans if s[1] == repetition) == list(range(n))
    for task, repetition, worker, submitted, started, finished, received in spans:
        assert re.match(WORKER[backend], worker), worker
        # One clock (CLOCK_MONOTONIC) everywhere: causality holds across threads and processes.
        assert submitted <= started <= finished <= received


def test_untraced_reply_has_no_trace(vectors, tmp_path):
    c = case(vectors, 'fib-10')
    suite = find_suite('fib')
    timing = measure_backend('py-sequential', 1, suite, suite.make_input(c['params'], c['seed']), None, c['knob'], 0, 1,
                             str(tmp_path), lambda d, t: None)
    assert 'trace' not in timing


class _Done:
    """A completed future of a given result."""

    def __init__(self, result):
        self._result = result

    def add_done_callback(self, fn):
        fn(self)

    def exception(self):
        return None

    def result(self):
        return self._result


def test_execute_traced_indexes_spans_by_task_and_unwraps_results():
    from parbench_py.suites.base import Task
    tasks = [Task(10), Task(20), Task(30, [0, 1])]
    seen = []

    def submit(payload, deps):
        seen.append((payload, deps))
        return _Done(Traced(payload + sum(deps), 5, 6, 'w'))

    tracer = Tracer()
    assert execute_traced(submit, tasks, tracer) == [10, 20, 60]
    assert seen == [(10, []), (20, []), (30, [10, 20])]
    assert sorted(s[0] for s in tracer.spans) == [0, 1, 2]
    assert all(s[1] == 'w' and s[3:5] == [5, 6] for s in tracer.spans)


def test_finished_spans_waits_for_done_callbacks_still_to_run():
    """A future's waiters wake before its done-callbacks run: the spans are read only once every one ran
    (a failed task's callback too, which adds no span)."""
    import threading
    from concurrent.futures import Future
    tracer = Tracer()
    ok, failing = Future(), Future()
    futures = iter([ok, failing])
    go = tracer.submitter(lambda payload, deps: next(futures))
    go(0, None, ())
    go(1, None, ())
    threading.Timer(0.2, lambda: ok.set_result(Traced('v', 10, 20, 'w'))).start()
    threading.Timer(0.3, lambda: failing.set_exception(RuntimeError('task failed'))).start()
    spans = tracer.finished_spans()
    assert len(spans) == 1
    index, worker, submitted, started, finished, received = spans[0]
    assert (index, worker, started, finished) == (0, 'w', 10, 20)
    assert submitted <= received
