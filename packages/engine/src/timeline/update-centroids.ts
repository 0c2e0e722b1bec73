import { clusterMeans } from "../cluster/index.ts";
import { KindredError } from "../errors/index.ts";
import { checkInteger, checkPoints, checkSeed, type Points } from "../points/index.ts";
import { createRng, shuffleInPlace } from "../random/index.ts";
import { labelRows, nearestCentroid } from "./nearest-centroid.ts";

/** What mini-batch k-means carries from one refresh to the next. */
export interface CentroidState {
  /** k × cols centres, row-major. */
  centroids: Float64Array;
  /** Points absorbed by each centre so far (its weight against new data). */
  counts: Float64Array;
  k: number;
  cols: number;
}

/** The state of an existing clustering: each cluster's mean, weighted by its size. */
export function centroidStateOf(points: Points, labels: ArrayLike<number>, k: number): CentroidState {
  const { centroids, sizes } = clusterMeans(points, labels, k);
  return { centroids, counts: Float64Array.from(sizes), k, cols: points.cols };
}

export interface UpdateOptions {
  /** Rows per mini-batch. Default 1024. */
  batchSize?: number;
  /** Seeds the order in which rows are drawn. Default 0. */
  seed?: number;
  /**
   * Passes over the batch (default 1). Each pass adds the batch to the counts again, so more
   * than one weighs this batch more than the history; stops early after a pass in which every
   * row went to the same centre as in the pass before.
   */
  maxIterations?: number;
}

/** The updated state (pass it to the next refresh as it is) and how the batch fits it. */
export interface CentroidUpdate extends CentroidState {
  /** k × cols centres after the update (a new array; the state is not modified). */
  centroids: Float64Array;
  /** Counts after the update: the previous counts plus the rows each centre absorbed. */
  counts: Float64Array;
  /** Nearest updated centre of every batch row. */
  labels: Int32Array;
  /** Sum of squared distances of the batch rows to their updated centre. */
  inertia: number;
  /** Σ over centres of the Euclidean distance each centre moved. */
  moved: number;
}

/**
 * Mini-batch k-means update (Sculley 2010, "Web-scale k-means clustering"): refreshes personas
 * from a new batch without re-running the K sweep. Rows are drawn in a seeded order in
 * mini-batches; each mini-batch is assigned to the current centres, then every row pulls its
 * centre c towards it with the per-centre rate 1 / count(c). Counts carry over from the state,
 * so the history keeps its weight: a mini-batch moves a centre to the mean of its old position,
 * weighted by its count, and the rows it received. A centre that receives no rows stays put.
 * Deterministic for a seed.
 *
 * Errors (INVALID_CONFIG): batch columns ≠ state columns (field "cols"), a malformed state,
 * negative or non-finite counts (field "counts"), a non-finite batch value (naming its row),
 * bad options.
 */
export function updateCentroids(
  state: CentroidState,
  batch: Points,
  options: UpdateOptions = {},
): CentroidUpdate {
  const { batchSize = 1024, seed = 0, maxIterations = 1 } = options;
  checkState(state);
  checkPoints(batch, 0);
  if (batch.cols !== state.cols) {
    throw new KindredError(
      "INVALID_CONFIG",
      `the batch has ${batch.cols} columns but the centroids have ${state.cols}`,
      { field: "cols" },
    );
  }
  checkInteger("batchSize", batchSize, 1);
  checkSeed(seed);
  checkInteger("maxIterations", maxIterations, 1);

  const { k, cols: d } = state;
  const { data, rows: n } = batch;
  const centroids = Float64Array.from(state.centroids);
  const counts = Float64Array.from(state.counts);
  const rng = createRng(seed);
  const order = new Int32Array(n);
  const drawn = new Int32Array(Math.min(batchSize, n));
  // Label each row got when drawn, per pass: unchanged for a whole pass means converged.
  const previous = new Int32Array(n).fill(-1);
  for (let pass = 0; pass < maxIterations; pass++) {
    for (let i = 0; i < n; i++) order[i] = i;
    shuffleInPlace(order, rng);
    let changed = false;
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      // Sculley assigns the whole mini-batch to the centres as they stood before it.
      for (let s = start; s < end; s++) {
        const row = order[s] as number;
        const label = nearestCentroid(data, row * d, centroids, k, d);
        drawn[s - start] = label;
        if (label !== previous[row]) changed = true;
        previous[row] = label;
      }
      for (let s = start; s < end; s++) {
        const ro = (order[s] as number) * d;
        const label = drawn[s - start] as number;
        const count = (counts[label] as number) + 1;
        counts[label] = count;
        const co = label * d;
        for (let t = 0; t < d; t++) {
          const c = centroids[co + t] as number;
          centroids[co + t] = c + ((data[ro + t] as number) - c) / count;
        }
      }
    }
    if (pass > 0 && !changed) break;
  }

  const labels = new Int32Array(n);
  const inertia = labelRows(batch, centroids, k, labels);
  let moved = 0;
  for (let c = 0; c < k; c++) {
    let shift = 0;
    for (let t = 0; t < d; t++) {
      const q = (centroids[c * d + t] as number) - (state.centroids[c * d + t] as number);
      shift += q * q;
    }
    moved += Math.sqrt(shift);
  }
  return { centroids, counts, k, cols: d, labels, inertia, moved };
}

function checkState(state: CentroidState): void {
  const { centroids, counts, k, cols } = state;
  checkInteger("k", k, 1);
  checkInteger("cols", cols, 1);
  if (centroids.length !== k * cols) {
    throw new KindredError(
      "INVALID_CONFIG",
      `centroids hold ${centroids.length} values, expected k × cols = ${k} × ${cols}`,
      { field: "centroids" },
    );
  }
  for (let i = 0; i < centroids.length; i++) {
    const value = centroids[i] as number;
    if (!Number.isFinite(value)) {
      throw new KindredError(
        "INVALID_CONFIG",
        `centroid ${Math.floor(i / cols) + 1}, column ${(i % cols) + 1} is ${value}; centroids must be finite`,
        { field: "centroids" },
      );
    }
  }
  if (counts.length !== k) {
    throw new KindredError("INVALID_CONFIG", `counts has ${counts.length} entries, expected k = ${k}`, {
      field: "counts",
    });
  }
  for (let c = 0; c < k; c++) {
    const count = counts[c] as number;
    if (!Number.isFinite(count) || count < 0) {
      throw new KindredError(
        "INVALID_CONFIG",
        `count of centroid ${c + 1} is ${count}; counts must be finite and ≥ 0`,
        { field: "counts" },
      );
    }
  }
}
