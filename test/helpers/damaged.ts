/** Run records that parse but are damaged, each with the one-line detail the reader must give. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './cli.js';

export const VALID_RUN = join(FIXTURES, 'run-two-cores.json');

/** A fresh copy of a valid recorded run, to damage. */
export function validRun(): Record<string, any> {
  return JSON.parse(readFileSync(VALID_RUN, 'utf8'));
}

export interface DamagedCase {
  name: string;
  damage: (run: Record<string, any>) => void;
  detail: string;
}

export const DAMAGED: DamagedCase[] = [
  { name: 'a point without sequential', damage: (r) => delete r.points[1].sequential, detail: 'points[1].sequential is missing' },
  { name: 'a null median', damage: (r) => (r.points[3].sequential.summary.median = null), detail: 'points[3].sequential.summary.median is null' },
  {
    name: 'string grains',
    damage: (r) => r.points.forEach((p: { grain: { target: unknown } }) => (p.grain.target = String(p.grain.target))),
    detail: 'points[0].grain.target is a string, expected a number',
  },
  { name: 'cores 0', damage: (r) => (r.cores = 0), detail: 'cores is 0, expected at least 1' },
  { name: 'a null point', damage: (r) => (r.points[2] = null), detail: 'points[2] is null' },
];

/** A valid run with one damage applied. */
export function damagedRun(c: DamagedCase): Record<string, any> {
  const run = validRun();
  c.damage(run);
  return run;
}
