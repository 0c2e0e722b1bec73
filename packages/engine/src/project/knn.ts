import type { Points } from "./types.ts";

/** Each row's k nearest other rows: row-major n × k, nearest first. */
export interface Neighbours {
  k: number;
  indices: Int32Array;
  /** Squared Euclidean distances, matching `indices`. */
  sqDistances: Float64Array;
}

/**
 * Exact k nearest neighbours by brute force (a row is never its own neighbour; equal distances
 * keep the lower row index). O(n² d) with an early exit once a partial distance exceeds the
 * current k-th best: about a second for 10,000 × 32, which is the most t-SNE is run on.
 */
export function exactKnn(points: Points, k: number): Neighbours {
  const { rows: n, cols: d } = points;
  const x = Float64Array.from(points.data);
  const indices = new Int32Array(n * k);
  const sqDistances = new Float64Array(n * k);
  // A max-heap of the best k so far: the root is the current k-th nearest.
  const heapD = new Float64Array(k);
  const heapI = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const bi = i * d;
    let size = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const bj = j * d;
      const bound = size === k ? (heapD[0] as number) : Number.POSITIVE_INFINITY;
      let sum = 0;
      let c = 0;
      while (c < d) {
        const end = Math.min(c + 8, d);
        for (; c < end; c++) {
          const diff = (x[bi + c] as number) - (x[bj + c] as number);
          sum += diff * diff;
        }
        if (sum >= bound) break;
      }
      if (sum >= bound) continue;
      if (size < k) siftUp(heapD, heapI, size++, sum, j);
      else siftDown(heapD, heapI, k, sum, j);
    }
    // Pop the largest to the back: the row ends up sorted nearest first.
    for (let m = k - 1; m >= 0; m--) {
      indices[i * k + m] = heapI[0] as number;
      sqDistances[i * k + m] = heapD[0] as number;
      const lastD = heapD[m] as number;
      const lastI = heapI[m] as number;
      if (m > 0) siftDown(heapD, heapI, m, lastD, lastI);
    }
  }
  return { k, indices, sqDistances };
}

/** Appends (value, index) at `at` and restores the max-heap. */
function siftUp(heapD: Float64Array, heapI: Int32Array, at: number, value: number, index: number): void {
  let child = at;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if ((heapD[parent] as number) >= value) break;
    heapD[child] = heapD[parent] as number;
    heapI[child] = heapI[parent] as number;
    child = parent;
  }
  heapD[child] = value;
  heapI[child] = index;
}

/** Replaces the root of a max-heap of `size` with (value, index) and restores the order. */
function siftDown(heapD: Float64Array, heapI: Int32Array, size: number, value: number, index: number): void {
  let parent = 0;
  for (;;) {
    let child = 2 * parent + 1;
    if (child >= size) break;
    if (child + 1 < size && (heapD[child + 1] as number) > (heapD[child] as number)) child++;
    if ((heapD[child] as number) <= value) break;
    heapD[parent] = heapD[child] as number;
    heapI[parent] = heapI[child] as number;
    parent = child;
  }
  heapD[parent] = value;
  heapI[parent] = index;
}
