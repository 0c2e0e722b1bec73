/*
 * HDBSCAN's first half: core distances and the minimum spanning tree of the mutual reachability
 * graph. Everything stays squared (the square root is monotone, so every comparison is the same)
 * and the n × n matrix is never stored: Prim's algorithm on the dense graph recomputes each
 * distance when it needs it, O(n²·d) time and O(n) memory.
 */
import { exactKnn } from "../project/index.ts";
import { squaredDistanceRows } from "./distance.ts";
import type { Points } from "./types.ts";

/**
 * Squared core distance of each row: the squared distance to its `minSamples`-th nearest
 * neighbour, the row itself counting as the first (so minSamples = 1 gives 0, as scikit-learn).
 * Needs 1 ≤ minSamples ≤ rows. The neighbours are the projections' exact k-NN.
 */
export function squaredCoreDistances(points: Points, minSamples: number): Float64Array {
  const core = new Float64Array(points.rows);
  const k = minSamples - 1; // neighbours other than the row itself
  if (k === 0) return core;
  const { sqDistances } = exactKnn(points, k);
  for (let i = 0; i < points.rows; i++) core[i] = sqDistances[i * k + k - 1] as number;
  return core;
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
