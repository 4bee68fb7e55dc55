/**
 * The Python driver (python/parbench_py/driver.py): a driver session (../driver.ts) whose program is
 * `python -m parbench_py.driver`, run in the project root with the driver package on PYTHONPATH.
 */
import { DriverSession } from '../driver.js';
import type { StartupBounds } from '../startup.js';
import { projectRoot, pythonDir } from './venv.js';

export interface PythonDriverOptions {
  /** The backend name, for messages. */
  name: string;
  /** The Python interpreter to run the driver with. */
  python: string;
  /** Seconds without a line from the driver, while a request is out, before TASK_TIMEOUT (0 disables). */
  taskTimeoutSeconds: number;
}

/** A session with the Python driver (a DriverSession). */
export type PythonDriver = DriverSession;

/** Starting the Python driver. */
export const PythonDriver = {
  /** Start `python -m parbench_py.driver` within `bounds`; rejects as DriverSession.start does (DRIVER_FAILED, STARTUP_TIMEOUT …). */
  start(options: PythonDriverOptions, bounds: StartupBounds = {}): Promise<DriverSession> {
    return DriverSession.start({
      name: options.name,
      language: 'Python',
      command: options.python,
      args: ['-m', 'parbench_py.driver'],
      cwd: projectRoot(),
      env: { PYTHONPATH: [pythonDir(), process.env.PYTHONPATH].filter(Boolean).join(':'), PYTHONUNBUFFERED: '1' },
      taskTimeoutSeconds: options.taskTimeoutSeconds,
      runDirPrefix: 'py',
    }, bounds);
  },
};
