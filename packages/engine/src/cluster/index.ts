/**
 * Cluster structure of embeddings: k-means (k-means++ seeding, Lloyd with Elkan/Hamerly bounds),
 * metrics for given labels (inertia, exact silhouette, Davies–Bouldin — scikit-learn's
 * definitions), a silhouette estimator that reuses distances across labellings, kneedle elbows,
 * and the K sweep that recommends a K for personas.
 */

export { clusterMeans } from "./cluster-means.ts";
export {
  type ClusterSelectionMethod,
  type HdbscanOptions,
  type HdbscanResult,
  hdbscan,
} from "./hdbscan.ts";
export { kMeans } from "./k-means.ts";
export { kneedle } from "./kneedle.ts";
export { daviesBouldin, inertia, silhouetteScore } from "./metrics.ts";
export { type Recommendation, SILHOUETTE_THRESHOLD } from "./recommend.ts";
export {
  createSilhouetteEstimator,
  type SilhouetteEstimate,
  type SilhouetteEstimator,
  type SilhouetteOptions,
} from "./silhouette-estimator.ts";
export {
  type ClusterSweep,
  clusterSweep,
  type SweepOptions,
  type SweepPoint,
  type SweepResult,
} from "./sweep.ts";
export type { KMeansOptions, KMeansResult, Points } from "./types.ts";
