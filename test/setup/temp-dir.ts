// Every temporary file the tests make — theirs, the CLI's they start, the Python driver's and its
// runtimes' — goes under one directory made for this test run and removed when it ends, so no run of
// the tests leaves directories behind in the machine's temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Point TMPDIR at a fresh directory for the run; returns the teardown that removes it. */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'parbench-test-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
