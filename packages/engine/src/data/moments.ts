/** Summary statistics of a numeric column, matching pandas' `min/max/mean/std/skew`. */
export interface Moments {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n − 1); absent below 2 values. */
  std?: number;
  /** Adjusted Fisher–Pearson G1 (pandas `Series.skew()`); absent below 3 values. */
  skewness?: number;
}

/**
 * Moments of `values`, each counted `weights[i]` times (weights let a column be summarised
 * from its distinct values and their counts). Two passes (mean first, then centred sums)
 * keep the result accurate for values with a large common offset. Returns undefined when the
 * total weight is 0.
 *
 *   std  = sqrt(M2 / (n − 1))
 *   skew = n · sqrt(n − 1) / (n − 2) · M3 / M2^1.5      (M_k = Σ (x − mean)^k)
 * which equals g1 · sqrt(n(n − 1)) / (n − 2) with g1 = m3 / m2^1.5 on the 1/n moments.
 * As in pandas, M2 below 1e-14 counts as zero and a constant column has skewness 0.
 */
export function moments(values: ArrayLike<number>, weights?: ArrayLike<number>): Moments | undefined {
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const w = weights ? (weights[i] as number) : 1;
    if (w === 0) continue;
    n += w;
    sum += v * w;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return undefined;
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? (weights[i] as number) : 1;
    if (w === 0) continue;
    const d = (values[i] as number) - mean;
    const d2 = d * d;
    m2 += w * d2;
    m3 += w * d2 * d;
  }
  if (Math.abs(m2) < 1e-14) m2 = 0;
  const result: Moments = { count: n, min, max, mean };
  if (n >= 2) result.std = Math.sqrt(m2 / (n - 1));
  if (n >= 3) result.skewness = m2 === 0 ? 0 : ((n * Math.sqrt(n - 1)) / (n - 2)) * (m3 / m2 ** 1.5);
  return result;
}
