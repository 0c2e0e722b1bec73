/**
 * The percentile rank of each value among the values present (NaN = missing, stays NaN):
 * average rank of its tie group (1-based) divided by the number of present values, as pandas'
 * `rank(pct=True)` computes it. The smallest of n distinct values gets 1/n, the largest 1.
 */
export function percentileRank(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  const present: number[] = [];
  for (let r = 0; r < values.length; r++) if (!Number.isNaN(values[r]!)) present.push(r);
  const order = Int32Array.from(present).sort((a, b) => values[a]! - values[b]! || a - b);
  const n = order.length;
  for (let start = 0; start < n; ) {
    const v = values[order[start]!]!;
    let end = start + 1;
    while (end < n && values[order[end]!] === v) end++;
    // Positions start..end−1 hold ranks start+1..end: their average is (start + 1 + end) / 2.
    const rank = (start + 1 + end) / 2 / n;
    for (let i = start; i < end; i++) out[order[i]!] = rank;
    start = end;
  }
  return out;
}
