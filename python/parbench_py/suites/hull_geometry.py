"""Convex hulls by Andrew's monotone chain with exact orientation tests, identical to suites/hull/geometry.ts:
the same vertices in the same order. Points are flat [x0, y0, x1, y1, ...] sequences sorted by x, then y;
a chain is a flat list of its vertices from the leftmost to the rightmost point."""
EPSILON = 1.1102230246251565e-16
# robust-predicates' first error bound: a float determinant this far from zero has the exact sign.
CCW_ERRBOUND_A = (3 + 16 * EPSILON) * EPSILON


def exact_orient(ax, ay, bx, by, cx, cy) -> int:
    """(ay - cy)(bx - cx) - (ax - cx)(by - cy) in exact integer arithmetic: every float is an integer over a
    power of two, so all six over their largest denominator are integers with the same ratios."""
    ratios = [v.as_integer_ratio() for v in (ax, ay, bx, by, cx, cy)]
    den = max(d for _, d in ratios)
    ax, ay, bx, by, cx, cy = (n * (den // d) for n, d in ratios)
    return (ay - cy) * (bx - cx) - (ax - cx) * (by - cy)


def orient(ax, ay, bx, by, cx, cy):
    """A number with the sign of robust-predicates' orient2d (positive for a clockwise turn a -> b -> c,
    zero when collinear): the float determinant when its error bound proves the sign, else the exact one."""
    detleft = (ay - cy) * (bx - cx)
    detright = (ax - cx) * (by - cy)
    det = detleft - detright
    if abs(det) >= CCW_ERRBOUND_A * abs(detleft + detright):
        return det
    return exact_orient(ax, ay, bx, by, cx, cy)


def _chain(xy, first: int, count: int, upper: bool) -> list:
    """One chain over the points first .. first+count-1 of xy, stored left to right. A step is kept only
    when o -> a -> b turns counter-clockwise (orient < 0); repeated points count once."""
    sx, sy = [], []  # the stack's coordinates
    bound = CCW_ERRBOUND_A
    for step in range(count):
        i = 2 * (first + (count - 1 - step if upper else step))
        bx = xy[i]
        by = xy[i + 1]
        top = len(sx)
        if top and sx[-1] == bx and sy[-1] == by:
            continue
        while top >= 2:
            ox = sx[top - 2]
            oy = sy[top - 2]
            ax = sx[top - 1]
            ay = sy[top - 1]
            detleft = (oy - by) * (ax - bx)
            detright = (ox - bx) * (ay - by)
            det = detleft - detright
            if abs(det) < bound * abs(detleft + detright):
                det = exact_orient(ox, oy, ax, ay, bx, by)
            if det < 0:
                break
            sx.pop()
            sy.pop()
            top -= 1
        sx.append(bx)
        sy.append(by)
    if upper:  # built right to left: store it left to right like the lower one
        sx.reverse()
        sy.reverse()
    out = [0.0] * (2 * len(sx))
    out[0::2] = sx
    out[1::2] = sy
    return out


def chains(xy, first: int = 0, count: int = None):
    """(lower, upper) chains of points first .. first+count-1 of xy, sorted by (x, y)."""
    if count is None:
        count = len(xy) // 2
    return _chain(xy, first, count, False), _chain(xy, first, count, True)


def merge_chains(left, right):
    """Hull of two point sets where every point of `left` sorts before every point of `right`."""
    lower = left[0] + right[0]
    upper = left[1] + right[1]
    return _chain(lower, 0, len(lower) // 2, False), _chain(upper, 0, len(upper) // 2, True)


def hull_vertices(lower: list, upper: list) -> list:
    """Counter-clockwise vertices from the lowest-leftmost point: lower chain, then upper chain back."""
    nl = len(lower) // 2
    nu = len(upper) // 2
    if nl <= 1:
        return list(lower)
    out = lower[:2 * (nl - 1)]
    for i in range(nu - 1, 0, -1):
        out.append(upper[2 * i])
        out.append(upper[2 * i + 1])
    return out


def sort_points(xy) -> list:
    """Flat points sorted by x, then y (stable, like the TypeScript comparator sort)."""
    pairs = sorted(zip(xy[0::2], xy[1::2]))
    out = [0.0] * len(xy)
    out[0::2] = [p[0] for p in pairs]
    out[1::2] = [p[1] for p in pairs]
    return out


def monotone_chain_hull(sorted_xy) -> list:
    """The sequential reference: monotone chain over all points at once."""
    return hull_vertices(*chains(sorted_xy))
