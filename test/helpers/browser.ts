/** Finding a Chromium for the browser tests: PARBENCH_CHROMIUM, else chromium (Debian), chromium-browser or google-chrome on PATH (chromiumPath). */
export { chromiumPath } from '../../src/api/open-browser.js';

/** Why a browser test did not run, as the skip note and the warning printed say it. */
export const NO_CHROMIUM = 'no Chromium found (install Debian\'s chromium, as .ci/run does, or set PARBENCH_CHROMIUM to its path): the HTML report was not tested in a browser';
