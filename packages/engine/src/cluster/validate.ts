import { KindredError } from "../errors/index.ts";

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
