import { UMAP } from "umap-js";
import { checkInteger, checkPoints, checkSeed } from "../points/index.ts";
import { createRng } from "../random/index.ts";
import { exactKnn } from "./knn.ts";
import type { OnProgress, Points } from "./types.ts";
import { checkNotConstant, checkNumber } from "./validate.ts";

export interface UmapOptions {
  /** Size of the local neighbourhood; 2..rows − 1. Default 15. */
  nNeighbors?: number;
  /** Minimum distance between embedded points, in [0, 1] (umap-js's spread is 1). Default 0.1. */
  minDist?: number;
  /**
   * Optimisation epochs. Default as umap-js: 500 up to 2,500 rows, 400 up to 5,000, 300 up to
   * 7,500, else 200.
   */
  nEpochs?: number;
  /** Seeds umap-js's random numbers (neighbour search, initial layout, negative sampling). Default 0. */
  seed?: number;
  /** Share of the epochs done, after every epoch. */
  onProgress?: OnProgress;
}

export interface UmapResult {
  /** rows × 2, row-major. */
  embedding: Float32Array;
}

/**
 * UMAP to 2-D through umap-js (random initial layout, seeded so that equal inputs and seeds give
 * equal maps). Like umap-learn, the neighbour graph is exact below 4,096 rows (brute force,
 * handed to umap-js as precomputed) and approximate (umap-js's NN-descent) above. The rows cross
 * the library boundary as number[][] once each way. `fitAsync` yields between epochs.
 * Errors (INVALID_CONFIG, naming the field): fewer than 3 rows (nNeighbors is at least 2),
 * non-finite or constant embeddings, options out of range.
 */
export async function umap(points: Points, options: UmapOptions = {}): Promise<UmapResult> {
  const { nNeighbors = 15, minDist = 0.1, seed = 0, onProgress } = options;
  checkPoints(points, 3);
  const { rows: n, cols: d, data } = points;
  checkInteger("nNeighbors", nNeighbors, 2, n - 1);
  checkNumber("minDist", minDist, 0, 1);
  const nEpochs = options.nEpochs ?? defaultEpochs(n);
  checkInteger("nEpochs", nEpochs, 1);
  checkSeed(seed);
  checkNotConstant(points);

  const rows: number[][] = new Array(n);
  for (let r = 0; r < n; r++) rows[r] = Array.from(data.subarray(r * d, (r + 1) * d));
  const model = new UMAP({ nComponents: 2, nNeighbors, minDist, nEpochs, random: createRng(seed) });
  if (n < EXACT_KNN_BELOW) {
    // umap-js's neighbour lists start with the row itself at distance 0.
    const others = nNeighbors - 1;
    const { indices, sqDistances } = exactKnn(points, others);
    const knnIndices: number[][] = new Array(n);
    const knnDistances: number[][] = new Array(n);
    for (let r = 0; r < n; r++) {
      knnIndices[r] = [r, ...indices.subarray(r * others, (r + 1) * others)];
      knnDistances[r] = [0, ...Array.from(sqDistances.subarray(r * others, (r + 1) * others), Math.sqrt)];
    }
    model.setPrecomputedKNN(knnIndices, knnDistances);
  }
  const layout = await model.fitAsync(rows, (epoch) => {
    onProgress?.(epoch / nEpochs);
  });
  const embedding = new Float32Array(2 * n);
  for (let r = 0; r < n; r++) {
    const row = layout[r] as number[];
    embedding[2 * r] = row[0] as number;
    embedding[2 * r + 1] = row[1] as number;
  }
  return { embedding };
}

/** umap-learn computes exact neighbours below this many rows. */
const EXACT_KNN_BELOW = 4096;

/** umap-js's own default (`getNEpochs`), made explicit so that progress knows the total. */
function defaultEpochs(n: number): number {
  if (n <= 2500) return 500;
  if (n <= 5000) return 400;
  if (n <= 7500) return 300;
  return 200;
}
