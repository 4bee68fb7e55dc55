/**
 * The grain at which a quantity first reaches a threshold and stays there: METG (efficiency ≥ 50%)
 * and the crossover grain (speed-up ≥ 1) are both this question.
 *
 * Rule, for efficiency that need not rise monotonically with grain: the answer is the smallest grain
 * above which every sweep point meets the threshold. Take the largest grain whose value is below the
 * threshold and its next larger neighbour (which meets it); interpolate linearly in the value against
 * log10(grain) between them. When even the smallest grain meets the threshold the answer is
 * "< smallest"; when the largest grain does not, "> largest". `nonMonotone` says that some point below
 * the answer met the threshold too (the curve dips), so the answer is conservative.
 */

export type Bound = 'bracketed' | 'below' | 'above';

export interface ThresholdGrain {
  /** The interpolated grain (s); for 'below' the smallest swept grain, for 'above' the largest. */
  grain: number;
  bound: Bound;
  nonMonotone: boolean;
}

export interface GrainValue {
  /** Grain (s). */
  grain: number;
  /** The quantity at that grain (efficiency as a fraction, or speed-up). */
  value: number;
}

/**
 * Applies the rule above to (grain, value) points, in any order: points with a non-finite value or a
 * grain ≤ 0 are ignored; null when none remain. `threshold` is in the value's unit (0.5 for METG(50%)
 * after Task Bench, Slaughter et al. SC'20; 1 for the crossover). Throws nothing.
 */
export function thresholdGrain(points: readonly GrainValue[], threshold: number): ThresholdGrain | null {
  const xs = points.filter((p) => Number.isFinite(p.value) && p.grain > 0).sort((a, b) => a.grain - b.grain);
  if (xs.length === 0) return null;
  let lastBelow = -1;
  for (let i = 0; i < xs.length; i++) if (xs[i]!.value < threshold) lastBelow = i;
  const nonMonotone = xs.slice(0, Math.max(0, lastBelow)).some((p) => p.value >= threshold);
  if (lastBelow === -1) return { grain: xs[0]!.grain, bound: 'below', nonMonotone: false };
  if (lastBelow === xs.length - 1) return { grain: xs[lastBelow]!.grain, bound: 'above', nonMonotone };
  const a = xs[lastBelow]!;
  const b = xs[lastBelow + 1]!;
  const t = (threshold - a.value) / (b.value - a.value);
  const logGrain = Math.log10(a.grain) + t * (Math.log10(b.grain) - Math.log10(a.grain));
  return { grain: 10 ** logGrain, bound: 'bracketed', nonMonotone };
}

/** "< 1e-8", "> 1e-3" or the grain, with the caller's formatter. */
export function describeThreshold(t: ThresholdGrain | null, format: (s: number) => string): string {
  if (!t) return '–';
  if (t.bound === 'below') return `< ${format(t.grain)}`;
  if (t.bound === 'above') return `> ${format(t.grain)}`;
  return format(t.grain);
}
