/**
 * Convex hulls by Andrew's monotone chain (A. M. Andrew, 1979) with exact orientation tests
 * (robust-predicates, after Shewchuk's adaptive predicates), so the hull of a point set is unique —
 * extreme points only, collinear points dropped — whatever order the chains are built in. Points are
 * flat [x0, y0, x1, y1, …] arrays sorted by x, then y.
 */
import { orient2d } from 'robust-predicates';

/**
 * A hull as its lower and upper chains, each from the leftmost to the rightmost point, flat [x, y, …].
 * Plain arrays, not typed arrays: V8 allocates them on its heap whatever their size, where a typed
 * array over 64 bytes gets an external backing store that is slower to make and to collect.
 */
export interface Chains {
  lower: number[];
  upper: number[];
}

type Points = ArrayLike<number>;

/** true when o → a → b does not turn counter-clockwise (orient2d is positive for clockwise turns). */
function notLeft(xy: Points, o: number, a: number, b: number): boolean {
  return orient2d(xy[o]!, xy[o + 1]!, xy[a]!, xy[a + 1]!, xy[b]!, xy[b + 1]!) >= 0;
}

/** One chain over the points first .. first+count-1 of `xy`, stored left to right. */
function chain(xy: Points, first: number, count: number, upper: boolean): number[] {
  const stack: number[] = []; // offsets into xy
  for (let step = 0; step < count; step++) {
    const i = 2 * (first + (upper ? count - 1 - step : step));
    let top = stack.length;
    const t = top > 0 ? stack[top - 1]! : -1;
    if (t >= 0 && xy[t] === xy[i] && xy[t + 1] === xy[i + 1]) continue; // a repeated point
    while (top >= 2 && notLeft(xy, stack[top - 2]!, stack[top - 1]!, i)) {
      stack.pop();
      top--;
    }
    stack.push(i);
  }
  const top = stack.length;
  const out: number[] = [];
  for (let k = 0; k < top; k++) {
    // The upper chain is built right to left; store it left to right like the lower one.
    const i = stack[upper ? top - 1 - k : k]!;
    out.push(xy[i]!, xy[i + 1]!);
  }
  return out;
}

/** Lower and upper chains of points first .. first+count-1 of `xy`, sorted by (x, y). Repeated points count once. */
export function chains(xy: Points, first = 0, count = xy.length / 2): Chains {
  return { lower: chain(xy, first, count, false), upper: chain(xy, first, count, true) };
}

/**
 * Hull of two point sets where every point of `left` sorts before every point of `right`: each chain
 * of the union is the chain of the two chains joined, which are already in (x, y) order.
 */
export function mergeChains(left: Chains, right: Chains): Chains {
  const lower = left.lower.concat(right.lower);
  const upper = left.upper.concat(right.upper);
  return { lower: chain(lower, 0, lower.length / 2, false), upper: chain(upper, 0, upper.length / 2, true) };
}

/** Counter-clockwise vertices from the lowest-leftmost point: lower chain, then upper chain back. */
export function hullVertices(c: Chains): Float64Array {
  const lower = c.lower.length / 2;
  const upper = c.upper.length / 2;
  if (lower <= 1) return Float64Array.from(c.lower);
  const out: number[] = [];
  for (let i = 0; i < lower - 1; i++) out.push(c.lower[2 * i]!, c.lower[2 * i + 1]!);
  for (let i = upper - 1; i > 0; i--) out.push(c.upper[2 * i]!, c.upper[2 * i + 1]!);
  return Float64Array.from(out);
}

/** Sort flat points by x, then y. */
export function sortPoints(xy: Float64Array): Float64Array {
  const n = xy.length / 2;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xy[2 * a]! - xy[2 * b]! || xy[2 * a + 1]! - xy[2 * b + 1]!);
  const out = new Float64Array(xy.length);
  order.forEach((i, k) => {
    out[2 * k] = xy[2 * i]!;
    out[2 * k + 1] = xy[2 * i + 1]!;
  });
  return out;
}

/** The sequential reference: monotone chain over all points at once. */
export function monotoneChainHull(sorted: Float64Array): Float64Array {
  return hullVertices(chains(sorted));
}
