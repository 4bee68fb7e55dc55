"""py-shm: exact results over many inputs, worker counts and task caps, stress, and failures (a task that
raises, a worker that is killed) that end with one clear error, no worker process and no shared-memory
segment left behind."""
import multiprocessing
import os

import psutil
import pytest

from parbench_py.backends.shm_pool import PoolFailure, ShmBackend, settings_from
from parbench_py.backends.shm_worker import SpinLock
from parbench_py.progress import completed
from parbench_py.execute import execute_inline
from parbench_py.suites import find_suite
from parbench_py.task_cap import cap_tasks


def segments_left():
    return sorted(name for name in os.listdir('/dev/shm') if name.startswith(f'parbench-{os.getpid()}-'))


def expected(suite, inp, tasks, context=None):
    return suite.checksum(suite.combine(inp, execute_inline(suite, tasks, context)))


def run(backend, suite, inp, tasks):
    results, _ = backend.execute(inp, None, tasks)
    return suite.checksum(suite.combine(inp, results))


def trackers():
    """multiprocessing's resource trackers among this process's descendants (pids)."""
    return {p.pid for p in psutil.Process().children(recursive=True) if 'resource_tracker' in ' '.join(p.cmdline())}


@pytest.fixture(autouse=True)
def nothing_left():
    # A tracker an earlier test started (a process pool, a Dask cluster) lives as long as this process.
    before = trackers()
    yield
    assert multiprocessing.active_children() == []
    assert segments_left() == []
    # Not even a resource tracker of its own, a process that would outlive the backend.
    assert trackers() - before == set()


TEAM, BESIDE, BLOCKING = {'team': True, 'lockTries': 1000}, {'team': False, 'lockTries': 1000}, {'team': True, 'lockTries': 0}


@pytest.mark.parametrize('workers, settings', [(1, TEAM), (2, TEAM), (3, TEAM), (2, BESIDE), (3, BESIDE), (2, BLOCKING)])
def test_fib_graphs_and_square_tiles_over_many_inputs(workers, settings):
    fib, square = find_suite('fib'), find_suite('square')
    backend = ShmBackend(workers, fib, None, settings)
    try:
        for n in range(16):
            inp = fib.make_input({'n': n}, 1)
            tasks = fib.split(inp, {'chunk': 1, 'work': n % 3})
            assert run(backend, fib, inp, tasks) == expected(fib, inp, tasks)
            assert run(backend, fib, inp, tasks) == expected(fib, inp, tasks)  # again on the same layout
    finally:
        backend.close()
    backend = ShmBackend(workers, square, None, settings)
    try:
        for seed in range(1, 9):
            inp = square.make_input({'n': 2, 'tile': 256}, seed)
            tasks = square.split(inp, {'chunk': [1, 3, 64, 255, 2048][seed % 5], 'work': seed % 2})
            assert run(backend, square, inp, tasks) == expected(square, inp, tasks)
            for cap in (1, 5, 100):
                sample = cap_tasks(tasks, cap)
                assert run(backend, square, inp, sample) == expected(square, inp, sample)
    finally:
        backend.close()


@pytest.mark.parametrize('shape', ['circle', 'disc', 'square'])
def test_hull_graphs_through_the_pickle_arena(shape):
    hull = find_suite('hull')
    backend = ShmBackend(2, hull, None)
    try:
        for seed in range(1, 6):
            inp = hull.make_input({'points': 500 * seed, 'shape': shape}, seed)
            context = hull.context(inp) if hull.context else None
            backend.close()
            backend = ShmBackend(2, hull, context)
            tasks = hull.split(inp, {'chunk': 7 * seed, 'work': 1})
            assert backend.point is None
            assert run(backend, hull, inp, tasks) == expected(hull, inp, tasks, context)
            assert backend.point['form'].name == 'arena'
            assert run(backend, hull, inp, cap_tasks(tasks, 9)) == expected(hull, inp, cap_tasks(tasks, 9), context)
    finally:
        backend.close()


