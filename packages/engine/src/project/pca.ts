import { KindredError } from "../errors/index.ts";
import { symmetricEigen } from "./eigen.ts";
import type { Points } from "./types.ts";

export interface PcaModel {
  /** components × cols, unit rows; sign fixed so each row's largest-magnitude entry is positive. */
  components: Float64Array;
  componentCount: number;
  /** Every component's share of the total variance, descending (sums to 1). */
  explainedVarianceRatio: number[];
  /** Variances with the n − 1 denominator, like scikit-learn. */
  explainedVariance: number[];
  mean: Float64Array;
}

export interface PcaResult extends PcaModel {
  /** rows × components. */
  projection: Float32Array;
}

/** Principal components from the covariance matrix (exact eigen-decomposition). */
export function pca(points: Points, options: { components?: number } = {}): PcaResult {
  const { rows: n, cols: d, data } = points;
  const componentCount = options.components ?? 2;
  if (n < 2)
    throw new KindredError("INVALID_CONFIG", `PCA needs at least 2 rows, got ${n}`, { field: "rows" });
  if (!Number.isInteger(componentCount) || componentCount < 1 || componentCount > d) {
    throw new KindredError("INVALID_CONFIG", `components must be 1..${d}, got ${componentCount}`, {
      field: "components",
    });
  }
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < d; c++) mean[c] = (mean[c] as number) + (data[r * d + c] as number);
  for (let c = 0; c < d; c++) mean[c] = (mean[c] as number) / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < d; c++) row[c] = (data[r * d + c] as number) - (mean[c] as number);
    for (let i = 0; i < d; i++) {
      const xi = row[i] as number;
      if (xi === 0) continue;
      for (let j = i; j < d; j++) cov[i * d + j] = (cov[i * d + j] as number) + xi * (row[j] as number);
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const value = (cov[i * d + j] as number) / (n - 1);
      cov[i * d + j] = value;
      cov[j * d + i] = value;
    }
  }
  const { values, vectors } = symmetricEigen(cov, d);
  const variances = values.map((v) => Math.max(v, 0));
  const total = variances.reduce((a, b) => a + b, 0);
  if (!(total > 1e-12)) {
    throw new KindredError("INVALID_CONFIG", "the embeddings are constant: PCA has no variance to explain", {
      field: "embeddings",
    });
  }
  const components = vectors.slice(0, componentCount * d);
  for (let k = 0; k < componentCount; k++) {
    let largest = 0;
    for (let c = 0; c < d; c++) {
      const value = components[k * d + c] as number;
      if (Math.abs(value) > Math.abs(largest)) largest = value;
    }
    if (largest < 0) for (let c = 0; c < d; c++) components[k * d + c] = -(components[k * d + c] as number);
  }
  const model: PcaModel = {
    components,
    componentCount,
    explainedVarianceRatio: variances.map((v) => v / total),
    explainedVariance: variances,
    mean,
  };
  return { ...model, projection: transformPca(model, points) };
}

/** Projects rows onto a fitted model's components. */
export function transformPca(model: PcaModel, points: Points): Float32Array {
  const d = model.mean.length;
  if (points.cols !== d) {
    throw new KindredError("ARTIFACT_MISMATCH", `PCA was fitted on ${d} columns, got ${points.cols}`, {
      field: "embeddings",
    });
  }
  const k = model.componentCount;
  const out = new Float32Array(points.rows * k);
  for (let r = 0; r < points.rows; r++) {
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) {
        sum +=
          ((points.data[r * d + c] as number) - (model.mean[c] as number)) *
          (model.components[j * d + c] as number);
      }
      out[r * k + j] = sum;
    }
  }
  return out;
}
