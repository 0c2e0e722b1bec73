import { KindredError } from "../errors/index.ts";
import { checkInteger, checkPoints, checkSeed } from "../points/index.ts";
import { createRng } from "../random/index.ts";
import { countDistinctRows } from "./distinct.ts";
import { kMeansPlusPlus, type Seeding } from "./kmeans-plus-plus.ts";
import { lloydElkan } from "./lloyd-elkan.ts";
import { lloydHamerly } from "./lloyd-hamerly.ts";
import type { KMeansOptions, KMeansResult, Points } from "./types.ts";
import { checkNonNegative } from "./validate.ts";

/** Above this many rows × k bound values (64 MB of Float64) Elkan gives way to Hamerly. */
const ELKAN_MAX_BOUNDS = 1 << 23;

/**
 * K-means: greedy k-means++ seeding, Lloyd iterations accelerated with Elkan's bounds (Hamerly's
 * when rows × k is very large), best of `restarts` starts by inertia (ties keep the earlier
 * start). Deterministic for a given seed.
 *
 * Errors (INVALID_CONFIG): k outside 1..rows, fewer distinct rows than k (constant embeddings),
 * a non-finite value (naming its row), bad options.
 */
export function kMeans(points: Points, k: number, options: KMeansOptions): KMeansResult {
  checkPoints(points);
  checkK(k, points.rows);
  checkKMeansOptions(options);
  checkDistinct(points, k);
  return runKMeans(points, k, options);
}

/** kMeans on already validated points. */
export function runKMeans(points: Points, k: number, options: KMeansOptions): KMeansResult {
  const { seed, restarts = 3 } = options;
  const settings = lloydSettings(points, options);
  const rng = createRng(seed);
  let best: KMeansResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = lloydFrom(points, kMeansPlusPlus(points, k, rng, useElkan(points.rows, k)), k, settings);
    if (best === undefined || run.inertia < best.inertia) best = run;
  }
  return best as KMeansResult;
}

export interface LloydSettings {
  maxIterations: number;
  /** `tolerance` × mean column variance (scikit-learn's scaling). */
  toleranceAbs: number;
}

export function lloydSettings(points: Points, options: KMeansOptions): LloydSettings {
  const { maxIterations = 300, tolerance = 1e-4 } = options;
  return { maxIterations, toleranceAbs: tolerance * meanColumnVariance(points) };
}

/** Elkan's rows × k bounds fit (≤ 64 MB); otherwise Hamerly's O(rows) bounds are used. */
export function useElkan(rows: number, k: number): boolean {
  return rows * k <= ELKAN_MAX_BOUNDS;
}

/**
 * Lloyd iterations from the first k seeds: Elkan's bounds when the seeding kept its distances
 * (see `useElkan`), Hamerly's otherwise.
 */
export function lloydFrom(
  points: Points,
  seeding: Seeding,
  k: number,
  settings: LloydSettings,
): KMeansResult {
  const lloyd = seeding.distances.length > 0 ? lloydElkan : lloydHamerly;
  return lloyd(points, seeding, k, settings.maxIterations, settings.toleranceAbs);
}

export function checkKMeansOptions(options: KMeansOptions): void {
  const { seed, restarts = 3, maxIterations = 300, tolerance = 1e-4 } = options;
  checkSeed(seed);
  checkInteger("restarts", restarts, 1);
  checkInteger("maxIterations", maxIterations, 1);
  checkNonNegative("tolerance", tolerance);
}

export function checkK(k: number, rows: number): void {
  if (!Number.isInteger(k) || k < 1 || k > rows) {
    throw new KindredError(
      "INVALID_CONFIG",
      `k must be an integer between 1 and the number of rows (${rows}), got k = ${k}`,
      { field: "k" },
    );
  }
}

/** Constant (or nearly constant) embeddings cannot hold k clusters. */
export function checkDistinct(points: Points, k: number): void {
  const distinct = countDistinctRows(points, k);
  if (distinct < k) {
    throw new KindredError(
      "INVALID_CONFIG",
      `k = ${k} clusters need ${k} distinct points, but the ${points.rows} rows hold only ${distinct} distinct points`,
      { field: "k" },
    );
  }
}

/** Mean over columns of the column variance (scales the convergence tolerance, as scikit-learn). */
function meanColumnVariance(x: Points): number {
  const { data, rows: n, cols: d } = x;
  const mean = new Float64Array(d);
  const square = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) mean[t] = (mean[t] as number) + (data[i * d + t] as number);
  }
  for (let t = 0; t < d; t++) mean[t] = (mean[t] as number) / n;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const diff = (data[i * d + t] as number) - (mean[t] as number);
      square[t] = (square[t] as number) + diff * diff;
    }
  }
  let total = 0;
  for (let t = 0; t < d; t++) total += (square[t] as number) / n;
  return total / d;
}
