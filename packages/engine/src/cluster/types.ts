/**
 * Public types of the cluster module. Plain data in typed arrays only.
 */

export type { Points } from "../points/index.ts";

export interface KMeansOptions {
  seed: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins. Default 3. */
  restarts?: number;
  /** Lloyd iterations per start. Default 300. */
  maxIterations?: number;
  /**
   * Convergence: stop when the summed squared centroid shift is at most
   * `tolerance × mean per-column variance` (scikit-learn's rule). Default 1e-4.
   */
  tolerance?: number;
}

export interface KMeansResult {
  /** Cluster index 0..k−1 per row. */
  labels: Int32Array;
  /** k × cols centroids, row-major. */
  centroids: Float64Array;
  /** Sum of squared distances of the rows to their centroid. */
  inertia: number;
  /** Lloyd iterations of the winning start. */
  iterations: number;
}
