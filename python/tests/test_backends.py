"""fib, square, primes, spmm (generated and from a Matrix Market file) and hull on every Python backend at
tiny sizes: exact results, verified against the fingerprints the TypeScript suites give for the same input
and knob."""
import json
import shutil

import pytest

from parbench_py.measure import measure_backend, measure_sequential
from parbench_py.suites import find_suite

BACKENDS = ['py-sequential', 'py-threads', 'py-processes', 'py-shm', 'parsl-threads', 'parsl-htex']
# suite-size[-variant]: the shared vector whose first parameter is size (and another parameter contains variant).
CASES = ['fib-10', 'square-2', 'primes-5000', 'spmm-300', 'spmm-2000-skew', 'hull-3000-circle', 'hull-2000-disc', 'hull-2000-square']


def case(vectors, name):
    suite, size, *variant = name.split('-')
    return next(c for c in vectors['suiteChecksums'] if c['suite'] == suite and next(iter(c['params'].values())) == int(size)
                and all(any(v in str(p) for p in c['params'].values()) for v in variant))


def measure_case(backend, vectors, name, tmp_path, repeats=1, **options):
    """Measure one shared-vector case on `backend` with 2 workers (1 warm-up, `repeats` timed); returns
    (the case, its timing). `options` go to measure_backend (e.g. trace=True)."""
    c = case(vectors, name)
    suite = find_suite(c['suite'])
    inp = suite.make_input(c['params'], c['seed'])
    context = suite.context(inp) if suite.context else None
    source = (json.dumps(c['params'], sort_keys=True), c['seed'])
    return c, measure_backend(backend, 2, suite, inp, context, c['knob'], 1, repeats, str(tmp_path), lambda d, t: None,
                              source, **options)


@pytest.mark.parametrize('backend', BACKENDS)
@pytest.mark.parametrize('name', CASES)
def test_backend_result_is_exact(backend, name, vectors, tmp_path):
    c = case(vectors, name)
    suite = find_suite(c['suite'])
    inp = suite.make_input(c['params'], c['seed'])
    repeats = []
    context = suite.context(inp) if suite.context else None
    source = (json.dumps(c['params'], sort_keys=True), c['seed'])
    timing = measure_backend(backend, 2, suite, inp, context, c['knob'], 1, 2, str(tmp_path), lambda d, t: repeats.append(d), source)
    assert timing['checksums'] == [c['checksum']] * 3
    assert timing['tasks'] == [c['tasks']] * 3
    assert len(timing['samples']) == 2 and len(timing['warmupSamples']) == 1
    assert timing['startupSeconds'] >= 0
    assert repeats == [1, 2, 3]


def test_sequential_reference_is_exact(vectors):
    c = case(vectors, 'fib-10')
    suite = find_suite('fib')
    inp = suite.make_input(c['params'], c['seed'])
    seq = measure_sequential(suite, inp, None, suite.split(inp, c['knob']), 1, 2, 0.001)
    assert seq['checksum'] == c['checksum'] and seq['tasks'] == c['tasks']
    assert len(seq['samples']) == 2 and seq['loops'] >= 1


@pytest.mark.skipif(shutil.which('pypy3') is None, reason='pypy3 is not installed')
@pytest.mark.parametrize('backend', ['pypy-sequential', 'pypy-threads'])
@pytest.mark.parametrize('name', ['fib-10', 'hull-1000-circle', 'hull-2000-disc'])
def test_pypy_driver_runs(backend, name, vectors):
    import json
    import subprocess
    from pathlib import Path
    c = case(vectors, name)
    request = {'op': 'run', 'backend': backend, 'workers': 2, 'suite': c['suite'], 'params': c['params'],
               'seed': 42, 'knob': c['knob'], 'warmup': 0, 'repeats': 1}
    out = subprocess.run(['pypy3', '-m', 'parbench_py.driver'], input=json.dumps(request) + '\n', text=True,
                         capture_output=True, cwd=Path(__file__).resolve().parents[1], timeout=120)
    reply = json.loads(out.stdout.strip().split('\n')[-1])
    assert reply['checksums'] == [c['checksum']]
