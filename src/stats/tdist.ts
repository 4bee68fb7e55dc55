/** Two-sided 95% critical values of Student's t (simple-statistics has no t quantile function). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t_{0.975, df}; the normal 1.96 beyond 30 degrees of freedom (within 2%). */
export function t975(df: number): number {
  if (df < 1) return NaN;
  return T975[Math.floor(df) - 1] ?? 1.96;
}
