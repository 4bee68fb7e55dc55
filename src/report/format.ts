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

/** Seconds as a short duration: 45s, 1m20s, 1h02m; "?" for non-finite or negative input. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
