/*
 * HDBSCAN's first half: core distances and the minimum spanning tree of the mutual reachability
 * graph. Everything stays squared (the square root is monotone, so every comparison is the same)
 * and the n × n matrix is never stored: Prim's algorithm on the dense graph recomputes each
 * distance when it needs it, O(n²·d) time and O(n) memory.
 */
import { squaredDistanceRows } from "./distance.ts";
import type { Points } from "./types.ts";

/** Above this many heap entries (rows × (minSamples − 1), 32 MB of Float64) rows keep no heap. */
const SHARED_HEAP_MAX_ENTRIES = 1 << 22;

/**
 * Squared core distance of each row: the squared distance to its `minSamples`-th nearest
 * neighbour, the row itself counting as the first (so minSamples = 1 gives 0, as scikit-learn).
 * Needs 1 ≤ minSamples ≤ rows.
 *
 * Each row keeps a max-heap of the k = minSamples − 1 smallest distances seen, so every pair is
 * computed once and offered to both rows; when rows × k heap entries would not fit
 * `maxHeapEntries`, each row is scanned on its own with one heap (every pair computed twice).
 */
export function squaredCoreDistances(
  points: Points,
  minSamples: number,
  maxHeapEntries = SHARED_HEAP_MAX_ENTRIES,
): Float64Array {
  const { data, rows: n, cols: d } = points;
  const core = new Float64Array(n);
  const k = minSamples - 1; // neighbours other than the row itself
  if (k === 0) return core;
  if (n * k <= maxHeapEntries) {
    const heaps = new Float64Array(n * k);
    const sizes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const io = i * d;
      const ih = i * k;
      for (let j = i + 1; j < n; j++) {
        const dist = squaredDistanceRows(data, io, j * d, d);
        // Most pairs are farther than both heap tops once the heaps fill: skip the call then.
        if (dist < (heaps[ih] as number) || (sizes[i] as number) < k) offer(heaps, ih, sizes, i, k, dist);
        const jh = j * k;
        if (dist < (heaps[jh] as number) || (sizes[j] as number) < k) offer(heaps, jh, sizes, j, k, dist);
      }
      core[i] = heaps[ih] as number;
    }
    return core;
  }
  const heap = new Float64Array(k);
  const size = new Int32Array(1);
  for (let i = 0; i < n; i++) {
    const io = i * d;
    size[0] = 0;
    for (let j = 0; j < n; j++) {
      if (j !== i) offer(heap, 0, size, 0, k, squaredDistanceRows(data, io, j * d, d));
    }
    core[i] = heap[0] as number;
  }
  return core;
}

/**
 * Offers `value` to the max-heap of capacity k at heaps[offset ..] holding sizes[slot] entries:
 * it is kept while the heap is not full or when it is smaller than the top, which it replaces.
 */
function offer(
  heaps: Float64Array,
  offset: number,
  sizes: Int32Array,
  slot: number,
  k: number,
  value: number,
) {
  const size = sizes[slot] as number;
  if (size < k) {
    sizes[slot] = size + 1;
    let c = size;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if ((heaps[offset + p] as number) >= value) break;
      heaps[offset + c] = heaps[offset + p] as number;
      c = p;
    }
    heaps[offset + c] = value;
    return;
  }
  if (value >= (heaps[offset] as number)) return;
  let c = 0;
  for (;;) {
    let child = 2 * c + 1;
    if (child >= k) break;
    if (child + 1 < k && (heaps[offset + child + 1] as number) > (heaps[offset + child] as number)) child++;
    if ((heaps[offset + child] as number) <= value) break;
    heaps[offset + c] = heaps[offset + child] as number;
    c = child;
  }
  heaps[offset + c] = value;
}

/** n − 1 edges in the order Prim's algorithm added them. */
export interface SpanningTree {
  from: Int32Array;
  to: Int32Array;
  /** Squared mutual reachability distance of each edge. */
  weight: Float64Array;
}

/**
 * Minimum spanning tree of the mutual reachability graph, max(core(a), core(b), d(a, b)), by
 * Prim's algorithm from row 0. Ties go to the smaller row (next vertex) and to the tree vertex
 * added first (its parent), so the tree depends only on the input. Needs at least 1 row.
 */
export function mutualReachabilityTree(points: Points, squaredCore: Float64Array): SpanningTree {
  const { data, rows: n, cols: d } = points;
  const from = new Int32Array(Math.max(0, n - 1));
  const to = new Int32Array(from.length);
  const weight = new Float64Array(from.length);
  // Cheapest known connection of each outside vertex to the tree, and where it comes from.
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const bestFrom = new Int32Array(n);
  // Vertices outside the tree in ascending order (rows are read in memory order); each pass
  // drops the vertex the previous pass added while it scans.
  const outside = new Int32Array(n);
  let count = n - 1;
  for (let s = 0; s < count; s++) outside[s] = s + 1;
  let current = 0;
  for (let e = 0; e < n - 1; e++) {
    const co = current * d;
    const cc = squaredCore[current] as number;
    let next = -1;
    let nextWeight = Number.POSITIVE_INFINITY;
    let kept = 0;
    for (let s = 0; s < count; s++) {
      const j = outside[s] as number;
      if (j === current) continue;
      outside[kept++] = j;
      let w = best[j] as number;
      const cj = squaredCore[j] as number;
      const floor = cc > cj ? cc : cj;
      // The core distances bound the edge from below: when they already reach the best known
      // connection, the distance cannot improve it and is not computed.
      if (floor < w) {
        const dist = squaredDistanceRows(data, co, j * d, d);
        const reach = dist > floor ? dist : floor;
        if (reach < w) {
          w = reach;
          best[j] = reach;
          bestFrom[j] = current;
        }
      }
      // Ascending scan and a strict comparison: the smallest row wins a tie.
      if (w < nextWeight) {
        nextWeight = w;
        next = j;
      }
    }
    count = kept;
    from[e] = bestFrom[next] as number;
    to[e] = next;
    weight[e] = nextWeight;
    current = next;
  }
  return { from, to, weight };
}
