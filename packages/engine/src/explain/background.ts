import { kMeans } from "../cluster/index.ts";
import { KindredError } from "../errors/index.ts";
import type { Matrix } from "../model/index.ts";
import { gatherRows, sampleRows } from "../project/index.ts";
import type { Background } from "./types.ts";
import { checkMatrix, checkPositiveInteger } from "./validate.ts";

export interface BackgroundOptions {
  /** Background rows kept. Default 20. */
  size?: number;
  /**
   * `kmeans` (default): k-means over the rows, each cluster represented by its member nearest
   * the centroid (a real customer, so one-hot groups stay valid) weighted by the cluster's share;
   * `sample`: a seeded uniform sample with equal weights.
   */
  method?: "kmeans" | "sample";
  seed?: number;
  /** k-means runs on at most this many rows (a seeded sample). Default 10,000. */
  maxRows?: number;
}

export const DEFAULT_BACKGROUND_OPTIONS = { size: 20, method: "kmeans", seed: 42, maxRows: 10_000 } as const;

/**
 * A small weighted background standing in for the population (typically the training rows):
 * SHAP's cost grows with its size, and a few dozen well-chosen rows summarize it. When the rows
 * hold no more distinct values than `size`, they are all kept, weighted by multiplicity (exact).
 */
export function summarizeBackground(
  x: Matrix,
  rows: ArrayLike<number>,
  options: BackgroundOptions = {},
): Background {
  checkMatrix(x, "x");
  const size = options.size ?? DEFAULT_BACKGROUND_OPTIONS.size;
  const method = options.method ?? DEFAULT_BACKGROUND_OPTIONS.method;
  const seed = options.seed ?? DEFAULT_BACKGROUND_OPTIONS.seed;
  const maxRows = options.maxRows ?? DEFAULT_BACKGROUND_OPTIONS.maxRows;
  checkPositiveInteger(size, "background.size");
  checkPositiveInteger(maxRows, "background.maxRows");
  if (method !== "kmeans" && method !== "sample") {
    throw new KindredError(
      "INVALID_CONFIG",
      `background.method: must be kmeans or sample, got "${String(method)}"`,
      {
        field: "background.method",
      },
    );
  }
  if (rows.length === 0) {
    throw new KindredError("INVALID_CONFIG", "background: no rows to draw it from", { field: "background" });
  }
  const distinct = distinctRows(x, rows, size);
  if (distinct) {
    return {
      data: gatherRows(x, distinct.rows),
      weights: Float64Array.from(distinct.counts, (c) => c / rows.length),
      rows: Int32Array.from(distinct.rows),
      method: "all",
    };
  }
  if (method === "sample") {
    const picked = Int32Array.from(sampleRows(rows.length, size, seed), (i) => rows[i] as number);
    return {
      data: gatherRows(x, picked),
      weights: new Float64Array(size).fill(1 / size),
      rows: picked,
      method,
    };
  }
  const pool = Int32Array.from(sampleRows(rows.length, maxRows, seed), (i) => rows[i] as number);
  const points = gatherRows(x, pool);
  const { labels, centroids } = kMeans(points, size, { seed, restarts: 1, maxIterations: 100 });
  const nearest = new Int32Array(size).fill(-1);
  const best = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const counts = new Float64Array(size);
  const { cols } = x;
  for (let i = 0; i < pool.length; i++) {
    const k = labels[i] as number;
    counts[k] = (counts[k] as number) + 1;
    let d = 0;
    for (let c = 0; c < cols; c++) {
      const diff = (points.data[i * cols + c] as number) - (centroids[k * cols + c] as number);
      d += diff * diff;
    }
    if (d < (best[k] as number)) {
      best[k] = d;
      nearest[k] = i;
    }
  }
  const kept = [...nearest.keys()].filter((k) => (nearest[k] as number) >= 0);
  const picked = Int32Array.from(kept, (k) => pool[nearest[k] as number] as number);
  return {
    data: gatherRows(x, picked),
    weights: Float64Array.from(kept, (k) => (counts[k] as number) / pool.length),
    rows: picked,
    method,
  };
}

/**
 * Distinct rows (first occurrence) and how often each occurs, or null as soon as there are more
 * than `limit` of them.
 */
function distinctRows(
  x: Matrix,
  rows: ArrayLike<number>,
  limit: number,
): { rows: number[]; counts: number[] } | null {
  const index = new Map<string, number>();
  const firsts: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    const key = x.data.subarray(r * x.cols, (r + 1) * x.cols).join(",");
    const at = index.get(key);
    if (at !== undefined) counts[at] = (counts[at] as number) + 1;
    else {
      if (firsts.length === limit) return null;
      index.set(key, firsts.length);
      firsts.push(r);
      counts.push(1);
    }
  }
  return { rows: firsts, counts };
}
