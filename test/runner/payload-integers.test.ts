// The main thread runs tasks as every worker receives them: with the integers of their payloads as V8
// small integers. A suite's own task list may hold them as doubles (fib's and primes' do at their default
// parameters), and integer kernels then ran 5–8× slower in the main thread's reference and calibration
// than in any worker. Checked with V8's own predicate (%IsSmi) in a child process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { suiteNames } from '../../suites/index.js';

const script = fileURLToPath(new URL('../fixtures/payload-integers.mjs', import.meta.url));

describe('payload integers in the main thread', () => {
  it('are small integers in every suite\'s reference task set and in every kernel call this thread makes (a capped reference, a remote point\'s expected result)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'parbench-smi-'));
    const counts = JSON.parse(execFileSync(process.execPath, ['--allow-natives-syntax', script, cwd], { encoding: 'utf8' })) as Record<string, { split: number; reference: number; kernels: number }>;
    expect(Object.keys(counts)).toEqual(suiteNames());
    for (const name of suiteNames()) {
      const { reference, kernels } = counts[name]!;
      expect({ name, reference, kernels }).toEqual({ name, reference: 0, kernels: 0 });
    }
  });
});
