import { KindredError } from "../errors/index.ts";
import { checkInteger, checkPoints } from "../points/index.ts";
import { columnMeans, covariance } from "./covariance.ts";
import { symmetricEigen } from "./eigen.ts";
import type { Points } from "./types.ts";
import { checkNotConstant } from "./validate.ts";

export interface PcaOptions {
  /** Components to keep (1..cols). Default 2. */
  components?: number;
}

/** What `transformPca` needs to project new rows. */
export interface PcaModel {
  /** components × cols, row-major unit vectors; each row's largest-magnitude entry is positive. */
  components: Float64Array;
  /** Column means of the fitted rows. */
  mean: Float64Array;
}

export interface PcaResult extends PcaModel {
  /**
   * Every component's variance (n − 1 denominator, like scikit-learn's `explained_variance_`),
   * all `cols` of them, descending; eigenvalues that rounding pushed below zero are 0.
   */
  explainedVariance: number[];
  /** `explainedVariance` over the total variance: all `cols` shares, descending, summing to 1. */
  explainedVarianceRatio: number[];
  /** rows × components, row-major: the fitted rows projected. */
  projection: Float32Array;
}

/**
 * Principal component analysis: the covariance matrix of the centred rows (Float64) and its
 * exact symmetric eigen-decomposition (Jacobi). Matches scikit-learn's `PCA()` (full SVD) to
 * about 1e-10 on the explained variance ratio; components agree up to sign, which is fixed here
 * so that each component's largest-magnitude entry is positive.
 * Errors (INVALID_CONFIG): fewer than 2 rows, non-finite values, constant embeddings,
 * `components` outside 1..cols.
 */
export function pca(points: Points, options: PcaOptions = {}): PcaResult {
  const { components: count = 2 } = options;
  checkPoints(points, 2);
  checkInteger("components", count, 1, points.cols);
  checkNotConstant(points);
  const d = points.cols;
  const mean = columnMeans(points);
  const cov = covariance(points, mean);
  let total = 0;
  for (let c = 0; c < d; c++) total += cov[c * d + c] as number;

  const { values, vectors } = symmetricEigen(cov, d);
  const explainedVariance = Array.from(values, (v) => Math.max(v, 0));
  const explainedVarianceRatio = explainedVariance.map((v) => v / total);
  const components = vectors.slice(0, count * d);
  for (let k = 0; k < count; k++) fixSign(components.subarray(k * d, (k + 1) * d));

  const model: PcaModel = { components, mean };
  return { ...model, explainedVariance, explainedVarianceRatio, projection: transformPca(model, points) };
}

/** Projects rows onto a fitted model: (x − mean) · componentsᵀ, rows × components. */
export function transformPca(model: PcaModel, points: Points): Float32Array {
  const d = model.mean.length;
  checkPoints(points, 0);
  if (points.cols !== d || model.components.length % d !== 0) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `the PCA model was fitted on ${d} columns, the points have ${points.cols}`,
      { field: "points" },
    );
  }
  const k = model.components.length / d;
  const { data, rows } = points;
  const out = new Float32Array(rows * k);
  const centred = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < d; c++) centred[c] = (data[r * d + c] as number) - (model.mean[c] as number);
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) sum += (centred[c] as number) * (model.components[j * d + c] as number);
      out[r * k + j] = sum;
    }
  }
  return out;
}

/** Flips a unit vector so that its largest-magnitude entry (the first, on ties) is positive. */
function fixSign(vector: Float64Array): void {
  let largest = 0;
  for (const value of vector) if (Math.abs(value) > Math.abs(largest)) largest = value;
  if (largest < 0) for (let i = 0; i < vector.length; i++) vector[i] = -(vector[i] as number);
}
