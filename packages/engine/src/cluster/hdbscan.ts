import { KindredError } from "../errors/index.ts";
import { checkInteger, checkPoints } from "../points/index.ts";
import { mutualReachabilityTree, squaredCoreDistances } from "./hdbscan-mst.ts";
import {
  type ClusterSelectionMethod,
  condenseTree,
  labelPoints,
  selectClusters,
  singleLinkage,
} from "./hdbscan-tree.ts";
import type { Points } from "./types.ts";

export type { ClusterSelectionMethod } from "./hdbscan-tree.ts";

export interface HdbscanOptions {
  /** Smallest group that counts as a cluster (integer ≥ 2); smaller splits are noise falling out. */
  minClusterSize: number;
  /**
   * Neighbours (the row itself included) that make a row's core distance; larger values make
   * the clustering more conservative (more noise). Integer ≥ 1. Default `minClusterSize`.
   */
  minSamples?: number;
  /** "eom" (excess of mass, the default) or "leaf" (the finest clusters of the tree). */
  clusterSelectionMethod?: ClusterSelectionMethod;
  /** Whether the whole data set may come out as one cluster. Default false. */
  allowSingleCluster?: boolean;
}

export interface HdbscanResult {
  /** Cluster 0..k−1 per row, −1 for noise; clusters are numbered in order of their first row. */
  labels: Int32Array;
  /** Membership strength in [0, 1] per row (0 for noise). */
  probabilities: Float64Array;
  clusterCount: number;
  noiseCount: number;
  /** Stability Σ (λ_p − λ_birth) of each cluster, indexed by label. */
  stability: number[];
}

/**
 * HDBSCAN (Campello, Moulavi & Sander 2013) with Euclidean distance, following the Python
 * `hdbscan` library and scikit-learn ≥ 1.3: density-based clusters of any shape (no K to choose,
 * groups need not be spherical or equally dense), and rows in no dense region are kept apart as
 * noise (label −1) instead of being forced into a group. It builds the minimum spanning tree of
 * the mutual reachability distances by Prim's algorithm without storing the distance matrix, so it
 * costs O(n²·d) time and O(n) memory (roughly 2 s for 5,000 rows × 32 columns, four times that
 * for twice the rows). Merges at equal distances split a cluster together, as in the paper, so
 * the result does not depend on row order; without such ties it is the library's result.
 *
 * Errors (INVALID_CONFIG): a non-finite value (naming its row), fewer rows than minClusterSize
 * or than minSamples, bad options.
 */
export function hdbscan(points: Points, options: HdbscanOptions): HdbscanResult {
  checkPoints(points);
  const { minClusterSize, minSamples, clusterSelectionMethod, allowSingleCluster } =
    checkHdbscanOptions(options);
  if (points.rows < minClusterSize) {
    throw new KindredError(
      "INVALID_CONFIG",
      `minClusterSize is ${minClusterSize} but there are only ${points.rows} rows`,
      { field: "minClusterSize" },
    );
  }
  if (points.rows < minSamples) {
    throw new KindredError(
      "INVALID_CONFIG",
      `minSamples is ${minSamples} but there are only ${points.rows} rows`,
      { field: "minSamples" },
    );
  }
  const n = points.rows;
  const tree = mutualReachabilityTree(points, squaredCoreDistances(points, minSamples));
  const condensed = condenseTree(singleLinkage(tree, n), n, minClusterSize);
  const selected = selectClusters(condensed, clusterSelectionMethod, allowSingleCluster);
  const { labels, probabilities, stability } = labelPoints(condensed, selected, n);
  let noiseCount = 0;
  for (let i = 0; i < n; i++) if (labels[i] === -1) noiseCount++;
  return { labels, probabilities, clusterCount: stability.length, noiseCount, stability };
}

function checkHdbscanOptions(options: HdbscanOptions): Required<HdbscanOptions> {
  const {
    minClusterSize,
    minSamples = minClusterSize,
    clusterSelectionMethod = "eom",
    allowSingleCluster = false,
  } = options;
  checkInteger("minClusterSize", minClusterSize, 2);
  checkInteger("minSamples", minSamples, 1);
  if (clusterSelectionMethod !== "eom" && clusterSelectionMethod !== "leaf") {
    throw new KindredError(
      "INVALID_CONFIG",
      `clusterSelectionMethod must be "eom" or "leaf", got ${JSON.stringify(clusterSelectionMethod)}`,
      { field: "clusterSelectionMethod" },
    );
  }
  if (typeof allowSingleCluster !== "boolean") {
    throw new KindredError(
      "INVALID_CONFIG",
      `allowSingleCluster must be true or false, got ${JSON.stringify(allowSingleCluster)}`,
      { field: "allowSingleCluster" },
    );
  }
  return { minClusterSize, minSamples, clusterSelectionMethod, allowSingleCluster };
}
