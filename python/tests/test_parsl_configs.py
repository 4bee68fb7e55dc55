"""The Parsl rows and what each configures: the tuned rows (logging off, no strategy), the default rows
(Parsl's defaults, only the run directory, W and the loopback address set) and a user's config file
(--parsl-config), which runs as given and reports the workers its executors have."""
import json
import textwrap

import pytest

from parbench_py.backends.parsl_config import file_config, parsl_config
from parbench_py.measure import measure_backend
from parbench_py.suites import find_suite

from test_backends import case
from test_htex import loopback, token, with_token  # noqa: F401 (token is a fixture)


def test_tuned_rows_turn_logging_and_scaling_off(tmp_path):
    for name in ('parsl-threads', 'parsl-htex'):
        config = parsl_config(name, 2, str(tmp_path))
        assert config.initialize_logging is False and config.strategy == 'none'


def test_default_rows_keep_parsls_defaults_but_the_address_run_dir_and_workers(tmp_path):
    threads = parsl_config('parsl-threads-default', 3, str(tmp_path))
    assert threads.initialize_logging is True and threads.strategy == 'simple' and threads.run_dir == str(tmp_path)
    assert threads.executors[0].max_threads == 3
    htex = parsl_config('parsl-htex-default', 2, str(tmp_path))
    executor = htex.executors[0]
    assert htex.initialize_logging is True and htex.strategy == 'simple'
    assert executor.cores_per_worker == 1.0 and executor.max_workers_per_node == 2
    assert executor.provider.min_blocks == 0 and executor.provider.init_blocks == 1
    assert executor.all_addresses == {'127.0.0.1'} and loopback(executor.loopback_address)


@pytest.mark.parametrize('backend', ['parsl-threads-default', 'parsl-htex-default'])
def test_default_rows_are_exact_on_a_graph(backend, vectors, tmp_path):
    c = case(vectors, 'hull-2000-disc')
    suite = find_suite('hull')
    inp = suite.make_input(c['params'], c['seed'])
    source = (json.dumps(c['params'], sort_keys=True), c['seed'])
    timing = measure_backend(backend, 2, suite, inp, suite.context(inp), c['knob'], 0, 1, str(tmp_path), lambda d, t: None, source)
    assert timing['checksums'] == [c['checksum']]


HTEX_FILE = '''
    from parsl.config import Config
    from parsl.executors import HighThroughputExecutor
    from parsl.providers import LocalProvider

    config = Config(executors=[HighThroughputExecutor(label='mine', address='127.0.0.1', max_workers_per_node=2,
                                                      cores_per_worker=1e-6, provider=LocalProvider())],
                    strategy='none', initialize_logging=False)
'''


def test_a_config_file_runs_as_given_and_reports_its_workers(vectors, token, tmp_path):
    path = tmp_path / 'mine.py'
    path.write_text(textwrap.dedent(HTEX_FILE))
    c = case(vectors, 'fib-10')
    suite = find_suite('fib')
    inp = suite.make_input(c['params'], c['seed'])
    timing = measure_backend('parsl-htex', None, suite, inp, None, c['knob'], 0, 1, str(tmp_path), lambda d, t: None,
                             None, None, cluster=str(path))
    assert timing['checksums'] == [c['checksum']]
    assert timing['workers'] == 2
    assert timing['cluster']['address'] == str(path) and timing['cluster']['executors'] == ['mine']
    assert [p.cmdline() for p in with_token(token)] == []


def test_a_file_without_a_config_is_named(tmp_path):
    path = tmp_path / 'empty.py'
    path.write_text('x = 1\n')
    with pytest.raises(ValueError, match='empty.py defines no Parsl Config named `config`'):
        file_config(str(path), str(tmp_path))
