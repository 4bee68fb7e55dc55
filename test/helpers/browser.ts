/** Finding a Chromium for the browser tests: PARBENCH_CHROMIUM, else chromium (Debian), chromium-browser or google-chrome on PATH. */
import { findProgram } from '../../src/api/open-browser.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The Chromium executable to drive, or null when there is none. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PARBENCH_CHROMIUM) return findProgram(env.PARBENCH_CHROMIUM.includes('/') ? env.PARBENCH_CHROMIUM : `./${env.PARBENCH_CHROMIUM}`, env);
  for (const name of NAMES) {
    const path = findProgram(name, env);
    if (path) return path;
  }
  return null;
}

/** Why a browser test did not run, as the skip note and the warning printed say it. */
export const NO_CHROMIUM = 'no Chromium found (install Debian\'s chromium, as .ci/run does, or set PARBENCH_CHROMIUM to its path): the HTML report was not tested in a browser';
