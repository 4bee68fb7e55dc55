// The TypeScript search against test/fixtures/calibration-vectors.json, which pytest runs against the
// Python search too (python/tests/test_calibration_vectors.py): the same cost model in, the same knob out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { searchKnob, TOLERANCE, type Calibration } from '../../src/runner/calibrate.js';
import { searchSweep } from '../../src/runner/calibrate-sweep.js';
import type { KnobRange } from '../../suites/index.js';
import { modelMeasure, type CostModel } from '../helpers/cost-model.js';

interface Vector {
  name: string;
  range: Omit<KnobRange, 'chunkUnit'>;
  grain: number;
  model: CostModel;
  expected: Calibration & { probes: [number, number][] };
}

const file = JSON.parse(readFileSync(new URL('../fixtures/calibration-vectors.json', import.meta.url), 'utf8'));
const vectors: Vector[] = file.vectors;

interface Sweep {
  name: string;
  range: Omit<KnobRange, 'chunkUnit'>;
  grains: number[];
  model: CostModel;
  expected: { rows: (Calibration & { grain: number; probes: number })[]; probes: [number, number][] };
}
const sweeps: Sweep[] = file.sweeps;

describe('calibration vectors', () => {
  it('share the tolerance of the search', () => {
    expect(file.tolerance).toBe(TOLERANCE);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s: the recorded knob, time and probes', (_, v) => {
    const { measure, probes } = modelMeasure(v.model);
    const outcome = searchKnob({ chunkUnit: 'unit', ...v.range }, v.grain, measure);
    const { probes: expectedProbes, ...expected } = v.expected;
    expect({ knob: outcome.knob, perTask: outcome.perTask, reachable: outcome.reachable, tunedBy: outcome.tunedBy }).toEqual(expected);
    expect(probes).toEqual(expectedProbes);
    expect(outcome.probes).toBe(probes.length);
  });

  it('cover every outcome, grains from 1e-8 to 1e-3 s, noise and re-searches', () => {
    const outcomes = new Set(vectors.map((v) => `${v.expected.tunedBy}/${v.expected.reachable}`));
    expect([...outcomes].sort()).toEqual(['chunk/true', 'floor/false', 'work/true']);
    const grains = vectors.map((v) => v.grain);
    expect(Math.min(...grains)).toBe(1e-8);
    expect(Math.max(...grains)).toBe(1e-3);
    expect(vectors.some((v) => (v.model.noise ?? []).some((f) => f !== 1))).toBe(true);
    const starts = (v: Vector) => v.expected.probes.filter(([c, w]) => c === v.range.chunkMax && w === 0).length;
    expect(vectors.some((v) => v.range.chunkMax > 1 && starts(v) === 2)).toBe(true);
    expect(vectors.some((v) => v.expected.tunedBy === 'work' && v.expected.knob.chunk < v.range.chunkMax)).toBe(true);
  });
});

describe('calibration sweep vectors', () => {
  it.each(sweeps.map((v) => [v.name, v] as const))('%s: the recorded rows and probes', (_, v) => {
    const { measure, probes } = modelMeasure(v.model);
    const rows = searchSweep({ chunkUnit: 'unit', ...v.range }, v.grains, () => measure);
    expect(rows.map(({ grain, calibration, probes: n }) => ({ grain, ...calibration, probes: n }))).toEqual(v.expected.rows);
    expect(probes).toEqual(v.expected.probes);
  });

  it('cover shared floors, a clamped grain and grains out of order', () => {
    expect(sweeps.map((v) => v.name).sort()).toEqual(['sweep-any-order', 'sweep-clamped', 'sweep-floor-shared']);
  });
});
