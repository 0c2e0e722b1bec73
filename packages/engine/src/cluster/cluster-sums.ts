import { squaredDistanceRows } from "./distance.ts";
import { fillRows, type PairTable, rowStart } from "./pair-table.ts";
import type { Points } from "./types.ts";

/**
 * sums[c·m + s] = Σ distance from member s to the other members in cluster c (cluster-major, so
 * the inner loop writes consecutive members), read from the pair table after filling the rows it
 * lacks. `members` are table positions in ascending order, so member s reads its row of the
 * lower triangle front to back; each pair is read once and credited to both of its ends.
 */
export function tableClusterSums(
  table: PairTable,
  members: Int32Array,
  memberLabels: Int32Array,
  k: number,
): Float64Array {
  fillRows(table, members);
  const { distances } = table;
  const m = members.length;
  const sums = new Float64Array(k * m);
  const own = new Float64Array(k);
  for (let a = 1; a < m; a++) {
    const start = rowStart(members[a] as number);
    const column = (memberLabels[a] as number) * m;
    own.fill(0);
    for (let b = 0; b < a; b++) {
      const distance = distances[start + (members[b] as number)] as number;
      const lb = memberLabels[b] as number;
      own[lb] = (own[lb] as number) + distance;
      sums[column + b] = (sums[column + b] as number) + distance;
    }
    for (let c = 0; c < k; c++) sums[c * m + a] = (sums[c * m + a] as number) + (own[c] as number);
  }
  return sums;
}

const TILE = 128;

/**
 * The same sums over all rows for several labellings at once, recomputing the distances tile by
 * tile (for exact scores when a pair table would not fit in memory): each distance is computed
 * once and credited to every labelling. `ks[l]` is the cluster count of labelling l; layout
 * cluster-major as above (sums[c·rows + i]).
 */
export function blockwiseClusterSums(points: Points, labelings: Int32Array[], ks: number[]): Float64Array[] {
  const { data, rows: n, cols: d } = points;
  const sums = labelings.map((_, l) => new Float64Array(n * (ks[l] as number)));
  const own = new Float64Array(Math.max(...ks));
  const tile = new Float64Array(TILE * TILE);
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const i1 = Math.min(n, i0 + TILE);
    for (let j0 = i0; j0 < n; j0 += TILE) {
      const j1 = Math.min(n, j0 + TILE);
      fillTile(data, d, i0, i1, j0, j1, tile);
      for (let l = 0; l < labelings.length; l++) {
        const labels = labelings[l] as Int32Array;
        const k = ks[l] as number;
        const s = sums[l] as Float64Array;
        for (let i = i0; i < i1; i++) {
          const to = (i - i0) * TILE - j0;
          const column = (labels[i] as number) * n;
          own.fill(0, 0, k);
          for (let j = Math.max(j0, i + 1); j < j1; j++) {
            const distance = tile[to + j] as number;
            const lj = labels[j] as number;
            own[lj] = (own[lj] as number) + distance;
            s[column + j] = (s[column + j] as number) + distance;
          }
          for (let c = 0; c < k; c++) s[c * n + i] = (s[c * n + i] as number) + (own[c] as number);
        }
      }
    }
  }
  return sums;
}

/**
 * tile[(i − i0)·TILE + (j − j0)] = distance(i, j) for i0 ≤ i < i1, j0 ≤ j < j1, j > i. Off the
 * diagonal, four rows at a time share each loaded value of row j.
 */
function fillTile(
  x: Float32Array,
  d: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  tile: Float64Array,
): void {
  let i = i0;
  if (j0 >= i1) {
    for (; i + 3 < i1; i += 4) {
      const o0 = i * d;
      const o1 = o0 + d;
      const o2 = o1 + d;
      const o3 = o2 + d;
      const t0 = (i - i0) * TILE - j0;
      for (let j = j0; j < j1; j++) {
        const jo = j * d;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let t = 0; t < d; t++) {
          const v = x[jo + t] as number;
          const q0 = (x[o0 + t] as number) - v;
          const q1 = (x[o1 + t] as number) - v;
          const q2 = (x[o2 + t] as number) - v;
          const q3 = (x[o3 + t] as number) - v;
          s0 += q0 * q0;
          s1 += q1 * q1;
          s2 += q2 * q2;
          s3 += q3 * q3;
        }
        tile[t0 + j] = Math.sqrt(s0);
        tile[t0 + TILE + j] = Math.sqrt(s1);
        tile[t0 + 2 * TILE + j] = Math.sqrt(s2);
        tile[t0 + 3 * TILE + j] = Math.sqrt(s3);
      }
    }
  }
  for (; i < i1; i++) {
    const to = (i - i0) * TILE - j0;
    for (let j = Math.max(j0, i + 1); j < j1; j++)
      tile[to + j] = Math.sqrt(squaredDistanceRows(x, i * d, j * d, d));
  }
}
