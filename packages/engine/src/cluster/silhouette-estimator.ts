import { KindredError } from "../errors/index.ts";
import { checkInteger, checkPoints, checkSeed } from "../points/index.ts";
import { createRng } from "../random/index.ts";
import { blockwiseClusterSums, tableClusterSums } from "./cluster-sums.ts";
import { createPairTable, gatherRows, type PairTable, pairTableBytes } from "./pair-table.ts";
import { silhouetteValues, weightedMean } from "./silhouette-values.ts";
import { subsetMembers, subsetQuotas } from "./stratified-subset.ts";
import type { Points } from "./types.ts";
import { checkClusterCount, checkLabels, countNonEmpty } from "./validate.ts";

/** Largest pair table kept in memory: 512 MiB of Float32, i.e. up to 16,384 rows. */
export const MAX_TABLE_BYTES = 512 * 1024 * 1024;

export interface SilhouetteOptions {
  /** Up to this many rows the score is exact. Default 20,000. */
  exactUpTo?: number;
  /** Above `exactUpTo`: rows drawn once (at random) whose pairwise distances are kept. Default 10,000. */
  poolSize?: number;
  /** Each cluster keeps at least min(its pool count, perClusterMin) members in the subset. Default 200. */
  perClusterMin?: number;
  /** Members scored per labelling, drawn from the pool (stratified by cluster). Default 5,000. */
  subsetSize?: number;
  /** Largest pair table kept in memory; above it exact scores are computed blockwise. Default 512 MiB. */
  maxTableBytes?: number;
  seed: number;
}

export interface SilhouetteEstimate {
  /** Mean silhouette (exact) or its stratified estimate. */
  silhouette: number;
  /** True when every row was scored against every other row. */
  exact: boolean;
  /** Rows whose silhouette was computed. */
  sampled: number;
  /** Of which in each cluster (index = label). */
  sampledPerCluster: number[];
}

export interface SilhouetteEstimator {
  /**
   * "table": exact, all pairwise distances kept (rows ≤ exactUpTo and the table ≤ 512 MiB);
   * "blockwise": exact, distances recomputed per call (rows ≤ exactUpTo, table too large);
   * "sampled": a pool's pairwise distances kept, a stratified subset scored per labelling.
   */
  readonly mode: "table" | "blockwise" | "sampled";
  score(labels: ArrayLike<number>): SilhouetteEstimate;
  /** Several labellings; in blockwise mode each distance is computed once for all of them. */
  scoreMany(labelings: readonly ArrayLike<number>[]): SilhouetteEstimate[];
}

/**
 * Silhouette scores for many labellings of the same points (a K sweep), reusing distances.
 *
 * Up to `exactUpTo` rows the score is exact (scikit-learn's `silhouette_score` without
 * sampling): every pairwise distance is computed once into a packed Float32 triangle when it
 * fits in `maxTableBytes` (512 MiB: up to 16,384 rows), otherwise recomputed tile by tile on
 * each call (`scoreMany` shares one pass among several labellings). Cost per labelling is
 * O(rows²): about 0.5 s for 10,000 rows once the table exists.
 *
 * Above `exactUpTo`, a pool of `poolSize` rows is drawn at random once, and its pairwise
 * distances are computed at most once (lazily: only the rows some subset uses). Each labelling
 * is then scored on a stratified subset of the pool: every cluster keeps at least
 * min(pool count, perClusterMin) members, the rest of `subsetSize` is shared in proportion to
 * the pool counts. s(i) is computed within the subset (a(i), b(i) are mean distances to the
 * subset's members of each cluster), and the per-cluster means of s are averaged with the
 * clusters' shares of ALL rows — i.e. each member weighs (cluster's share of the rows) / (its
 * share of the subset). Small clusters are thus measured on enough members, yet count no more
 * than their size warrants, and a cluster the pool over- or under-represents by chance is
 * reweighted to its true size. Clusters without a pool member are left out of the average.
 */
