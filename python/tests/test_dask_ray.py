"""Dask and Ray backends: exact results on task graphs and independent tasks, every server on loopback,
and no process left once a backend is closed, also after a failed run. Starting Ray or a Dask cluster
takes seconds, so each starts only a few times here."""

import psutil
import pytest

from parbench_py.backends import open_backend
from parbench_py.measure import measure_backend
from parbench_py.suites import find_suite

from test_backends import case, measure_case
from test_htex import loopback, token, with_token  # noqa: F401 (token is a fixture)


@pytest.mark.parametrize('backend', ['dask-distributed', 'ray'])
@pytest.mark.parametrize('name', ['hull-2000-disc'])
def test_exact_with_a_context_built_by_each_worker(backend, name, vectors, tmp_path):
    c, timing = measure_case(backend, vectors, name, tmp_path)
    assert timing['checksums'] == [c['checksum']] * 2
    assert timing['tasks'] == [c['tasks']] * 2


@pytest.mark.parametrize('backend', ['dask-distributed', 'ray'])
def test_listens_on_loopback_only_runs_a_graph_and_leaves_nothing(backend, vectors, token, tmp_path):
    c = case(vectors, 'fib-10')
    suite = find_suite('fib')
    inp = suite.make_input(c['params'], c['seed'])
    opened = open_backend(backend, 2, suite, None, str(tmp_path))
    try:
        results, _ = opened.execute(inp, c['knob'], suite.split(inp, c['knob']))
        assert suite.checksum(suite.combine(inp, results)) == c['checksum']
        started = with_token(token)
        assert started, 'the workers carry the environment of this process'
        for proc in [psutil.Process(), *started]:
            for conn in proc.net_connections(kind='inet'):
                if conn.status == psutil.CONN_LISTEN or not conn.raddr:
                    assert loopback(conn.laddr.ip), (proc.cmdline(), conn)
                else:
                    assert loopback(conn.raddr.ip), (proc.cmdline(), conn)
    finally:
        opened.close()
    assert [p.cmdline() for p in with_token(token)] == []


def test_no_dask_worker_survives_a_failed_task(vectors, token, tmp_path, monkeypatch):
    c = case(vectors, 'square-2')
    suite = find_suite('square')
    inp = suite.make_input(c['params'], c['seed'])
    with pytest.raises(Exception, match='work'):
        # a knob without its work field: the first task fails in a worker process
        measure_backend('dask-distributed', 2, suite, inp, None, {'chunk': c['knob']['chunk']}, 0, 1, str(tmp_path), lambda d, t: None)
    assert [p.cmdline() for p in with_token(token)] == []


@pytest.mark.parametrize('name', ['fib-10', 'square-2', 'primes-5000', 'spmm-2000-skew', 'hull-3000-circle'])
def test_dask_threads_is_exact(name, vectors, tmp_path):
    c, timing = measure_case('dask-threads', vectors, name, tmp_path)
    assert timing['checksums'] == [c['checksum']] * 2
    assert timing['tasks'] == [c['tasks']] * 2


def test_a_cluster_only_for_the_backends_that_run_on_one(tmp_path):
    with pytest.raises(ValueError, match='py-threads cannot run on a cluster'):
        open_backend('py-threads', 2, find_suite('fib'), None, str(tmp_path), cluster='tcp://127.0.0.1:1')
