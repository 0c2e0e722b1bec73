export interface Moments {
  mean: number;
  /** Population standard deviation (divides by n, like scikit-learn's StandardScaler). */
  std: number;
  /**
   * Population (Fisher–Pearson, biased) skewness m3 / m2^1.5, like scipy.stats.skew;
   * 0 when std is 0 or the moments overflow.
   */
  skewness: number;
}

/** Two-pass moments of `values`; all 0 for an empty array. */
export function moments(values: Float64Array): Moments {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 0, skewness: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
  }
  m2 /= n;
  m3 /= n;
  const skewness = m2 > 0 ? m3 / m2 ** 1.5 : 0;
  return { mean, std: Math.sqrt(m2), skewness: Number.isFinite(skewness) ? skewness : 0 };
}

/** Median (mean of the two middle values for an even count); 0 for an empty array. */
export function median(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = values.slice().sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function minMax(values: Float64Array): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 0 };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
