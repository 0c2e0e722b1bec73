import type { Points } from "./types.ts";

/** Mean of each cluster's rows (k × cols, Float64 sums) and the cluster sizes; empty → zeros. */
export function clusterMeans(
  points: Points,
  labels: ArrayLike<number>,
  k: number,
): { centroids: Float64Array; sizes: Int32Array } {
  const { data, rows: n, cols: d } = points;
  const centroids = new Float64Array(k * d);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const label = labels[i] as number;
    sizes[label] = (sizes[label] as number) + 1;
    const io = i * d;
    const lo = label * d;
    for (let t = 0; t < d; t++) centroids[lo + t] = (centroids[lo + t] as number) + (data[io + t] as number);
  }
  for (let c = 0; c < k; c++) {
    const size = sizes[c] as number;
    if (size === 0) continue;
    for (let t = 0; t < d; t++) centroids[c * d + t] = (centroids[c * d + t] as number) / size;
  }
  return { centroids, sizes };
}
