/** A run record whose user-controlled strings try to inject markup into the HTML report. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../../src/record/index.js';
import { FIXTURES } from './cli.js';

/** Closes a script element, opens one, and adds an image whose error handler runs script: each sets window.__pwned. */
export const HOSTILE = `</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><!--`;

/**
 * The two-core fixture with HOSTILE in the suite parameters of fib, in the name of the worker backend,
 * the host name, the CPU model and the run id.
 */
export function hostileRun(): RunRecord {
  const record = JSON.parse(readFileSync(join(FIXTURES, 'run-two-cores.json'), 'utf8')) as RunRecord;
  for (const p of record.points) {
    if (p.suite === 'fib') p.params = { ...p.params, note: HOSTILE };
    if (p.backend === 'worker') p.backend = `worker${HOSTILE}`;
  }
  record.machine.hostname = HOSTILE;
  record.machine.cpuModel = `AMD ${HOSTILE}`;
  record.id = `run${HOSTILE}`;
  return record;
}
