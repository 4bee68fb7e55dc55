/**
 * The arithmetic of the primes suite: trial division (the kernel's unit of cost), a sieve (the
 * independent reference), and the cost model the balanced split uses.
 */

/** Result of testing the numbers of a range: how many are prime, their sum, and trial divisions made. */
export interface RangeCount {
  count: number;
  sum: number;
  divisions: number;
}

/**
 * Trial division over [lo, hi): odd divisors up to √x. A number costs one unit plus one per divisor
 * tried, so primes near N cost about √N/2 units and most composites a handful.
 */
export function countRange(lo: number, hi: number): RangeCount {
  let count = 0;
  let sum = 0;
  let divisions = 0;
  for (let x = lo; x < hi; x++) {
    divisions++;
    if (x < 2) continue;
    if (x < 4) {
      count++;
      sum += x;
      continue;
    }
    if ((x & 1) === 0) continue;
    let prime = true;
    for (let d = 3; d * d <= x; d += 2) {
      divisions++;
      if (x % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) {
      count++;
      sum += x;
    }
  }
  return { count, sum, divisions };
}

/** Sieve of Eratosthenes over [0, n): the count and sum of the primes, computed independently. Uses n bytes. */
export function sieve(n: number): { count: number; sum: number } {
  if (n < 3) return { count: 0, sum: 0 };
  const composite = new Uint8Array(n);
  let count = 0;
  let sum = 0;
  for (let i = 2; i < n; i++) {
    if (composite[i]) continue;
    count++;
    sum += i;
    for (let j = i * i; j < n; j += i) composite[j] = 1;
  }
  return { count, sum };
}

/** Expected trial divisions per number near x: 1 + (share of primes) · (odd divisors up to √x). */
export function costDensity(x: number): number {
  return x < 3 ? 1 : 1 + Math.sqrt(x) / (2 * Math.log(x));
}

const GRID = 4096;

/**
 * Boundaries 0 = b0 < b1 < … < bT = n of T ranges of equal estimated cost (the integral of
 * costDensity, by the trapezoid rule on a grid, inverted by linear interpolation).
 */
export function balancedBounds(n: number, tasks: number): number[] {
  const steps = Math.min(GRID, n);
  const xs = new Float64Array(steps + 1);
  const cum = new Float64Array(steps + 1);
  for (let i = 0; i <= steps; i++) xs[i] = (n * i) / steps;
  for (let i = 1; i <= steps; i++) {
    cum[i] = cum[i - 1]! + ((costDensity(xs[i - 1]!) + costDensity(xs[i]!)) / 2) * (xs[i]! - xs[i - 1]!);
  }
  const total = cum[steps]!;
  const bounds = [0];
  let g = 1;
  for (let k = 1; k < tasks; k++) {
    const target = (total * k) / tasks;
    while (g < steps && cum[g]! < target) g++;
    const span = cum[g]! - cum[g - 1]!;
    const x = xs[g - 1]! + (span > 0 ? ((target - cum[g - 1]!) / span) * (xs[g]! - xs[g - 1]!) : 0);
    // Keep every range non-empty and leave room for the ranges still to come.
    const b = Math.min(n - (tasks - k), Math.max(bounds[k - 1]! + 1, Math.round(x)));
    bounds.push(b);
  }
  bounds.push(n);
  return bounds;
}

/** Boundaries of ranges of `chunk` numbers each (the last may be shorter). */
export function widthBounds(n: number, chunk: number): number[] {
  const bounds: number[] = [];
  for (let b = 0; b < n; b += chunk) bounds.push(b);
  bounds.push(n);
  return bounds;
}
