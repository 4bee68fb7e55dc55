"""hull's Python port on known point sets (the cases of test/suites/hull.test.ts), its task graph, and the
exact orientation test where a float determinant gets the sign wrong."""
from fractions import Fraction

import pytest

from parbench_py.execute import execute_inline
from parbench_py.fdlibm import cos, sin
from parbench_py.suites.hull import hull, hull_graph
from parbench_py.suites.hull_geometry import exact_orient, monotone_chain_hull, orient, sort_points

KNOWN = [
    ('square with interior and edge points', [1, 1, 0, 0, 2, 2, 0, 2, 2, 0, 1, 0, 0, 1, 1.5, 0.5], [0, 0, 2, 0, 2, 2, 0, 2]),
    ('triangle', [0, 0, 4, 0, 2, 3, 2, 1, 1, 0.5], [0, 0, 4, 0, 2, 3]),
    ('collinear points', [0, 0, 1, 1, 2, 2, 3, 3], [0, 0, 3, 3]),
    ('a single point', [5, 5], [5, 5]),
    ('a repeated point', [1, 2, 1, 2, 1, 2], [1, 2]),
    ('two points', [3, 0, 0, 0], [0, 0, 3, 0]),
]


def divide_and_conquer(points, chunk, work=0):
    inp = {'points': points}
    return hull.combine(inp, execute_inline(hull, hull.split(inp, {'chunk': chunk, 'work': work}), points))


@pytest.mark.parametrize('name,points,expected', KNOWN, ids=[k[0] for k in KNOWN])
def test_known_point_sets_at_every_slice_size(name, points, expected):
    points = sort_points([float(v) for v in points])
    assert monotone_chain_hull(points) == expected
    for chunk in (1, 2, 3, 100):
        assert divide_and_conquer(points, chunk, 3)['vertices'] == expected


@pytest.mark.parametrize('shape', ['square', 'disc', 'circle'])
def test_divide_and_conquer_matches_the_monotone_chain(shape):
    inp = hull.make_input({'points': 3000, 'shape': shape}, 11)
    reference = monotone_chain_hull(inp['points'])
    for chunk in (1, 5, 64):
        assert divide_and_conquer(inp['points'], chunk)['vertices'] == reference
    if shape == 'circle':
        assert len(reference) == 2 * 3000


def test_task_graph_has_leaves_of_chunk_points_in_post_order():
    tasks = hull_graph(10, 3, 0)
    assert [t.payload[1:3] for t in tasks if t.payload[0] == 0] == [[0, 3], [3, 6], [6, 9], [9, 10]]
    assert len(tasks) == 7 and tasks[-1].payload == [1, 0, 10, 0]
    assert all(d < i for i, t in enumerate(tasks) for d in t.deps)


def test_exact_orientation_where_the_float_determinant_is_wrong():
    # (0.5 + 2^-53 i, 0.5 + 2^-53 j) against the line through (12, 12) and (24, 24): the float determinant
    # misjudges many of these; the exact sign is that of j - i.
    wrong = 0
    for i in range(8):
        for j in range(8):
            args = (0.5 + i * 2 ** -53, 0.5 + j * 2 ** -53, 12.0, 12.0, 24.0, 24.0)
            a = [Fraction(v) for v in args]
            exact = (a[1] - a[5]) * (a[2] - a[4]) - (a[0] - a[4]) * (a[3] - a[5])
            sign = (exact > 0) - (exact < 0)
            assert (orient(*args) > 0) - (orient(*args) < 0) == sign
            assert (exact_orient(*args) > 0) - (exact_orient(*args) < 0) == sign
            ax, ay, bx, by, cx, cy = args
            naive = (ay - cy) * (bx - cx) - (ax - cx) * (by - cy)
            wrong += (naive > 0) - (naive < 0) != sign
    assert wrong > 0


def test_sin_and_cos_outside_the_implemented_range_say_so():
    assert cos(0.0) == 1.0 and sin(0.0) == 0.0
    with pytest.raises(ValueError, match='outside the range'):
        sin(1e10)


def test_unknown_shape_is_refused():
    with pytest.raises(ValueError, match="'oval' is not one of square, disc, circle"):
        hull.make_input({'points': 3, 'shape': 'oval'}, 1)
