/** Built-in defaults. The repository's bench.config.json states the same values (a test keeps them equal). */
import type { FileConfig } from './config-schema.js';

/** The bottom layer of every run's configuration (grains, minSampleSeconds and the timeouts in seconds). */
export const DEFAULT_CONFIG: FileConfig = {
  suites: ['fib'],
  backends: ['all'],
  grains: [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3],
  workers: 'auto',
  repeats: 5,
  warmup: 1,
  outputDir: 'results/runs',
  seed: 42,
  taskTimeoutSeconds: 60,
  startupTimeoutSeconds: 60,
  minSampleSeconds: 0.01,
  interleave: true,
  precision: 0.05,
  maxRepeats: 15,
  timeBudgetSeconds: null,
  maxTasks: 1024,
  suiteParams: {},
};

/** The config file read from the working directory when no --config is given. */
export const CONFIG_FILE = 'bench.config.json';
