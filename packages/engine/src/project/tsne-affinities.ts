import { exactKnn } from "./knn.ts";
import type { Points } from "./types.ts";

/** A sparse n × n matrix in CSR form; columns ascending within a row. */
export interface SparseMatrix {
  rowStart: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

const BINARY_SEARCH_STEPS = 100;
const ENTROPY_TOLERANCE = 1e-5;

/**
 * t-SNE input affinities exactly as scikit-learn's TSNE(method="barnes_hut") builds them:
 * k = min(n − 1, ⌊3·perplexity + 1⌋) exact nearest neighbours by squared Euclidean distance,
 * a binary search per point for the Gaussian precision whose conditional distribution has the
 * wanted perplexity, then P = (P + Pᵀ) / ΣP.
 */
export function jointProbabilities(points: Points, perplexity: number): SparseMatrix {
  const n = points.rows;
  const k = Math.min(n - 1, Math.floor(3 * perplexity + 1));
  const { indices, sqDistances } = exactKnn(points, k);
  const conditional = conditionalProbabilities(sqDistances, n, k, perplexity);
  return symmetrize(indices, conditional, n, k);
}

/**
 * scikit-learn's `_binary_search_perplexity`: for each row, bisect the precision β of
 * exp(−β·d²) over its k neighbours until the entropy is within 1e-5 of log(perplexity)
 * (at most 100 steps). Returns the row-normalised conditional probabilities, n × k.
 */
export function conditionalProbabilities(
  sqDistances: Float64Array,
  n: number,
  k: number,
  perplexity: number,
): Float64Array {
  const target = Math.log(perplexity);
  const p = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let beta = 1;
    let betaMin = Number.NEGATIVE_INFINITY;
    let betaMax = Number.POSITIVE_INFINITY;
    for (let step = 0; step < BINARY_SEARCH_STEPS; step++) {
      let sum = 0;
      for (let m = 0; m < k; m++) {
        const value = Math.exp(-(sqDistances[base + m] as number) * beta);
        p[base + m] = value;
        sum += value;
      }
      if (sum === 0) sum = 1e-8;
      let weighted = 0;
      for (let m = 0; m < k; m++) {
        const value = (p[base + m] as number) / sum;
        p[base + m] = value;
        weighted += (sqDistances[base + m] as number) * value;
      }
      const gap = Math.log(sum) + beta * weighted - target;
      if (Math.abs(gap) <= ENTROPY_TOLERANCE) break;
      if (gap > 0) {
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

/** (P + Pᵀ) / Σ for a kNN-shaped P (row i holds p(j | i) for its k neighbours). */
function symmetrize(neighbours: Int32Array, conditional: Float64Array, n: number, k: number): SparseMatrix {
  // Pᵀ in CSR: for each column j, the rows i that list j, and p(j | i).
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < n * k; e++) {
    const j = neighbours[e] as number;
    inStart[j + 1] = (inStart[j + 1] as number) + 1;
  }
  for (let j = 0; j < n; j++) inStart[j + 1] = (inStart[j + 1] as number) + (inStart[j] as number);
  const inRow = new Int32Array(n * k);
  const inValue = new Float64Array(n * k);
  const fill = inStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < k; m++) {
      const j = neighbours[i * k + m] as number;
      const at = fill[j] as number;
      fill[j] = at + 1;
      inRow[at] = i;
      inValue[at] = conditional[i * k + m] as number;
    }
  }

  const rowStart = new Int32Array(n + 1);
  const cols = new Int32Array(2 * n * k);
  const values = new Float64Array(2 * n * k);
  const sum = new Float64Array(n);
  const seenBy = new Int32Array(n).fill(-1);
  let nnz = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const start = nnz;
    // Row i of P + Pᵀ: p(j | i) over i's neighbours, then p(i | j) over the rows that list i.
    const outEnd = (i + 1) * k;
    const inEnd = inStart[i + 1] as number;
    for (let at = i * k, inAt = inStart[i] as number; at < outEnd || inAt < inEnd; ) {
      let j: number;
      let value: number;
      if (at < outEnd) {
        j = neighbours[at] as number;
        value = conditional[at++] as number;
      } else {
        j = inRow[inAt] as number;
        value = inValue[inAt++] as number;
      }
      if (seenBy[j] !== i) {
        seenBy[j] = i;
        sum[j] = 0;
        cols[nnz++] = j;
      }
      sum[j] = (sum[j] as number) + value;
    }
    cols.subarray(start, nnz).sort();
    for (let at = start; at < nnz; at++) {
      const value = sum[cols[at] as number] as number;
      values[at] = value;
      total += value;
    }
    rowStart[i + 1] = nnz;
  }
  total = Math.max(total, Number.EPSILON);
  for (let at = 0; at < nnz; at++) values[at] = (values[at] as number) / total;
  return { rowStart, cols: cols.slice(0, nnz), values: values.slice(0, nnz) };
}
