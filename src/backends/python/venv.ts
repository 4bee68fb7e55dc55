/**
 * Where the Python side lives: the driver package in `python/`, and the project-owned virtual
 * environment `.venv/` at the package root that `parbench setup python` creates, with a marker file
 * recording what was installed (written last, so a half-finished set-up does not count).
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../paths.js';

/** What an unavailable Python backend tells the user to do. */
export const SETUP_HINT = 'run `parbench setup python`';

/** What an unavailable PyPy backend tells the user to do. */
export const PYPY_HINT = 'pypy3 is not on PATH (Debian: apt-get install pypy3; .ci/run installs it when run as root)';

/** The marker file `parbench setup python` writes (markerPath). */
export interface SetupState {
  /** The interpreter's version. */
  python: string;
  /** Parsl's version, or null when it was not installed. */
  parsl: string | null;
  /** Versions of the other task libraries installed (dask, distributed, ray); absent in markers written before they were pinned. */
  libraries?: Record<string, string>;
  /** Fingerprints of python/requirements.txt and (with --dev) python/requirements-dev.txt as installed. */
  requirements: string;
  devRequirements?: string | null;
}

/** The directory of the parbench package (where package.json is), absolute. */
export function projectRoot(): string {
  return packageRoot(fileURLToPath(import.meta.url));
}

/** The directory holding the `parbench_py` package (put on PYTHONPATH). */
export function pythonDir(): string {
  return join(projectRoot(), 'python');
}

/** The Python virtual environment's directory: $PARBENCH_VENV, else .venv in the project root. */
export function venvDir(): string {
  return process.env.PARBENCH_VENV ?? join(projectRoot(), '.venv');
}

/** The interpreter inside the virtual environment at `dir` (whether or not it exists). */
export function venvPython(dir = venvDir()): string {
  return process.platform === 'win32' ? join(dir, 'Scripts', 'python.exe') : join(dir, 'bin', 'python');
}

/** The file `parbench setup python` writes into the environment at `dir` when it is complete. */
export function markerPath(dir = venvDir()): string {
  return join(dir, 'parbench-setup.json');
}

/** What setup installed in the environment at `dir`, or null when it has no interpreter or no readable marker. Never throws. */
export function setupState(dir = venvDir()): SetupState | null {
  try {
    if (!existsSync(venvPython(dir))) return null;
    return JSON.parse(readFileSync(markerPath(dir), 'utf8')) as SetupState;
  } catch {
    return null;
  }
}

/** The first file called `command` on PATH (existence only: the executable bit is not checked), or null. */
export function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return null;
}
