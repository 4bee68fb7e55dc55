/** The suite registry: every suite parbench can run, by name. */
import { fib } from './fib.js';
import { hull } from './hull.js';
import { primes } from './primes.js';
import { spmm } from './spmm.js';
import { square } from './square.js';
import type { AnySuite } from './suite.js';

/** Every suite, in the order lists and tables show them. */
export const suites: readonly AnySuite[] = [fib, square, primes, spmm, hull];

/** Every suite's name, in registry order. */
export function suiteNames(): string[] {
  return suites.map((s) => s.name);
}

/** The suite called `name`; undefined when there is none. */
export function findSuite(name: string): AnySuite | undefined {
  return suites.find((s) => s.name === name);
}

/**
 * The module URL and export name a worker imports to run a suite's kernel: `./<name>.js` beside this
 * module (a `.ts` URL when run from sources; runnableUrl maps it to dist/).
 */
export function suiteModule(suite: AnySuite): { url: string; exportName: string } {
  return { url: new URL(`./${suite.name}.js`, import.meta.url).href, exportName: suite.name };
}

export type { AnySuite, InlineForm, Knob, KnobRange, ParamSpec, Suite, SuiteParams, Task } from './suite.js';
