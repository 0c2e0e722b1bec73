import { createRng } from "../random/index.ts";
import { lloydFrom, lloydSettings, useElkan } from "./k-means.ts";
import { kMeansPlusPlus } from "./kmeans-plus-plus.ts";
import type { KMeansOptions, KMeansResult, Points } from "./types.ts";

/**
 * K-means for every K of a sweep (points and options already validated). Seeding is shared
 * across K: each restart draws ONE greedy k-means++ sequence of max(ks) centres (2 + ⌊ln max K⌋
 * candidates per centre), and K uses its first K centres. A prefix of a k-means++ sequence is
 * itself a k-means++ seeding, so every K still gets `restarts` proper starts, while seeding costs
 * one sequence per restart instead of one per K and restart. Best start per K by inertia.
 */
export function sweepKMeans(
  points: Points,
  ks: readonly number[],
  options: KMeansOptions,
  onK?: (k: number, result: KMeansResult) => void,
): Map<number, KMeansResult> {
  const { seed, restarts = 3 } = options;
  const settings = lloydSettings(points, options);
  const kMax = Math.max(...ks);
  const rng = createRng(seed);
  const keep = useElkan(points.rows, kMax);
  const seeds = Array.from({ length: restarts }, () => kMeansPlusPlus(points, kMax, rng, keep));
  const results = new Map<number, KMeansResult>();
  for (const k of ks) {
    let best: KMeansResult | undefined;
    for (const sequence of seeds) {
      const run = lloydFrom(points, sequence, k, settings);
      if (best === undefined || run.inertia < best.inertia) best = run;
    }
    results.set(k, best as KMeansResult);
    onK?.(k, best as KMeansResult);
  }
  return results;
}
