import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { ParbenchError } from '../../src/errors.js';
import { findExecutorBackend, type Executor } from '../../src/backends/index.js';
import { runnableUrl } from '../../src/backends/paths.js';
import { suiteModule, type AnySuite } from '../../suites/index.js';

export const FAULTY_URL = pathToFileURL(new URL('../fixtures/faulty-suite.mjs', import.meta.url).pathname).href;

export async function openSuite(backend: string, suite: AnySuite, input: unknown, workers = 2, taskTimeoutSeconds = 30): Promise<Executor> {
  const module = suiteModule(suite);
  return findExecutorBackend(backend)!.open({
    workers,
    suiteUrl: runnableUrl(module.url),
    suiteExport: module.exportName,
    context: suite.context?.(input),
    taskTimeoutSeconds,
  });
}

export async function openFaulty(backend: string, workers = 2, taskTimeoutSeconds = 30): Promise<Executor> {
  return findExecutorBackend(backend)!.open({ workers, suiteUrl: FAULTY_URL, suiteExport: 'faulty', context: undefined, taskTimeoutSeconds });
}

/** The ParbenchError a promise rejects with (fails the test when it resolves or rejects with anything else). */
export async function rejection(promise: Promise<unknown>): Promise<ParbenchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParbenchError);
  return error as ParbenchError;
}
