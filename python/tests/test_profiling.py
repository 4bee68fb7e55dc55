"""`parbench profile`'s Python side: yappi per driver thread and cProfile in process workers write .pstats
files that pstats.Stats loads, and summarise reads them back with built-ins' time split by caller."""
import glob
import json
import os
import pstats

from parbench_py import profiling
from parbench_py.measure import measure_backend
from parbench_py.suites import find_suite


def _run(backend, tmp_path, monkeypatch):
    monkeypatch.setenv(profiling.ENV, str(tmp_path))
    suite = find_suite('square')
    params = {'n': 1, 'tile': 256}
    inp = suite.make_input(params, 42)
    context = suite.context(inp) if suite.context else None
    profile = profiling.start_driver_profile()
    measure_backend(backend, 2, suite, inp, context, {'chunk': 64, 'work': 10}, 0, 2, str(tmp_path),
                    lambda d, t: None, (json.dumps(params, sort_keys=True), 42), None, profile.restart)
    return profile.stop()


def test_threads_write_one_pstats_per_driver_thread(tmp_path, monkeypatch):
    written = _run('py-threads', tmp_path, monkeypatch)
    names = sorted(os.path.basename(p) for p in written)
    assert any(n.startswith(f'py-driver-{os.getpid()}-') and n.endswith('_MainThread.pstats') for n in names)
    assert sum(1 for n in names if n.endswith('-Thread.pstats')) >= 2  # the pool's two threads
    for path in written:
        assert pstats.Stats(path).total_calls > 0


def test_process_workers_write_their_own_pstats(tmp_path, monkeypatch):
    _run('py-processes', tmp_path, monkeypatch)
    workers = glob.glob(str(tmp_path / 'py-worker-*.pstats'))
    assert len(workers) == 2
    functions = {key[2] for path in workers for key in pstats.Stats(path).stats}
    assert 'kernel' in functions


def test_summarise_names_built_ins_and_splits_them_by_caller(tmp_path, monkeypatch):
    written = _run('py-threads', tmp_path, monkeypatch)
    rows = profiling.summarise(written)
    acquire = [r for r in rows if r['function'] == "<method 'acquire' of '_thread.lock' objects>"]
    assert acquire and all(r['filename'] == '~' for r in acquire)
    assert all(abs(sum(c['self'] for c in r['callers']) - r['self']) < 1e-3 for r in acquire)
    assert any(r['function'] == 'kernel' and r['filename'].endswith('parbench_py/suites/square.py') for r in rows)


def test_profiling_is_off_without_the_variable(monkeypatch):
    monkeypatch.delenv(profiling.ENV, raising=False)
    assert profiling.profile_dir() is None
    assert profiling.start_driver_profile() is None
