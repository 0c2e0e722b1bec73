import { KindredError } from "../errors/index.ts";
import { checkInteger, checkPoints, type Points } from "../points/index.ts";

/** Squared distance from row offset `ro` of the (Float32) points to centre offset `co` (Float64). */
export function squaredDistance(x: Float32Array, ro: number, centroids: Float64Array, co: number, d: number) {
  let sum = 0;
  for (let t = 0; t < d; t++) {
    const q = (x[ro + t] as number) - (centroids[co + t] as number);
    sum += q * q;
  }
  return sum;
}

/** The nearest of k centres to row offset `ro`; ties go to the lower index. */
export function nearestCentroid(
  x: Float32Array,
  ro: number,
  centroids: Float64Array,
  k: number,
  d: number,
): number {
  let best = 0;
  let bestDistance = squaredDistance(x, ro, centroids, 0, d);
  for (let c = 1; c < k; c++) {
    const distance = squaredDistance(x, ro, centroids, c * d, d);
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}

/** Fills `labels` with each row's nearest centre and returns the inertia (sum of squared distances). */
export function labelRows(points: Points, centroids: Float64Array, k: number, labels: Int32Array): number {
  const { data, rows, cols: d } = points;
  let inertia = 0;
  for (let i = 0; i < rows; i++) {
    const label = nearestCentroid(data, i * d, centroids, k, d);
    labels[i] = label;
    inertia += squaredDistance(data, i * d, centroids, label * d, d);
  }
  return inertia;
}

/** Centroids must hold k rows of exactly the points' columns; a mismatch names the field "cols". */
export function checkCentroidShape(centroids: Float64Array, k: number, cols: number): void {
  checkInteger("k", k, 1);
  if (centroids.length !== k * cols) {
    throw new KindredError(
      "INVALID_CONFIG",
      `centroids hold ${centroids.length} values, expected k × cols = ${k} × ${cols}; the points must have the centroids' dimension`,
      { field: "cols" },
    );
  }
}

/**
 * Index 0..k−1 of the nearest centroid (squared Euclidean, ties to the lower index) for every row
 * of `points`. `centroids` is k × points.cols, row-major.
 *
 * Errors (INVALID_CONFIG): k not a positive integer, centroids of another dimension (field
 * "cols"), a non-finite value in the points (naming its row).
 */
export function assignNearest(centroids: Float64Array, k: number, points: Points): Int32Array {
  checkPoints(points, 0);
  checkCentroidShape(centroids, k, points.cols);
  const labels = new Int32Array(points.rows);
  labelRows(points, centroids, k, labels);
  return labels;
}
