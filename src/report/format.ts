/** Number formatting shared by every writer. */

const UNITS: [number, string][] = [
  [1, 's'],
  [1e-3, 'ms'],
  [1e-6, 'µs'],
  [1e-9, 'ns'],
];

/** Seconds as 3 significant digits with a time unit: 1.23 µs, 45.6 ms, -812 ns; "–" for null or non-finite. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds === 0) return '0 s';
  const magnitude = Math.abs(seconds);
  const [scale, unit] = UNITS.find(([s]) => magnitude >= s * 0.9995) ?? UNITS[UNITS.length - 1]!;
  return `${Number((seconds / scale).toPrecision(3))} ${unit}`;
}

/** A grain in seconds as typed on the command line: 1e-8, 1e-3, 2.5e-5. */
export function formatGrain(seconds: number): string {
  return seconds.toExponential().replace(/\.0+e/, 'e').replace('e+', 'e');
}

/** A fraction as a percentage: 0.5 → "50%", 0.042 → "4.2%" (2 significant digits under 10%); "–" for null or non-finite. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  const pct = fraction * 100;
  return `${pct >= 10 ? pct.toFixed(0) : pct.toPrecision(2)}%`;
}
