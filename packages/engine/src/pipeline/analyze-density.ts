import { hdbscan } from "../cluster/index.ts";
import { KindredError } from "../errors/index.ts";
import { checkInteger, type Points } from "../points/index.ts";
import { gatherRows, sampleRows } from "../project/index.ts";
import { adjustedRandIndex } from "../segment/index.ts";

/** The space density clusters are found in: the UMAP map of the sample, or the embeddings. */
export type DensitySpace = "umap" | "embeddings";

/**
 * Most rows HDBSCAN clusters (a seeded subset of the sample beyond): it costs O(n²·d), about
 * 1 s for 5,000 × 32 and 3 s for 10,000 × 2, four times that for twice the rows.
 */
export const DENSITY_MAX_ROWS: Readonly<Record<DensitySpace, number>> = Object.freeze({
  umap: 20_000,
  embeddings: 5_000,
});

export interface DensityCluster {
  /** HDBSCAN's label, −1 for the noise (rows in no dense region). */
  cluster: number;
  size: number;
  share: number;
  /** Share of positive labels, null without labels or for an empty group. */
  conversionRate: number | null;
}

export interface DensityOutput {
  on: DensitySpace;
  /** The dataset rows clustered (the sample, or a subset of it), in the order of `labels`. */
  rowIndices: Int32Array;
  /** Cluster 0..clusterCount−1 per clustered row, −1 for noise. */
  labels: Int32Array;
  clusterCount: number;
  noiseCount: number;
  noiseShare: number;
  minClusterSize: number;
  /** Every cluster by label, then the noise as its own group (always listed, maybe empty). */
  clusters: DensityCluster[];
  /** The k-means K compared with (the sweep's recommended K). */
  k: number;
  /** Adjusted Rand index of the density labels (noise as one group) and the k-means labels. */
  agreementWithKMeans: number;
}

/** Default smallest cluster: 1 % of the clustered rows, at least 15. */
export function defaultMinClusterSize(rows: number): number {
  return Math.max(15, Math.round(rows / 100));
}

/** Where density clusters will be computed and on how many rows, known before any work starts. */
export function densityPlan(
  sampled: number,
  umapComputed: boolean,
  minClusterSize: number | undefined,
): { on: DensitySpace; rows: number; minClusterSize: number } | null {
  const on: DensitySpace = umapComputed ? "umap" : "embeddings";
  const rows = Math.min(sampled, DENSITY_MAX_ROWS[on]);
  if (minClusterSize === undefined) {
    const size = defaultMinClusterSize(rows);
    // Too few rows for the default: nothing to cluster rather than a refusal.
    return rows < size ? null : { on, rows, minClusterSize: size };
  }
  checkInteger("minClusterSize", minClusterSize, 2);
  if (rows < minClusterSize) {
    throw new KindredError(
      "INVALID_CONFIG",
      `minClusterSize is ${minClusterSize} but density clusters are computed on ${rows} rows`,
      { field: "minClusterSize" },
    );
  }
  return { on, rows, minClusterSize };
}

export interface DensityInput {
  on: DensitySpace;
  /** The sample's points in `on` space, one per entry of `rowIndices`. */
  points: Points;
  rowIndices: Int32Array;
  minClusterSize: number;
  seed: number;
  /** k-means cluster of every dataset row, and its K. */
  kmeans: Int32Array;
  k: number;
  /** 0/1 per dataset row, for conversion rates. */
  labels?: Uint8Array;
}

/**
 * HDBSCAN density clusters of a sample beside the k-means personas: groups of any shape, with rows
 * in no dense region kept apart as noise instead of forced into a group. Above
 * DENSITY_MAX_ROWS[on] rows, a seeded subset of them is clustered.
 */
export function densityClusters(input: DensityInput): DensityOutput {
  const { on, minClusterSize, kmeans, k, labels } = input;
  let { points, rowIndices } = input;
  const max = DENSITY_MAX_ROWS[on];
  if (points.rows > max) {
    const subset = sampleRows(points.rows, max, input.seed);
    points = gatherRows(points, subset);
    rowIndices = Int32Array.from(subset, (i) => rowIndices[i] as number);
  } else {
    rowIndices = Int32Array.from(rowIndices);
  }
  const result = hdbscan(points, { minClusterSize });
  const n = rowIndices.length;
  const groups = result.clusterCount + 1; // clusters 0..count−1, then the noise
  const group = (label: number) => (label === -1 ? result.clusterCount : label);
  const sizes = new Float64Array(groups);
  const positives = new Float64Array(groups);
  const shifted = new Int32Array(n); // noise → 0, cluster c → c + 1 (the index needs labels ≥ 0)
  const kmeansOfRows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = result.labels[i] as number;
    const row = rowIndices[i] as number;
    sizes[group(label)]! += 1;
    if (labels) positives[group(label)]! += labels[row] as number;
    shifted[i] = label + 1;
    kmeansOfRows[i] = kmeans[row] as number;
  }
  const clusters = Array.from({ length: groups }, (_, g): DensityCluster => {
    const size = sizes[g] as number;
    return {
      cluster: g === result.clusterCount ? -1 : g,
      size,
      share: n === 0 ? 0 : size / n,
      conversionRate: labels && size > 0 ? (positives[g] as number) / size : null,
    };
  });
  return {
    on,
    rowIndices,
    labels: result.labels,
    clusterCount: result.clusterCount,
    noiseCount: result.noiseCount,
    noiseShare: n === 0 ? 0 : result.noiseCount / n,
    minClusterSize,
    clusters,
    k,
    agreementWithKMeans: adjustedRandIndex(shifted, kmeansOfRows),
  };
}
