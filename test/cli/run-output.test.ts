import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runArgument } from '../../src/cli/run-command.js';

describe('the run named in the verdict', () => {
  it('is its directory relative to the working directory, or absolute outside it', () => {
    expect(runArgument('/home/u/proj/results/runs/r1', '/home/u/proj')).toBe(join('results', 'runs', 'r1'));
    expect(runArgument('/tmp/out/r1', '/home/u/proj')).toBe('/tmp/out/r1');
    expect(runArgument('/home/u/proj', '/home/u/proj')).toBe('/home/u/proj');
  });
});
