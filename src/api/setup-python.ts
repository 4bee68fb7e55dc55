/**
 * Setting up the Python backends: create the project-owned virtual environment (.venv/ at the package root)
 * and install the pinned Python dependencies (Parsl) into it, so the Python backends become available.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parbenchError } from '../errors.js';
import { markerPath, pythonDir, setupState, venvDir, venvPython, type SetupState } from '../backends/python/venv.js';

const MIN_PYTHON: [number, number] = [3, 10];

import { setupStep } from './setup-step.js';

/** A step of the Python set-up (setupStep with target "python"). */
function step(what: string, command: string, args: string[], echo = false): string {
  return setupStep('python', what, command, args, { echo });
}

const RUNTIME = 'requirements.txt';
const DEV = 'requirements-dev.txt';

function fingerprint(file: string): string {
  return createHash('sha256').update(readFileSync(join(pythonDir(), file))).digest('hex').slice(0, 16);
}

/**
 * Create (or reuse, when its requirements' fingerprints match) the project-owned virtual environment and
 * install the pinned requirements (with `dev`, the test ones too). Returns what the marker file records.
 * Throws SETUP_FAILED (exit 1) when the interpreter is missing or older than 3.10, or a step fails.
 */
export function setupPython(options: { python: string; dev: boolean; force: boolean }): SetupState {
  const dir = venvDir();
  const requirements = fingerprint(RUNTIME);
  const devRequirements = options.dev ? fingerprint(DEV) : null;
  const current = setupState(dir);
  const upToDate = current?.requirements === requirements && (!devRequirements || current.devRequirements === devRequirements);
  if (!options.force && current && upToDate) return current;
  const files = [RUNTIME, ...(devRequirements ? [DEV] : [])].map((f) => join(pythonDir(), f));

  const version = step('checking the Python version', options.python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])']).trim();
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
    throw parbenchError('SETUP_FAILED', 'python', `${options.python} is Python ${version}; ${MIN_PYTHON.join('.')} or newer is needed (choose one with --python)`);
  }
  rmSync(markerPath(dir), { force: true });
  step('creating the virtual environment', options.python, ['-m', 'venv', ...(options.force ? ['--clear'] : []), dir]);
  const python = venvPython(dir);
  step('installing the pinned requirements', python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', ...files.flatMap((f) => ['-r', f])], true);
  const parsl = step('checking Parsl', python, ['-c', 'import importlib.metadata as m; print(m.version("parsl"))']).trim();
  const libraries = JSON.parse(
    step('checking Dask and Ray', python, ['-c', 'import importlib.metadata as m, json; print(json.dumps({n: m.version(n) for n in ("dask", "distributed", "ray")}))']),
  ) as Record<string, string>;
  const keptDev = !options.force && current?.devRequirements ? current.devRequirements : null;
  const state: SetupState = { python: version, parsl: parsl || null, libraries, requirements, devRequirements: devRequirements ?? keptDev };
  writeFileSync(markerPath(dir), `${JSON.stringify(state, null, 2)}\n`);
  return state;
}

