"""Calibrated work, identical to suites/work.ts: rounds of xorshift32 with 32-bit semantics."""

M32 = 0xFFFFFFFF


def to_int32(x: int) -> int:
    x &= M32
    return x - 0x100000000 if x & 0x80000000 else x


def spin(rounds: int, seed: int) -> int:
    x = (seed & M32) or 0x9E3779B9
    for _ in range(rounds):
        x ^= (x << 13) & M32
        x ^= x >> 17
        x ^= (x << 5) & M32
    return to_int32(x)
