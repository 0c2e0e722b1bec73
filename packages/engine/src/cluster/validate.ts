import { KindredError } from "../errors/index.ts";
import type { Points } from "./types.ts";

/** A well-formed matrix of finite values; names the first non-finite row and column. */
export function checkPoints(points: Points): void {
  const { data, rows, cols } = points;
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new KindredError(
      "INVALID_CONFIG",
      `points must have at least 1 row and 1 column, got ${rows} × ${cols}`,
      {
        field: "points",
      },
    );
  }
  if (data.length !== rows * cols) {
    throw new KindredError(
      "INVALID_CONFIG",
      `points.data holds ${data.length} values, expected rows × cols = ${rows} × ${cols}`,
      { field: "points" },
    );
  }
  for (let i = 0; i < data.length; i++) {
    const value = data[i] as number;
    // value − value is NaN exactly for NaN and ±Infinity: one cheap test per value.
    if (value - value !== 0) {
      const row = Math.floor(i / cols);
      throw new KindredError(
        "INVALID_CONFIG",
        `points row ${row + 1} (index ${row}), column ${(i % cols) + 1} is ${value}; embeddings must be finite`,
        { field: "points", row: row + 1 },
      );
    }
  }
}

export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new KindredError("INVALID_CONFIG", `seed must be an integer, got ${seed}`, { field: "seed" });
  }
}

/** An integer option within [min, max]. */
export function checkInteger(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw new KindredError("INVALID_CONFIG", `${field} must be an integer ${range}, got ${value}`, { field });
  }
}

/** A finite number ≥ 0. */
export function checkNonNegative(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new KindredError("INVALID_CONFIG", `${field} must be a finite number ≥ 0, got ${value}`, { field });
  }
}

/**
 * Labels 0..k−1, one per row; returns k = max label + 1 and the size of each cluster (empty
 * label values in between are allowed and have size 0).
 */
export function checkLabels(labels: ArrayLike<number>, rows: number): { k: number; sizes: Int32Array } {
  if (labels.length !== rows) {
    throw new KindredError(
      "INVALID_CONFIG",
      `labels has ${labels.length} entries, expected one per row (${rows})`,
      {
        field: "labels",
      },
    );
  }
  let k = 0;
  for (let i = 0; i < rows; i++) {
    const label = labels[i] as number;
    if (!Number.isInteger(label) || label < 0) {
      throw new KindredError(
        "INVALID_CONFIG",
        `label of row ${i + 1} is ${label}, expected a cluster index 0, 1, 2, …`,
        { field: "labels", row: i + 1 },
      );
    }
    if (label >= k) k = label + 1;
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < rows; i++) {
    const label = labels[i] as number;
    sizes[label] = (sizes[label] as number) + 1;
  }
  return { k, sizes };
}

/** Number of non-empty clusters. */
export function countNonEmpty(sizes: ArrayLike<number>): number {
  let count = 0;
  for (let c = 0; c < sizes.length; c++) if ((sizes[c] as number) > 0) count++;
  return count;
}

/** Silhouette and Davies–Bouldin need 2 ≤ clusters ≤ rows − 1 (scikit-learn's rule). */
export function checkClusterCount(metric: string, clusters: number, rows: number): void {
  if (clusters < 2 || clusters > rows - 1) {
    throw new KindredError(
      "INVALID_CONFIG",
      `${metric} needs between 2 and rows − 1 = ${rows - 1} non-empty clusters, got ${clusters}`,
      { field: "labels" },
    );
  }
}
