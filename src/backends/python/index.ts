/**
 * The Python and Parsl backends. Each is a remote backend: the runner drives python/parbench_py through
 * a PythonDriver session, and these objects only say which interpreter runs it and whether it is there.
 */
import { BACKEND_SETTINGS } from '../../record/backend-settings.js';
import type { Availability } from '../backend.js';
import type { RemoteBackend } from '../remote.js';
import { PythonDriver } from './driver.js';
import { onPath, PYPY_HINT, SETUP_HINT, setupState, venvPython } from './venv.js';

type Needs = 'venv' | 'parsl' | 'pypy' | 'dask' | 'ray';

/** The suites python/parbench_py implements (its driver's `hello` says the same; a test checks). */
export const PYTHON_SUITES: readonly string[] = ['fib', 'square', 'primes', 'spmm', 'hull'];

function availability(needs: Needs): Availability {
  if (needs === 'pypy') return onPath('pypy3') ? { available: true } : { available: false, reason: PYPY_HINT };
  const state = setupState();
  if (!state) return { available: false, reason: SETUP_HINT };
  if (needs === 'parsl' && !state.parsl) return { available: false, reason: `Parsl is not installed: ${SETUP_HINT}` };
  if ((needs === 'dask' || needs === 'ray') && !state.libraries?.[needs]) return { available: false, reason: `${needs === 'dask' ? 'Dask' : 'Ray'} is not installed: ${SETUP_HINT}` };
  return { available: true };
}

function pythonBackend(name: string, description: string, parallel: boolean, needs: Needs): RemoteBackend {
  const python = () => (needs === 'pypy' ? onPath('pypy3')! : venvPython());
  return {
    kind: 'remote',
    name,
    description: `${description}${BACKEND_SETTINGS[name] ? ` — ${BACKEND_SETTINGS[name]}` : ''}; suites: ${PYTHON_SUITES.join(', ')}`,
    parallel,
    availability: () => availability(needs),
    planKey: needs === 'pypy' ? 'pypy3' : 'venv',
    suites: PYTHON_SUITES,
    start: ({ taskTimeoutSeconds, ...bounds }) => PythonDriver.start({ name, python: python(), taskTimeoutSeconds }, bounds),
  };
}

/**
 * The Python remote backends: CPython (in the project's .venv), Parsl (the same venv, with Parsl) and
 * PyPy (pypy3 on PATH). Starting one rejects with DRIVER_FAILED when its interpreter cannot run the driver.
 */
export const pythonBackends: readonly RemoteBackend[] = [
  pythonBackend('py-sequential', 'CPython, one task after another in the driver (always 1 worker)', false, 'venv'),
  pythonBackend('py-threads', 'CPython concurrent.futures.ThreadPoolExecutor', true, 'venv'),
  pythonBackend('py-processes', 'CPython concurrent.futures.ProcessPoolExecutor', true, 'venv'),
  pythonBackend('py-shm', 'CPython worker processes over multiprocessing.shared_memory: task ids from a shared counter, results in shared slots', true, 'venv'),
  pythonBackend('parsl-threads', 'Parsl ThreadPoolExecutor (fib: join apps)', true, 'parsl'),
  pythonBackend('parsl-htex', 'Parsl HighThroughputExecutor, local provider, loopback only (fib: join apps)', true, 'parsl'),
  pythonBackend('parsl-threads-default', "Parsl ThreadPoolExecutor with Parsl's default Config (fib: join apps)", true, 'parsl'),
  pythonBackend('parsl-htex-default', "Parsl HighThroughputExecutor with Parsl's default Config, loopback only (fib: join apps)", true, 'parsl'),
  pythonBackend('dask-threads', "Dask's local threaded scheduler (a task graph)", true, 'dask'),
  pythonBackend('dask-distributed', 'Dask distributed on a LocalCluster of worker processes, or on --dask-scheduler ADDRESS', true, 'dask'),
  pythonBackend('ray', 'Ray tasks on a local node, or on --ray-address ADDRESS', true, 'ray'),
  pythonBackend('pypy-sequential', 'PyPy, one task after another in the driver (always 1 worker)', false, 'pypy'),
  pythonBackend('pypy-threads', 'PyPy concurrent.futures.ThreadPoolExecutor', true, 'pypy'),
];
