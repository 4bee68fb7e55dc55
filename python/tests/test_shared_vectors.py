"""The Python implementations against test/fixtures/shared-vectors.json, which the TypeScript
implementations wrote (scripts/make-shared-vectors.mjs) and the vitest suite checks too."""
from parbench_py.checksum import fnv1a_float64
from parbench_py.execute import execute_inline
from parbench_py.rng import mulberry32
from parbench_py.suites import find_suite
from parbench_py.suites.fib import fib_calls
from parbench_py.suites.square import square_input
from parbench_py.work import spin


def test_mulberry32_gives_the_same_floats(vectors):
    for case in vectors['mulberry32']:
        random = mulberry32(case['seed'])
        assert [random() for _ in case['values']] == case['values']


def test_spin_has_32_bit_semantics(vectors):
    for case in vectors['spin']:
        assert spin(case['rounds'], case['seed']) == case['result'], case


def test_square_input_bytes_match(vectors):
    for case in vectors['fnv1aSquareInput']:
        assert fnv1a_float64(square_input(case['n'], case['seed'])) == case['checksum']


def test_suite_results_match_typescript(vectors):
    for case in vectors['suiteChecksums']:
        suite = find_suite(case['suite'])
        inp = suite.make_input(case['params'], case['seed'])
        tasks = suite.split(inp, case['knob'])
        assert len(tasks) == case['tasks']
        context = suite.context(inp) if suite.context else None
        assert suite.checksum(suite.combine(inp, execute_inline(suite, tasks, context))) == case['checksum']


def test_matrix_market_files_are_refused_with_the_typescript_message(vectors):
    from parbench_py.suites.spmm_mtx import MatrixMarketError, parse_matrix_market
    assert vectors['matrixMarketErrors']
    for case in vectors['matrixMarketErrors']:
        with open(case['file'], 'rb') as f:
            data = f.read()
        try:
            parse_matrix_market(data)
        except MatrixMarketError as error:
            assert str(error) == case['error'], case['file']
        else:
            raise AssertionError(f"{case['file']} was read without an error")


def test_fib_graph_has_calls_n_tasks():
    assert fib_calls(5) == 15
    assert fib_calls(20) == 21891


def test_sin_and_cos_are_v8s(vectors):
    from parbench_py.fdlibm import cos, sin
    for case in vectors['trig']:
        assert (cos(case['x']), sin(case['x'])) == (case['cos'], case['sin']), case


def test_hull_points_match(vectors):
    from parbench_py.suites.hull_points import generate_points
    for case in vectors['hullPoints']:
        assert fnv1a_float64(generate_points(case['n'], case['shape'], case['seed'])) == case['checksum'], case


def test_orientation_signs_are_robust_predicates(vectors):
    from parbench_py.suites.hull_geometry import orient
    for case in vectors['orient2d']:
        value = orient(*case['args'])
        assert (value > 0) - (value < 0) == case['sign'], case


def test_hulls_of_near_collinear_points_match(vectors):
    from parbench_py.suites.hull import hull
    from parbench_py.suites.hull_geometry import monotone_chain_hull, sort_points
    for case in vectors['hullOfPoints']:
        points = sort_points(case['points'])
        assert monotone_chain_hull(points) == case['vertices'], case['name']
        for chunk in (1, 2, 3, 7):
            inp = {'points': points}
            result = hull.combine(inp, execute_inline(hull, hull.split(inp, {'chunk': chunk, 'work': 1}), points))
            assert result['vertices'] == case['vertices'], (case['name'], chunk)


def test_balanced_bounds_match(vectors):
    """The balanced split's bounds. Its cost model takes math.log, the C library's, which differs from
    V8's fdlibm log in the last bit for some arguments (the vectors' `log` cases, which the Rust and Go
    drivers check against their fdlibm ports); the bounds, rounded, come out the same."""
    import struct
    from parbench_py.checksum import fnv1a_bytes
    from parbench_py.suites.primes import balanced_bounds
    for case in vectors['balancedBounds']:
        bounds = balanced_bounds(case['limit'], case['tasks'])
        assert fnv1a_bytes(struct.pack(f'<{len(bounds)}d', *bounds)) == case['checksum'], case
