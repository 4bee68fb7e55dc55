"""HTEX stays on loopback and leaves nothing running: the generated config names only 127.0.0.1, the
interchange listens on 127.0.0.1 only, and no interchange or worker process survives a run or an error."""
import ipaddress
import os
import uuid

import psutil
import pytest

from parbench_py.backends.parsl_config import parsl_config
from parbench_py.measure import measure_backend
from parbench_py.suites import find_suite


def loopback(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return (getattr(ip, 'ipv4_mapped', None) or ip).is_loopback


def with_token(token: str) -> list:
    """Processes this test started: its descendants (the interchange, which rewrites its environment
    with its title) and processes carrying the test's token (worker pools, which are not descendants)."""
    found = psutil.Process().children(recursive=True)
    for proc in psutil.process_iter(['pid']):
        try:
            if proc.pid != os.getpid() and proc.environ().get('PARBENCH_TEST_TOKEN') == token:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            pass
    alive = []
    for proc in set(found):
        try:
            # multiprocessing's resource tracker (started by the first process pool or Dask LocalCluster of
            # this test process) is this process's helper: it lives as long as this process does.
            if 'multiprocessing.resource_tracker' in ' '.join(proc.cmdline()):
                continue
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(proc)
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            pass
    return alive


@pytest.fixture
def token(monkeypatch):
    value = uuid.uuid4().hex
    monkeypatch.setenv('PARBENCH_TEST_TOKEN', value)
    return value


def test_generated_htex_config_names_only_loopback(tmp_path):
    config = parsl_config('parsl-htex', 3, str(tmp_path))
    htex = config.executors[0]
    assert htex.address == '127.0.0.1'
    assert htex.loopback_address == '127.0.0.1'
    assert htex.all_addresses == {'127.0.0.1'}
    assert htex.max_workers_per_node == 3
    assert config.monitoring is None
    assert config.usage_tracking == 0
    for value in (htex.address, htex.loopback_address, *htex.all_addresses):
        assert loopback(value)


def test_htex_listens_on_loopback_only_and_cleans_up(token, tmp_path):
    import parsl
    from parbench_py.backends.parsl_backend import ParslBackend
    suite = find_suite('fib')
    backend = ParslBackend('parsl-htex', 2, suite, None, str(tmp_path))
    try:
        htex = backend.dfk.executors['htex']
        assert '-a 127.0.0.1 ' in htex.launch_cmd
        started = with_token(token)
        assert started, 'the interchange and worker pool carry the environment of the driver'
        for proc in started:
            for conn in proc.net_connections(kind='inet'):
                assert loopback(conn.laddr.ip), (proc.cmdline(), conn)
                if conn.raddr:
                    assert loopback(conn.raddr.ip), (proc.cmdline(), conn)
    finally:
        backend.close()
    assert [p.cmdline() for p in with_token(token)] == []


def test_no_process_survives_a_failed_run(token, tmp_path, monkeypatch):
    suite = find_suite('fib')
    inp = suite.make_input({'n': 5}, 42)

    def broken(*args, **kwargs):
        raise RuntimeError('broken graph')

    monkeypatch.setattr(suite, 'parsl_graph', broken)
    with pytest.raises(RuntimeError, match='broken graph'):
        measure_backend('parsl-htex', 2, suite, inp, None, {'chunk': 1, 'work': 0}, 0, 1, str(tmp_path), lambda d, t: None)
    assert [p.cmdline() for p in with_token(token)] == []
