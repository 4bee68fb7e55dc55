"""sin and cos as V8 computes Math.sin and Math.cos (fdlibm's algorithms), so that seeded inputs built with
them are the same floats in Python as in TypeScript. The C library's sin and cos (Python's math module)
round differently from fdlibm for a few percent of arguments.

Only the argument range |x| <= 2^19 * pi/2 is implemented (fdlibm's "medium" reduction); larger arguments
raise ValueError. Every operation is one IEEE double operation in the same order as fdlibm, which CPython
and PyPy evaluate without fused multiply-adds.
"""
import struct

_pack = struct.Struct('<d').pack
_unpack = struct.Struct('<d').unpack
_pack_q = struct.Struct('<q').pack
_unpack_q = struct.Struct('<q').unpack


def _from_bits(bits: int) -> float:
    return _unpack(_pack_q(bits))[0]


def _high_word(x: float) -> int:
    """The upper 32 bits of x as a signed 32-bit integer."""
    return _unpack_q(_pack(x))[0] >> 32


def _words(high: int, low: int) -> float:
    return _from_bits(((high & 0xFFFFFFFF) << 32 | low) - ((high & 0x80000000) << 33))


# Constants by their bit patterns (high word, low word), as fdlibm states them.
S1 = _words(0xBFC55555, 0x55555549)
S2 = _words(0x3F811111, 0x1110F8A6)
S3 = _words(0xBF2A01A0, 0x19C161D5)
S4 = _words(0x3EC71DE3, 0x57B1FE7D)
S5 = _words(0xBE5AE5E6, 0x8A2B9CEB)
S6 = _words(0x3DE5D93A, 0x5ACFD57C)
C1 = _words(0x3FA55555, 0x5555554C)
C2 = _words(0xBF56C16C, 0x16C15177)
C3 = _words(0x3EFA01A0, 0x19CB1590)
C4 = _words(0xBE927E4F, 0x809C52AD)
C5 = _words(0x3E21EE9E, 0xBDB4B1C4)
C6 = _words(0xBDA8FAE9, 0xBE8838D4)
INVPIO2 = _words(0x3FE45F30, 0x6DC9C883)
PIO2_1 = _words(0x3FF921FB, 0x54400000)
PIO2_1T = _words(0x3DD0B461, 0x1A626331)
PIO2_2 = _words(0x3DD0B461, 0x1A600000)
PIO2_2T = _words(0x3BA3198A, 0x2E037073)
PIO2_3 = _words(0x3BA3198A, 0x2E000000)
PIO2_3T = _words(0x397B839A, 0x252049C1)

# High words of n * pi/2 for n = 1..32: below these, the first reduction step cannot cancel badly.
NPIO2_HW = (
    0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB,
    0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB,
    0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
    0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB,
)


def _kernel_sin(x: float, y: float, iy: int) -> float:
    """sin(x + y) for |x| <= pi/4, y the tail of x (iy = 0 when y is zero)."""
    if (_high_word(x) & 0x7FFFFFFF) < 0x3E400000 and int(x) == 0:  # |x| < 2^-27
        return x
    z = x * x
    v = z * x
    r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))
    if iy == 0:
        return x + v * (S1 + z * r)
    return x - ((z * (0.5 * y - v * r) - y) - v * S1)


def _kernel_cos(x: float, y: float) -> float:
    """cos(x + y) for |x| <= pi/4, y the tail of x."""
    ix = _high_word(x) & 0x7FFFFFFF
    if ix < 0x3E400000 and int(x) == 0:  # |x| < 2^-27
        return 1.0
    z = x * x
    r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))))
    if ix < 0x3FD33333:  # |x| < 0.3
        return 1.0 - (0.5 * z - (z * r - x * y))
    qx = 0.28125 if ix > 0x3FE90000 else _words(ix - 0x00200000, 0)  # x/4, low word cleared
    iz = 0.5 * z - qx
    a = 1.0 - qx
    return a - (iz - (z * r - x * y))


def _rem_pio2(x: float):
    """(n, y0, y1) with x = n * pi/2 + (y0 + y1), |y0 + y1| <= pi/4."""
    hx = _high_word(x)
    ix = hx & 0x7FFFFFFF
    if ix <= 0x3FE921FB:
        return 0, x, 0.0
    if ix < 0x4002D97C:  # |x| < 3pi/4: n = +-1
        if hx > 0:
            z = x - PIO2_1
            if ix != 0x3FF921FB:
                y0 = z - PIO2_1T
                return 1, y0, (z - y0) - PIO2_1T
            z -= PIO2_2
            y0 = z - PIO2_2T
            return 1, y0, (z - y0) - PIO2_2T
        z = x + PIO2_1
        if ix != 0x3FF921FB:
            y0 = z + PIO2_1T
            return -1, y0, (z - y0) + PIO2_1T
        z += PIO2_2
        y0 = z + PIO2_2T
        return -1, y0, (z - y0) + PIO2_2T
    if ix > 0x413921FB:
        raise ValueError(f'{x!r} is outside the range this sin/cos implements (|x| <= 2^19 * pi/2)')
    t = abs(x)
    n = int(t * INVPIO2 + 0.5)
    fn = float(n)
    r = t - fn * PIO2_1
    w = fn * PIO2_1T  # first round, good to 85 bits
    if n < 32 and ix != NPIO2_HW[n - 1]:
        y0 = r - w
    else:
        j = ix >> 20
        y0 = r - w
        i = j - ((_high_word(y0) >> 20) & 0x7FF)
        if i > 16:  # second round, good to 118 bits
            t = r
            w = fn * PIO2_2
            r = t - w
            w = fn * PIO2_2T - ((t - r) - w)
            y0 = r - w
            i = j - ((_high_word(y0) >> 20) & 0x7FF)
            if i > 49:  # third round, 151 bits
                t = r
                w = fn * PIO2_3
                r = t - w
                w = fn * PIO2_3T - ((t - r) - w)
                y0 = r - w
    y1 = (r - y0) - w
    if hx < 0:
        return -n, -y0, -y1
    return n, y0, y1


def sin(x: float) -> float:
    if (_high_word(x) & 0x7FFFFFFF) <= 0x3FE921FB:
        return _kernel_sin(x, 0.0, 0)
    if x != x or x in (float('inf'), float('-inf')):
        return x - x
    n, y0, y1 = _rem_pio2(x)
    quadrant = n & 3
    if quadrant == 0:
        return _kernel_sin(y0, y1, 1)
    if quadrant == 1:
        return _kernel_cos(y0, y1)
    if quadrant == 2:
        return -_kernel_sin(y0, y1, 1)
    return -_kernel_cos(y0, y1)


def cos(x: float) -> float:
    if (_high_word(x) & 0x7FFFFFFF) <= 0x3FE921FB:
        return _kernel_cos(x, 0.0)
    if x != x or x in (float('inf'), float('-inf')):
        return x - x
    n, y0, y1 = _rem_pio2(x)
    quadrant = n & 3
    if quadrant == 0:
        return _kernel_cos(y0, y1)
    if quadrant == 1:
        return -_kernel_sin(y0, y1, 1)
    if quadrant == 2:
        return -_kernel_cos(y0, y1)
    return _kernel_sin(y0, y1, 1)
