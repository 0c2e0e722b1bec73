/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder / Hamilton):
 * every part is the floor or the ceiling of its exact quota, and the parts sum to `total`.
 * Ties in the remainders go to the earlier part.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum === 0) return weights.map(() => 0);
  const quotas = weights.map((w) => (total * w) / weightSum);
  const parts = quotas.map((q) => Math.floor(q));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = quotas
    .map((q, i) => ({ i, remainder: q - Math.floor(q) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    left--;
  }
  return parts;
}

/**
 * Per-class split sizes for two classes: `sizes[s]` rows go to split s in total, and class c
 * (with `classCounts[c]` rows) gets `result[c][s]` of them. Class 0's row is a largest-remainder
 * apportionment of its rows over the splits; class 1 gets the complement. Both rows then hold
 * the floor or the ceiling of every proportional quota, so each split's share of positives is
 * within one row of proportional, and all row and split totals are exact.
 */
export function stratifiedSizes(
  classCounts: readonly [number, number],
  sizes: readonly number[],
): number[][] {
  const [count0] = classCounts;
  const class0 = largestRemainder(count0, sizes);
  const class1 = sizes.map((size, s) => size - (class0[s] as number));
  return [class0, class1];
}