@pytest.mark.parametrize('suite_name, params, workers', [('square', {'n': 4, 'tile': 256}, 3), ('fib', {'n': 14}, 4)])
def test_stress_thousands_of_tiny_tasks_repeated(suite_name, params, workers):
    suite = find_suite(suite_name)
    inp = suite.make_input(params, 3)
    tasks = suite.split(inp, {'chunk': 1, 'work': 0})
    want = expected(suite, inp, tasks)
    backend = ShmBackend(workers, suite, None)
    try:
        for _ in range(15):
            assert run(backend, suite, inp, tasks) == want
    finally:
        backend.close()


def test_the_driver_is_the_last_member_of_the_team_and_says_so():
    fib = find_suite('fib')
    for workers, settings, processes, team in [(3, TEAM, 2, True), (1, TEAM, 1, False), (3, BESIDE, 3, False)]:
        backend = ShmBackend(workers, fib, None, settings)
        try:
            assert len(backend.procs) == processes
            recorded = backend.executor_settings()
            assert {k: recorded[k] for k in ('team', 'processes', 'lockTries')} == {'team': team, 'processes': processes, 'lockTries': 1000}
        finally:
            backend.close()


def test_settings_come_from_the_environment_with_defaults_for_anything_else():
    assert settings_from({}) == {'team': True, 'lockTries': 1000}
    assert settings_from({'PARBENCH_PYSHM_TEAM': '0', 'PARBENCH_PYSHM_LOCK_TRIES': '7'}) == {'team': False, 'lockTries': 7}
    assert settings_from({'PARBENCH_PYSHM_TEAM': 'yes', 'PARBENCH_PYSHM_LOCK_TRIES': '-3'}) == {'team': True, 'lockTries': 1000}


def test_the_driver_never_waits_forever_for_a_lock_whose_holder_died():
    lock = multiprocessing.get_context('fork').Lock()
    lock.acquire()  # held by someone who will never release it
    calls = []

    def alive():
        calls.append(1)
        if len(calls) == 3:
            raise PoolFailure('a py-shm worker exited unexpectedly (exit code -9)')

    with pytest.raises(PoolFailure, match='exited unexpectedly'):
        with SpinLock(lock, 10, alive, 0.01):
            pass
    assert len(calls) == 3
    lock.release()
    with SpinLock(lock, 10, alive, 0.01):  # free: taken at the first try
        assert not lock.acquire(False)


def test_progress_counts_the_tasks_done_while_the_driver_works_in_the_team():
    base = completed.value()
    completed.pending = lambda: 5
    try:
        assert completed.value() == base + 5
    finally:
        completed.pending = None
    assert completed.value() == base


@pytest.mark.parametrize('settings', [TEAM, BESIDE])
@pytest.mark.parametrize('fault, message', [
    ('raise:7', r'^ValueError: injected fault at task 7$'),
    ('kill:5', r'^a py-shm worker exited unexpectedly \(exit code -9\)$'),
])
@pytest.mark.parametrize('suite_name', ['fib', 'square', 'hull'])
def test_a_failing_worker_fails_the_run_with_one_line(fault, message, suite_name, settings, monkeypatch):
    monkeypatch.setenv('PARBENCH_PYSHM_FAULT', fault)
    suite = find_suite(suite_name)
    params = {'fib': {'n': 8}, 'square': {'n': 1, 'tile': 256}, 'hull': {'points': 2000, 'shape': 'disc'}}[suite_name]
    inp = suite.make_input(params, 1)
    context = suite.context(inp) if suite.context else None
    tasks = suite.split(inp, {'chunk': 4 if suite_name != 'fib' else 1, 'work': 0})
    backend = ShmBackend(2, suite, context, settings)
    try:
        with pytest.raises(RuntimeError, match=message):
            run(backend, suite, inp, tasks)
    finally:
        backend.close()
