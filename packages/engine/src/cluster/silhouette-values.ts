/**
 * Silhouette of each member from its distance sums (scikit-learn's convention): a = mean
 * distance to the other members of its own cluster, b = lowest mean distance to the members of
 * another cluster, s = (b − a) / max(a, b); s = 0 for a member alone in its cluster, when
 * a = b = 0, and when no other cluster has members. `sums` is cluster-major: sums[c·m + s].
 */
export function silhouetteValues(
  sums: Float64Array,
  memberLabels: Int32Array,
  counts: ArrayLike<number>,
  k: number,
): Float64Array {
  const m = memberLabels.length;
  const values = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const own = memberLabels[s] as number;
    const ownCount = counts[own] as number;
    if (ownCount <= 1) continue;
    const a = (sums[own * m + s] as number) / (ownCount - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const count = counts[c] as number;
      if (c === own || count === 0) continue;
      const mean = (sums[c * m + s] as number) / count;
      if (mean < b) b = mean;
    }
    const scale = Math.max(a, b);
    if (b === Number.POSITIVE_INFINITY || scale === 0) continue;
    values[s] = (b - a) / scale;
  }
  return values;
}

/**
 * Σ_c w_c · (mean silhouette of the members in cluster c), w_c = the cluster's share of all
 * rows, renormalized over the clusters that have members. With every row a member this is the
 * plain mean (the exact silhouette score); with a stratified subset it weights each member by
 * (cluster's share of all rows) / (its share of the subset), so over-sampled small clusters do
 * not bias the estimate.
 */
export function weightedMean(
  values: Float64Array,
  memberLabels: Int32Array,
  memberCounts: ArrayLike<number>,
  populationSizes: ArrayLike<number>,
  k: number,
): number {
  const perCluster = new Float64Array(k);
  for (let s = 0; s < values.length; s++) {
    const c = memberLabels[s] as number;
    perCluster[c] = (perCluster[c] as number) + (values[s] as number);
  }
  let weighted = 0;
  let weight = 0;
  for (let c = 0; c < k; c++) {
    const count = memberCounts[c] as number;
    if (count === 0) continue;
    const population = populationSizes[c] as number;
    weighted += (population * (perCluster[c] as number)) / count;
    weight += population;
  }
  return weight === 0 ? 0 : weighted / weight;
}
