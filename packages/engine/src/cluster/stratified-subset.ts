/**
 * How many pool members of each cluster go into the subset: every cluster keeps
 * min(its pool count, perClusterMin); the rest of `target` is shared in proportion to the pool
 * counts (water-filling: a cluster whose proportional share is below its floor is pinned at the
 * floor, one whose share exceeds its pool count at the pool count, and the remainder is shared
 * again), rounded by largest remainder. The total is `target` unless the floors alone exceed it.
 */
export function subsetQuotas(
  poolCounts: ArrayLike<number>,
  target: number,
  perClusterMin: number,
): Int32Array {
  const k = poolCounts.length;
  const quotas = new Int32Array(k);
  let pool = 0;
  for (let c = 0; c < k; c++) pool += poolCounts[c] as number;
  if (target >= pool) {
    for (let c = 0; c < k; c++) quotas[c] = poolCounts[c] as number;
    return quotas;
  }
  const floor = (c: number) => Math.min(poolCounts[c] as number, perClusterMin);
  const pinned = new Float64Array(k).fill(-1);
  const share = new Float64Array(k);
  for (let round = 0; round <= k; round++) {
    let budget = target;
    let free = 0;
    for (let c = 0; c < k; c++) {
      if ((pinned[c] as number) >= 0) budget -= pinned[c] as number;
      else free += poolCounts[c] as number;
    }
    let changed = false;
    for (let c = 0; c < k; c++) {
      if ((pinned[c] as number) >= 0) {
        share[c] = pinned[c] as number;
        continue;
      }
      const proportional = free > 0 ? (Math.max(budget, 0) * (poolCounts[c] as number)) / free : 0;
      share[c] = proportional;
      if (proportional < floor(c)) {
        pinned[c] = floor(c);
        changed = true;
      } else if (proportional > (poolCounts[c] as number)) {
        pinned[c] = poolCounts[c] as number;
        changed = true;
      }
    }
    if (!changed) break;
  }
  let total = 0;
  for (let c = 0; c < k; c++) {
    quotas[c] = Math.max(floor(c), Math.floor(share[c] as number));
    total += quotas[c] as number;
  }
  // Largest remainder up to the target, never above a cluster's pool count.
  const order = Array.from({ length: k }, (_, c) => c).sort(
    (a, b) => ((share[b] as number) % 1) - ((share[a] as number) % 1) || a - b,
  );
  for (const c of order) {
    if (total >= target) break;
    if ((quotas[c] as number) < (poolCounts[c] as number)) {
      quotas[c] = (quotas[c] as number) + 1;
      total++;
    }
  }
  return quotas;
}

/**
 * Pool positions of the subset, ascending: the first `quotas[c]` members of each cluster in pool
 * order (the pool is in random order, so these are a random sample of the cluster's members).
 */
export function subsetMembers(poolLabels: Int32Array, quotas: Int32Array): Int32Array {
  let total = 0;
  for (let c = 0; c < quotas.length; c++) total += quotas[c] as number;
  const members = new Int32Array(total);
  const taken = new Int32Array(quotas.length);
  let m = 0;
  for (let p = 0; p < poolLabels.length && m < total; p++) {
    const c = poolLabels[p] as number;
    if ((taken[c] as number) < (quotas[c] as number)) {
      taken[c] = (taken[c] as number) + 1;
      members[m++] = p;
    }
  }
  return members;
}
