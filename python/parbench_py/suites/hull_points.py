"""Seeded point sets, identical to suites/hull/points.ts: uniform in a square, uniform in a disc, or on a
circle (every point on the hull). The angles go through fdlibm's sin and cos, as V8's Math.sin and
Math.cos do, so the points are the same floats bit for bit (the C library's differ in the last bit for a
few percent of angles); Math.sqrt and math.sqrt are both correctly rounded."""
import math

from ..fdlibm import cos, sin
from ..rng import mulberry32

SHAPES = ('square', 'disc', 'circle')


def generate_points(n: int, shape: str, seed: int) -> list:
    if shape not in SHAPES:
        raise ValueError(f'hull --shape: {shape!r} is not one of {", ".join(SHAPES)}')
    random = mulberry32(seed)
    xy = [0.0] * (2 * n)
    for i in range(n):
        if shape == 'square':
            x = random() * 2 - 1
            y = random() * 2 - 1
        else:
            angle = random() * 2 * math.pi
            radius = math.sqrt(random()) if shape == 'disc' else 1.0
            x = radius * cos(angle)
            y = radius * sin(angle)
        xy[2 * i] = x
        xy[2 * i + 1] = y
    return xy
