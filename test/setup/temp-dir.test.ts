// The test run's temporary directory (test/setup/temp-dir.ts): every test, and every process it
// starts, writes its temporary files under one directory that the run removes at its end.
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';

it('points the temporary directory of tests and their child processes at the run’s own directory', () => {
  expect(basename(tmpdir())).toMatch(/^parbench-test-\w{6}$/);
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { encoding: 'utf8' });
  expect(child.stdout).toBe(tmpdir());
});
