import { KindredError } from "../errors/index.ts";
import { checkPoints } from "../points/index.ts";
import { clusterMeans } from "./cluster-means.ts";
import { squaredDistanceCenters, squaredDistanceToCenter } from "./distance.ts";
import { createSilhouetteEstimator } from "./silhouette-estimator.ts";
import type { Points } from "./types.ts";
import { checkClusterCount, checkLabels, countNonEmpty } from "./validate.ts";

/**
 * Within-cluster sum of squared distances: Σ_i ‖x_i − c_label(i)‖². Centroids default to the
 * labels' cluster means (then it is k-means' objective for these labels); O(rows × cols).
 */
export function inertia(points: Points, labels: ArrayLike<number>, centroids?: Float64Array): number {
  checkPoints(points);
  const { k } = checkLabels(labels, points.rows);
  const { data, rows: n, cols: d } = points;
  let centres = centroids;
  if (centres === undefined) centres = clusterMeans(points, labels, k).centroids;
  else if (centres.length < k * d || centres.length % d !== 0) {
    throw new KindredError(
      "INVALID_CONFIG",
      `centroids holds ${centres.length} values; labels need at least ${k} centroids × ${d} columns`,
      { field: "centroids" },
    );
  }
  let total = 0;
  for (let i = 0; i < n; i++)
    total += squaredDistanceToCenter(data, i * d, centres, (labels[i] as number) * d, d);
  return total;
}

/**
 * Exact mean silhouette over all rows (scikit-learn's `silhouette_score`, Euclidean, no
 * sampling; s(i) = 0 in a singleton cluster). Needs 2 ≤ non-empty clusters ≤ rows − 1.
 * O(rows² × cols): for repeated scoring or large inputs use `createSilhouetteEstimator`.
 */
export function silhouetteScore(points: Points, labels: ArrayLike<number>): number {
  const estimator = createSilhouetteEstimator(points, { exactUpTo: points.rows, seed: 0 });
  return estimator.score(labels).silhouette;
}

/**
 * Davies–Bouldin index (scikit-learn's `davies_bouldin_score`): for each cluster, the largest
 * (S_i + S_j) / ‖c_i − c_j‖ over the other clusters, averaged; S = mean distance of a cluster's
 * rows to its centroid. Lower is better; 0 when all S or all centroid gaps are 0. O(rows × cols).
 * Empty label values in between are skipped (scikit-learn re-encodes labels the same way).
 */
export function daviesBouldin(points: Points, labels: ArrayLike<number>): number {
  checkPoints(points);
  const { k, sizes } = checkLabels(labels, points.rows);
  checkClusterCount("Davies–Bouldin", countNonEmpty(sizes), points.rows);
  const { data, rows: n, cols: d } = points;
  const { centroids } = clusterMeans(points, labels, k);
  const spread = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const label = labels[i] as number;
    spread[label] =
      (spread[label] as number) + Math.sqrt(squaredDistanceToCenter(data, i * d, centroids, label * d, d));
  }
  const present: number[] = [];
  for (let c = 0; c < k; c++) {
    if ((sizes[c] as number) === 0) continue;
    spread[c] = (spread[c] as number) / (sizes[c] as number);
    present.push(c);
  }
  const gap = (a: number, b: number) => Math.sqrt(squaredDistanceCenters(centroids, a * d, b * d, d));
  // numpy.allclose(x, 0): every |x| ≤ 1e-8.
  const allSpreadZero = present.every((c) => Math.abs(spread[c] as number) <= 1e-8);
  let allGapsZero = true;
  for (const a of present) for (const b of present) if (gap(a, b) > 1e-8) allGapsZero = false;
  if (allSpreadZero || allGapsZero) return 0;
  let total = 0;
  for (const a of present) {
    let worst = 0;
    for (const b of present) {
      if (a === b) continue;
      const distance = gap(a, b);
      if (distance === 0) continue; // scikit-learn: a zero gap counts as infinite
      const ratio = ((spread[a] as number) + (spread[b] as number)) / distance;
      if (ratio > worst) worst = ratio;
    }
    total += worst;
  }
  return total / present.length;
}
