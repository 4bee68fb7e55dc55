"""hull, identical to suites/hull.ts: 2-D convex hull of n seeded points by divide and conquer. The sorted
points are the suite's context; a leaf task (op 0) returns the lower and upper chains of a slice of
`chunk` points, a merge task (op 1) joins the hulls of its two dependencies (a balanced tree in
post-order). Each point of a slice and each chain vertex of a merge also takes `work` rounds."""
from ..checksum import fnv1a_float64, hex32
from ..work import spin
from .base import Suite, Task
from .hull_geometry import chains, hull_vertices, merge_chains, sort_points
from .hull_points import generate_points

MIN_LEAVES = 16


def hull_graph(points: int, chunk: int, work: int) -> list:
    """Leaves of `chunk` points joined by a balanced tree of merges, in post-order."""
    tasks: list = []
    leaves = max(1, -(-points // chunk))

    def visit(first: int, last: int) -> int:
        start = first * chunk
        end = min(points, (last + 1) * chunk)
        if first == last:
            tasks.append(Task([0, start, end, work], []))
        else:
            middle = (first + last) >> 1
            left = visit(first, middle)
            right = visit(middle + 1, last)
            tasks.append(Task([1, start, end, work], [left, right]))
        return len(tasks) - 1

    visit(0, leaves - 1)
    return tasks


def make_input(params: dict, seed: int) -> dict:
    # The TypeScript side verifies against its sequential monotone chain; the fingerprint carries the vertices.
    return {'points': sort_points(generate_points(int(params['points']), params['shape'], seed))}


def knob_range(inp: dict) -> dict:
    return {'chunkUnit': 'point', 'chunkMin': 1, 'chunkMax': max(1, len(inp['points']) // 2 // MIN_LEAVES), 'workMax': 10_000_000}


def split(inp: dict, knob: dict) -> list:
    return hull_graph(len(inp['points']) // 2, knob['chunk'], knob['work'])


def context(inp: dict) -> list:
    return inp['points']


def kernel(payload, deps, points):
    """A task's output: (lower chain, upper chain, work checksum)."""
    op, start, end, work = payload
    if op == 0:
        lower, upper = chains(points, start, end - start)
        return lower, upper, spin(work * (end - start), start + 1) if work > 0 else 0
    left, right = deps
    lower, upper = merge_chains(left, right)
    acc = left[2] ^ right[2]
    if work > 0:
        units = (len(left[0]) + len(left[1]) + len(right[0]) + len(right[1])) // 2
        acc = spin(work * units, acc ^ end)
    return lower, upper, acc


def combine(inp: dict, results: list) -> dict:
    lower, upper, acc = results[-1]
    return {'vertices': hull_vertices(lower, upper), 'spin': acc, 'tasks': len(results)}


def checksum(result: dict) -> str:
    vertices = result['vertices']
    return f"hull={len(vertices) // 2} vertices {fnv1a_float64(vertices)} work={hex32(result['spin'])}"


hull = Suite('hull', make_input, knob_range, split, kernel, combine, checksum, context=context)
