/** Opening a file in the user's browser, when one is configured (the BROWSER environment variable). */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface BrowserOutcome {
  opened: boolean;
  /** The program started (opened), or why none was (not opened). */
  detail: string;
}

/**
 * The command BROWSER names for `target`, as argv: its first entry (entries are separated by ":"),
 * split on spaces, with "%s" replaced by the target or the target appended when there is none (the
 * convention of Python's webbrowser and xdg-utils). null when BROWSER is unset or empty.
 */
export function browserCommand(target: string, env: NodeJS.ProcessEnv = process.env): string[] | null {
  const first = (env.BROWSER ?? '').split(':')[0]!.trim();
  if (first === '') return null;
  const words = first.split(/\s+/);
  return words.some((w) => w.includes('%s')) ? words.map((w) => w.replaceAll('%s', target)) : [...words, target];
}

/** The program's path: as given when it contains a "/", else the first executable of that name on `env.PATH`; null when there is none. Throws nothing. */
export function findProgram(program: string, env: NodeJS.ProcessEnv): string | null {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (program.includes('/')) return executable(program) ? program : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isAbsolute(dir) && executable(join(dir, program))) return join(dir, program);
  }
  return null;
}

/**
 * Starts the browser BROWSER names (browserCommand) on `path`, detached so that it outlives parbench;
 * does nothing when BROWSER is unset or its program cannot be found, and says why. Throws nothing.
 */
export function openInBrowser(path: string, env: NodeJS.ProcessEnv = process.env): BrowserOutcome {
  const argv = browserCommand(path, env);
  if (!argv) return { opened: false, detail: 'no browser configured (set BROWSER to open reports)' };
  const program = findProgram(argv[0]!, env);
  if (!program) return { opened: false, detail: `BROWSER names "${argv[0]}", which is not an executable program` };
  const child = spawn(program, argv.slice(1), { detached: true, stdio: 'ignore', env });
  child.on('error', () => {});
  child.unref();
  return { opened: true, detail: argv.join(' ') };
}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * A Chromium to drive headless (the browser tests, scripts/trace-figures.mjs): `env.PARBENCH_CHROMIUM`
 * (a path, or a name looked up as given), else chromium (Debian), chromium-browser or google-chrome on
 * `env.PATH`; null when there is none. Throws nothing.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PARBENCH_CHROMIUM) return findProgram(env.PARBENCH_CHROMIUM.includes('/') ? env.PARBENCH_CHROMIUM : `./${env.PARBENCH_CHROMIUM}`, env);
  for (const name of CHROMIUM_NAMES) {
    const path = findProgram(name, env);
    if (path) return path;
  }
  return null;
}
