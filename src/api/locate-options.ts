/** Where the analysis commands look for runs: the options they share. */
import { runsDirectory } from '../record/index.js';

export interface LocateOptions {
  /** Directory holding run directories (`--runs`); default the configuration's outputDir, else results/runs. */
  runsDir?: string | undefined;
  /** Configuration file (`-c/--config`); default ./bench.config.json when present. */
  config?: string | undefined;
  /** Directory relative paths are taken from; default the process's working directory. */
  cwd?: string | undefined;
}

/**
 * A lazy runs directory for `loadRun`: resolved (and the configuration read) only when a run is looked
 * up by id or as the latest. Throws, when called, what `runsDirectory` throws (BAD_CONFIG, exit 2).
 */
export function runsDirOf(options: LocateOptions): () => string {
  return () => runsDirectory({ runs: options.runsDir, config: options.config, cwd: options.cwd });
}

export { BASELINE_FILE, DEFAULT_RUNS_DIR } from '../record/index.js';
