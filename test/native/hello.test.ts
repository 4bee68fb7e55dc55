// A driver's hello reply: the protocol version must be parbench's, the runtime is kept as the record's
// RuntimeInfo, and a mismatch fails the session with one line naming both versions.
import { describe, expect, it } from 'vitest';
import { DRIVER_PROTOCOL, helloOf } from '../../src/backends/driver.js';
import { parbenchError } from '../../src/errors.js';

const failed = (detail: string) => parbenchError('DRIVER_FAILED', 'rust-rayon', 'Rust', detail);

describe('helloOf', () => {
  it('takes protocol, runtime, suites and backends of a driver of this protocol version', () => {
    const reply = { ok: true, protocol: DRIVER_PROTOCOL, runtime: { implementation: 'Rust', version: '1.95.0', libraries: { rayon: '1.12.0', bad: 3 }, extra: 1 }, suites: ['fib', 7], backends: ['rust-rayon'], ops: ['sweep', 1] };
    expect(helloOf(reply, failed)).toEqual({ protocol: 1, runtime: { implementation: 'Rust', version: '1.95.0', libraries: { rayon: '1.12.0' } }, suites: ['fib'], backends: ['rust-rayon'], ops: ['sweep'] });
  });

  it('keeps a Python runtime as the Python driver reports it', () => {
    const runtime = { implementation: 'CPython', python: '3.11.7', parsl: null };
    expect(helloOf({ protocol: 1, runtime, suites: [], backends: [] }, failed).runtime).toEqual(runtime);
  });

  it('refuses another protocol version, or none, naming both', () => {
    expect(() => helloOf({ protocol: 2, runtime: { implementation: 'Go' } }, failed)).toThrow(
      'rust-rayon: the Rust driver speaks driver protocol 2, this parbench speaks 1 (docs/drivers.md): rebuild or update the driver',
    );
    expect(() => helloOf({ python: '3.11.7' }, failed)).toThrow('speaks driver protocol null, this parbench speaks 1');
  });

  it('refuses a reply without a runtime implementation', () => {
    expect(() => helloOf({ protocol: 1, runtime: { version: '1' } }, failed)).toThrow('rust-rayon: the Rust driver sent no usable runtime in its hello reply');
  });
});
