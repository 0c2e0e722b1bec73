/** Bins of a numeric column's distribution chart. */
export const HISTOGRAM_BINS = 20;

/**
 * Counts of `values` (each weighted by `weights`) in `bins` equal-width bins over [min, max]; the
 * last bin includes max. One bin holds everything when min = max.
 */
export function histogram(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  min: number,
  max: number,
  bins = HISTOGRAM_BINS,
): number[] {
  const counts = new Array<number>(max > min ? bins : 1).fill(0);
  const width = (max - min) / counts.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const bin = width > 0 ? Math.min(counts.length - 1, Math.floor((v - min) / width)) : 0;
    counts[bin] = (counts[bin] as number) + (weights[i] as number);
  }
  return counts;
}
