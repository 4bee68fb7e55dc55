/** A fake executor backend for runner tests: runs fib's tasks inline and logs every open, run and close. */
import type { ExecutorBackend, TaskGraph } from '../../src/backends/index.js';
import { executeInline } from '../../src/runner/execute.js';
import { findSuite, type Task } from '../../suites/index.js';

const fib = findSuite('fib')!;

/**
 * An executor backend called `name` whose runs append to `log` (`open name`, `name`, `close name`); its
 * `failAt`-th run rejects and, with `wrong`, its results differ from fib's.
 */
export function loggingBackend(name: string, log: string[], options: { failAt?: number; wrong?: boolean } = {}): ExecutorBackend {
  return {
    kind: 'executor', name, description: 'fake', parallel: false, availability: () => ({ available: true }),
    open: async (o) => {
      log.push(`open ${name}`);
      let runs = 0;
      return {
        backend: name,
        workers: o.workers,
        submit: () => Promise.reject(new Error('not used')),
        runTasks: async (graph: TaskGraph) => {
          log.push(name);
          if (++runs === options.failAt) throw new Error(`${name} broke`);
          const results = executeInline(fib, graph.tasks as Task<unknown>[], undefined);
          if (options.wrong) results[results.length - 1] = [0, 0];
          return { collect: () => results };
        },
        close: async () => void log.push(`close ${name}`),
      };
    },
  };
}
