/** n choose 2. */
const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Adjusted Rand index of two labelings from their contingency table (counts[i * kb + j] rows in
 * cluster i of a and j of b): (index − expected) / (max − expected) with index = Σ C(nij, 2),
 * expected = Σ C(ai, 2) · Σ C(bj, 2) / C(n, 2), max = (Σ C(ai, 2) + Σ C(bj, 2)) / 2. 1 for
 * identical partitions (up to renaming), about 0 for independent ones. When max = expected
 * (both labelings are one cluster, or both all singletons) the partitions agree and it is 1,
 * as in scikit-learn's `adjusted_rand_score`.
 */
export function adjustedRandFromCounts(counts: ArrayLike<number>, ka: number, kb: number): number {
  let n = 0;
  let index = 0;
  const rowSums = new Float64Array(ka);
  const colSums = new Float64Array(kb);
  for (let i = 0; i < ka; i++) {
    for (let j = 0; j < kb; j++) {
      const c = counts[i * kb + j]!;
      n += c;
      index += pairs(c);
      rowSums[i]! += c;
      colSums[j]! += c;
    }
  }
  let sumA = 0;
  let sumB = 0;
  for (const a of rowSums) sumA += pairs(a);
  for (const b of colSums) sumB += pairs(b);
  const total = pairs(n);
  const expected = total === 0 ? 0 : (sumA * sumB) / total;
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/** Adjusted Rand index of two labelings of the same rows (labels are non-negative integers). */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ka = 0;
  let kb = 0;
  for (let r = 0; r < a.length; r++) {
    ka = Math.max(ka, a[r]! + 1);
    kb = Math.max(kb, b[r]! + 1);
  }
  const counts = new Float64Array(ka * kb);
  for (let r = 0; r < a.length; r++) counts[a[r]! * kb + b[r]!]! += 1;
  return adjustedRandFromCounts(counts, ka, kb);
}
