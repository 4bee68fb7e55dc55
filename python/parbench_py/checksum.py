"""FNV-1a over the little-endian bytes of float64 values, identical to suites/checksum.ts."""
import struct


def fnv1a_bytes(data: bytes) -> str:
    h = 0x811C9DC5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return format(h, '08x')


def fnv1a_float64(values) -> str:
    return fnv1a_bytes(struct.pack(f'<{len(values)}d', *values))


def hex32(value: int) -> str:
    """(value >>> 0).toString(16) in JavaScript."""
    return format(value & 0xFFFFFFFF, 'x')
