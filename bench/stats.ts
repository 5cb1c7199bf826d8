/** Small statistics for the benchmark report. */

/** The median of `values` (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Smallest and largest of `values`. */
export function range(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/** `median (min-max)` with `digits` decimals. */
export function spread(values: readonly number[], digits = 2): string {
  const [lo, hi] = range(values);
  return `${median(values).toFixed(digits)} (${lo.toFixed(digits)}-${hi.toFixed(digits)})`;
}
