import type { Points } from "./types.ts";

/** Column means in Float64. */
export function columnMeans(points: Points): Float64Array {
  const { data, rows, cols } = points;
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) + (data[base + c] as number);
  }
  for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) / rows;
  return mean;
}

/**
 * The d × d sample covariance (n − 1 denominator, like numpy's `np.cov` and scikit-learn's
 * PCA), accumulated from centred rows in Float64 (two passes: no cancellation from raw sums).
 */
export function covariance(points: Points, mean: Float64Array): Float64Array {
  const { data, rows, cols: d } = points;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    const base = r * d;
    for (let c = 0; c < d; c++) centred[c] = (data[base + c] as number) - (mean[c] as number);
    for (let i = 0; i < d; i++) {
      const xi = centred[i] as number;
      const rowBase = i * d;
      for (let j = i; j < d; j++)
        cov[rowBase + j] = (cov[rowBase + j] as number) + xi * (centred[j] as number);
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const value = (cov[i * d + j] as number) / (rows - 1);
      cov[i * d + j] = value;
      cov[j * d + i] = value;
    }
  }
  return cov;
}
