/**
 * t-SNE input affinities as scikit-learn computes them: k = min(n − 1, ⌊3·perplexity + 1⌋)
 * nearest neighbours by squared Euclidean distance, a binary search per point for the Gaussian
 * precision whose conditional distribution has the wanted perplexity, then P = (P + Pᵀ) / ΣP.
 * Returned as a sparse symmetric matrix in CSR form.
 */
export interface SparseP {
  rowStart: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

export function tsneAffinities(data: Float32Array, n: number, d: number, perplexity: number): SparseP {
  const k = Math.min(n - 1, Math.floor(3 * perplexity + 1));
  const neighbours = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  const all = new Float64Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) {
        const diff = (data[i * d + c] as number) - (data[j * d + c] as number);
        sum += diff * diff;
      }
      all[j] = j === i ? Number.POSITIVE_INFINITY : sum;
      order[j] = j;
    }
    selectSmallest(order, all, k);
    for (let m = 0; m < k; m++) {
      neighbours[i * k + m] = order[m] as number;
      distances[i * k + m] = all[order[m] as number] as number;
    }
  }
  const conditional = binarySearchPerplexity(distances, n, k, perplexity);
  // Symmetrize: accumulate P and Pᵀ into per-row maps, then normalize by the total.
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < k; m++) {
      const j = neighbours[i * k + m] as number;
      const p = conditional[i * k + m] as number;
      rows[i]?.set(j, (rows[i]?.get(j) ?? 0) + p);
      rows[j]?.set(i, (rows[j]?.get(i) ?? 0) + p);
    }
  }
  let total = 0;
  let nnz = 0;
  for (const row of rows) {
    nnz += row.size;
    for (const v of row.values()) total += v;
  }
  total = Math.max(total, Number.EPSILON);
  const rowStart = new Int32Array(n + 1);
  const cols = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  rows.forEach((row, i) => {
    rowStart[i] = at;
    for (const [j, v] of [...row].sort((a, b) => a[0] - b[0])) {
      cols[at] = j;
      values[at] = v / total;
      at++;
    }
  });
  rowStart[n] = at;
  return { rowStart, cols, values };
}

/** Moves the k smallest (by `key`) to the front of `order`, sorted ascending. */
function selectSmallest(order: Int32Array, key: Float64Array, k: number): void {
  // Quickselect then sort the first k.
  let lo = 0;
  let hi = order.length - 1;
  while (lo < hi) {
    const pivot = key[order[(lo + hi) >>> 1] as number] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((key[order[i] as number] as number) < pivot) i++;
      while ((key[order[j] as number] as number) > pivot) j--;
      if (i <= j) {
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
        i++;
        j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else break;
  }
  const head = Array.from(order.subarray(0, k)).sort((a, b) => (key[a] as number) - (key[b] as number));
  order.set(head);
}

/** scikit-learn's _binary_search_perplexity: 100 steps, tolerance 1e-5 on the entropy. */
function binarySearchPerplexity(
  distances: Float64Array,
  n: number,
  k: number,
  perplexity: number,
): Float64Array {
  const target = Math.log(perplexity);
  const p = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let beta = 1;
    let betaMin = Number.NEGATIVE_INFINITY;
    let betaMax = Number.POSITIVE_INFINITY;
    for (let step = 0; step < 100; step++) {
      let sum = 0;
      for (let m = 0; m < k; m++) {
        const v = Math.exp(-(distances[i * k + m] as number) * beta);
        p[i * k + m] = v;
        sum += v;
      }
      if (sum === 0) sum = 1e-8;
      let weighted = 0;
      for (let m = 0; m < k; m++) {
        const v = (p[i * k + m] as number) / sum;
        p[i * k + m] = v;
        weighted += (distances[i * k + m] as number) * v;
      }
      const entropy = Math.log(sum) + beta * weighted;
      const diff = entropy - target;
      if (Math.abs(diff) <= 1e-5) break;
      if (diff > 0) {
        betaMin = beta;
        beta = betaMax === Number.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
      } else {
        betaMax = beta;
        beta = betaMin === Number.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
      }
    }
  }
  return p;
}
