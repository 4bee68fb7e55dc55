/**
 * Whether two sets of runs were measured on the same kind of machine: their fingerprints
 * (src/record/fingerprint.ts) and the worker counts their series were paired across. The gate refuses
 * to decide across machines unless told to; compare states the differences before any ratio.
 */
import { machineDifferences, type RunRecord } from '../record/index.js';

/**
 * What differs between the machine of the first reference run and every other run (reference or
 * current), one phrase per field and value (`CPU "AMD EPYC" → "Intel Xeon"`), without repeats; empty
 * when every run has the first one's fingerprint. Throws nothing.
 */
export function machineChanges(reference: readonly RunRecord[], current: readonly RunRecord[]): string[] {
  const first = reference[0];
  if (!first) return [];
  const seen = new Set<string>();
  for (const run of [...reference.slice(1), ...current]) for (const d of machineDifferences(first.machine, run.machine)) seen.add(d);
  return [...seen];
}
