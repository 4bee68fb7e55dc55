// --dask-scheduler, --ray-address and --parsl-config: well-formed values pass as given, anything else is
// one usage error (exit 2) naming the flag and the allowed forms, and a cluster needs its backend selected.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkParslConfig, parseDaskScheduler, parseRayAddress, resolveClusters } from '../../src/config/cluster.js';
import { parbenchErrorOf } from '../helpers/errors.js';

/** The message and exit code of the ParbenchError `f` throws. */
function errorOf(f: () => unknown) {
  const { message, exitCode } = parbenchErrorOf(f);
  return { message, exitCode };
}

describe('cluster addresses', () => {
  it.each(['tcp://127.0.0.1:8786', 'tls://scheduler.example.org:8786', '127.0.0.1:8786', 'tcp://[::1]:8786'])('takes the Dask scheduler %s as given', (address) => {
    expect(parseDaskScheduler(address)).toBe(address);
  });

  it.each(['127.0.0.1', 'tcp://127.0.0.1:99999', 'http://127.0.0.1:8786', 'tcp://:8786', 'tcp://a b:1'])('refuses the Dask scheduler %j', (address) => {
    expect(errorOf(() => parseDaskScheduler(address))).toEqual({
      message: `--dask-scheduler: "${address}" is not a Dask scheduler address (tcp://HOST:PORT, tls://HOST:PORT or HOST:PORT)`,
      exitCode: 2,
    });
  });

  it.each(['127.0.0.1:6379', 'ray://head:10001'])('takes the Ray address %s as given', (address) => {
    expect(parseRayAddress(address)).toBe(address);
  });

  it('refuses a Ray address without a port', () => {
    expect(errorOf(() => parseRayAddress('head'))).toEqual({ message: '--ray-address: "head" is not a Ray cluster address (HOST:PORT of the head node, or ray://HOST:PORT)', exitCode: 2 });
  });
});

describe('a Parsl config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parbench-cluster-'));
  writeFileSync(join(dir, 'mine.py'), 'config = None\n');

  it('is taken from the directory given, as an absolute path', () => {
    expect(checkParslConfig('mine.py', dir)).toBe(join(dir, 'mine.py'));
  });

  it('must exist, be regular and be a .py file', () => {
    expect(errorOf(() => checkParslConfig('missing.py', dir))).toEqual({ message: `--parsl-config: cannot read ${join(dir, 'missing.py')}: no such file or directory (ENOENT)`, exitCode: 2 });
    expect(errorOf(() => checkParslConfig('/dev/null.py', dir)).exitCode).toBe(2);
    expect(errorOf(() => checkParslConfig('mine.txt', dir)).message).toBe('--parsl-config: "mine.txt" is not a Python file (FILE.py defining a Parsl Config named config)');
  });

  it('goes to parsl-htex, as the addresses go to dask-distributed and ray', () => {
    expect(resolveClusters({ parslConfig: 'mine.py', daskScheduler: 'tcp://127.0.0.1:1', rayAddress: '127.0.0.1:2' }, ['parsl-htex', 'dask-distributed', 'ray'], dir)).toEqual({
      'parsl-htex': join(dir, 'mine.py'),
      'dask-distributed': 'tcp://127.0.0.1:1',
      ray: '127.0.0.1:2',
    });
  });

  it('needs its backend in the run', () => {
    expect(errorOf(() => resolveClusters({ rayAddress: '127.0.0.1:2' }, ['dask-distributed'], dir))).toEqual({
      message: '--ray-address: runs the ray backend on that cluster, but the run does not select ray (add it to --backends)',
      exitCode: 2,
    });
  });
});
