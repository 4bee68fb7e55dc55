/**
 * Deterministic cost models for the calibration search, as test/fixtures/calibration-vectors.json
 * writes them: seconds per task at knob {chunk, work}, probe i (counted from 0) multiplied by noise[i]
 * (1 past the end of the list). Evaluated in the order scripts/make-calibration-vectors.mjs and
 * python/tests/test_calibration_vectors.py use, so all three get the same doubles.
 */
import type { Knob } from '../../suites/index.js';
import type { MeasureKnob } from '../../src/runner/calibrate.js';

export interface CostModel {
  kind: 'affine';
  base: number;
  perChunk: number;
  perChunkWork: number;
  noise?: number[];
}

/** Seconds per task at `knob` without noise. */
export function modelCost(model: CostModel, { chunk, work }: Knob): number {
  return model.base + model.perChunk * chunk + model.perChunkWork * chunk * work;
}

/** A `measure` for searchKnob that applies the model and records every knob it is asked about. */
export function modelMeasure(model: CostModel): { measure: MeasureKnob; probes: [number, number][] } {
  const probes: [number, number][] = [];
  const measure: MeasureKnob = (knob) => {
    const factor = model.noise?.[probes.length] ?? 1;
    probes.push([knob.chunk, knob.work]);
    return modelCost(model, knob) * factor;
  };
  return { measure, probes };
}