export function createSilhouetteEstimator(points: Points, options: SilhouetteOptions): SilhouetteEstimator {
  const {
    exactUpTo = 20_000,
    poolSize = 10_000,
    perClusterMin = 200,
    subsetSize = 5_000,
    maxTableBytes = MAX_TABLE_BYTES,
    seed,
  } = options;
  checkPoints(points);
  checkSeed(seed);
  checkInteger("exactUpTo", exactUpTo, 0);
  checkInteger("poolSize", poolSize, 2);
  checkInteger("perClusterMin", perClusterMin, 1);
  checkInteger("subsetSize", subsetSize, 2);
  checkInteger("maxTableBytes", maxTableBytes, 0);
  const { data, rows: n, cols: d } = points;

  if (n <= exactUpTo && pairTableBytes(n) > maxTableBytes) {
    const scoreMany = (labelings: readonly ArrayLike<number>[]): SilhouetteEstimate[] => {
      const checked = labelings.map((labels) => checkScorable(labels, n));
      const sums = blockwiseClusterSums(
        points,
        checked.map((c) => c.labels),
        checked.map((c) => c.k),
      );
      return checked.map((c, l) => {
        const values = silhouetteValues(sums[l] as Float64Array, c.labels, c.sizes, c.k);
        return {
          silhouette: weightedMean(values, c.labels, c.sizes, c.sizes, c.k),
          exact: true,
          sampled: n,
          sampledPerCluster: Array.from(c.sizes),
        };
      });
    };
    return { mode: "blockwise", score: (labels) => scoreMany([labels])[0] as SilhouetteEstimate, scoreMany };
  }

  const exactMode = n <= exactUpTo;
  const poolRows = exactMode ? identity(n) : drawPool(n, Math.min(poolSize, n), seed);
  const m = poolRows.length;
  if (pairTableBytes(m) > maxTableBytes) {
    throw new KindredError(
      "INVALID_CONFIG",
      `poolSize ${poolSize} needs a ${Math.round(pairTableBytes(m) / 2 ** 20)} MiB distance table, above maxTableBytes (${Math.round(maxTableBytes / 2 ** 20)} MiB)`,
      { field: "poolSize" },
    );
  }
  let table: PairTable | undefined;
  const pairTable = (): PairTable => {
    table ??= createPairTable(exactMode ? data : gatherRows(data, d, poolRows), m, d);
    return table;
  };

  const score = (labels: ArrayLike<number>): SilhouetteEstimate => {
    const { k, sizes } = checkScorable(labels, n);
    const poolLabels = new Int32Array(m);
    const poolCounts = new Int32Array(k);
    for (let p = 0; p < m; p++) {
      const label = labels[poolRows[p] as number] as number;
      poolLabels[p] = label;
      poolCounts[label] = (poolCounts[label] as number) + 1;
    }
    const quotas = exactMode ? poolCounts : subsetQuotas(poolCounts, subsetSize, perClusterMin);
    const members = exactMode ? identity(m) : subsetMembers(poolLabels, quotas);
    const memberLabels = new Int32Array(members.length);
    for (let s = 0; s < members.length; s++) memberLabels[s] = poolLabels[members[s] as number] as number;
    const sums = tableClusterSums(pairTable(), members, memberLabels, k);
    const values = silhouetteValues(sums, memberLabels, quotas, k);
    return {
      silhouette: weightedMean(values, memberLabels, quotas, sizes, k),
      exact: members.length === n,
      sampled: members.length,
      sampledPerCluster: Array.from(quotas),
    };
  };
  return { mode: exactMode ? "table" : "sampled", score, scoreMany: (labelings) => labelings.map(score) };
}

/** Labels valid for a silhouette: one per row, 2 ≤ non-empty clusters ≤ rows − 1. */
function checkScorable(
  labels: ArrayLike<number>,
  n: number,
): { labels: Int32Array; k: number; sizes: Int32Array } {
  const { k, sizes } = checkLabels(labels, n);
  checkClusterCount("silhouette", countNonEmpty(sizes), n);
  return { labels: labels instanceof Int32Array ? labels : Int32Array.from(labels), k, sizes };
}

function identity(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** `size` distinct rows in random order (partial Fisher–Yates, seeded). */
function drawPool(n: number, size: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const rows = identity(n);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const tmp = rows[i] as number;
    rows[i] = rows[j] as number;
    rows[j] = tmp;
  }
  return rows.slice(0, size);
}
