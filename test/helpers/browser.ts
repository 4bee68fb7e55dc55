/** Finding a Chromium for the browser tests: PARBENCH_CHROMIUM, else chromium (Debian), chromium-browser or google-chrome on PATH. */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The Chromium executable to drive, or null when there is none. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (env.PARBENCH_CHROMIUM) return executable(env.PARBENCH_CHROMIUM) ? env.PARBENCH_CHROMIUM : null;
  for (const name of NAMES) {
    for (const dir of (env.PATH ?? '').split(delimiter)) if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Why a browser test did not run, as the skip note and the warning printed say it. */
export const NO_CHROMIUM = 'no Chromium found (install Debian\'s chromium, as .ci/run does, or set PARBENCH_CHROMIUM to its path): the HTML report was not tested in a browser';
