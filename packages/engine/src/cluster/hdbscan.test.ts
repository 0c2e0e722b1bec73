import { describe, expect, it } from "vitest";
import { createRng } from "../random/index.ts";
import { failure } from "../test-support/errors.ts";
import { mutualReachabilityTree, squaredCoreDistances } from "./hdbscan-mst.ts";
import { type HdbscanOptions, type HdbscanResult, hdbscan, type Points } from "./index.ts";
import { gaussianMixture } from "./test-fixtures.ts";

const line = (values: number[]): Points => ({
  data: Float32Array.from(values),
  rows: values.length,
  cols: 1,
});

function expectStabilities(result: HdbscanResult, expected: number[]) {
  expect(result.stability).toHaveLength(expected.length);
  expected.forEach((value, c) => {
    expect(Math.abs((result.stability[c] as number) - value)).toBeLessThan(1e-12);
  });
}

/** The same partition up to renaming, in row order (b's row k is a's row order[k]). */
function samePartition(a: Int32Array, b: Int32Array, order: number[]): boolean {
  const rename = new Map<number, number>();
  return order.every((row, k) => {
    const la = a[row] as number;
    const lb = b[k] as number;
    if (la === -1 || lb === -1) return la === lb;
    if (!rename.has(lb)) rename.set(lb, la);
    return rename.get(lb) === la;
  });
}

function permuteRows(points: Points, order: number[]): Points {
  const { cols } = points;
  const data = new Float32Array(points.data.length);
  order.forEach((row, k) => {
    data.set(points.data.subarray(row * cols, (row + 1) * cols), k * cols);
  });
  return { data, rows: points.rows, cols };
}

describe("hdbscan", () => {
  it("clusters a small line exactly (minSamples 1: single linkage)", () => {
    // MST of [0, 1, 2, 10, 11, 12, 50]: four edges of 1, 2–10 (8), 12–50 (38). The root sheds 50
    // at λ = 1/38, splits at 8 into {0, 1, 2} and {10, 11, 12} (born at λ = 1/8), and each
    // dissolves at distance 1 (λ = 1): stability 3 × (1 − 1/8) = 21/8 each.
    const result = hdbscan(line([0, 1, 2, 10, 11, 12, 50]), { minClusterSize: 2, minSamples: 1 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 1, 1, 1, -1]);
    expectStabilities(result, [21 / 8, 21 / 8]);
    expect(Array.from(result.probabilities)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(result.clusterCount).toBe(2);
    expect(result.noiseCount).toBe(1);
  });

  it("uses core distances with minSamples defaulting to minClusterSize", () => {
    // minSamples = 3 counts the row itself: core distances 2, 1, 2, 2, 1, 2, 39 (50's second
    // nearest other row is 11). Mutual reachability MST: four edges of 2, then 8, then 39 (50–12:
    // max(2, 39, 38)). The triples are born at λ = 1/8 and dissolve at 1/2: 3 × (1/2 − 1/8) = 9/8.
    const result = hdbscan(line([0, 1, 2, 10, 11, 12, 50]), { minClusterSize: 3 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 1, 1, 1, -1]);
    expectStabilities(result, [9 / 8, 9 / 8]);
  });

  it("drops groups smaller than minClusterSize; allowSingleCluster lets the root be the cluster", () => {
    // [0, 1, 2, 10, 11, 50], minSamples 1: MST edges 1, 1, 1, 8 (2–10), 39 (11–50).
    const points = line([0, 1, 2, 10, 11, 50]);
    // minClusterSize 2: {0, 1, 2} and {10, 11} split off at λ = 1/8 and dissolve at λ = 1:
    // stabilities 3 × 7/8 and 2 × 7/8.
    const two = hdbscan(points, { minClusterSize: 2, minSamples: 1 });
    expect(Array.from(two.labels)).toEqual([0, 0, 0, 1, 1, -1]);
    expectStabilities(two, [21 / 8, 7 / 4]);
    // The root's own stability (5 × 1/8 + 1/39) is smaller than 21/8 + 7/4: still two clusters.
    const twoSingle = hdbscan(points, { minClusterSize: 2, minSamples: 1, allowSingleCluster: true });
    expect(Array.from(twoSingle.labels)).toEqual(Array.from(two.labels));

    // minClusterSize 3: 50 falls out at λ = 1/39, 10 and 11 at 1/8, and {0, 1, 2} at 1 — the
    // root never splits, so without the root there is no cluster at all.
    const three = hdbscan(points, { minClusterSize: 3, minSamples: 1 });
    expect(Array.from(three.labels)).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(three.clusterCount).toBe(0);
    expect(three.noiseCount).toBe(6);
    expect(three.stability).toEqual([]);
    expect(Array.from(three.probabilities)).toEqual([0, 0, 0, 0, 0, 0]);
    // With the root allowed: stability 3 × 1 + 2 × 1/8 + 1/39. As in the hdbscan library, the
    // members of a root cluster are the rows still in it at its last λ (here 1): 0, 1, 2.
    for (const clusterSelectionMethod of ["eom", "leaf"] as const) {
      const single = hdbscan(points, {
        minClusterSize: 3,
        minSamples: 1,
        allowSingleCluster: true,
        clusterSelectionMethod,
      });
      expect(Array.from(single.labels)).toEqual([0, 0, 0, -1, -1, -1]);
      expectStabilities(single, [3 + 2 / 8 + 1 / 39]);
      expect(Array.from(single.probabilities)).toEqual([1, 1, 1, 0, 0, 0]);
    }
  });

  it("gives membership probabilities λ_p / largest λ of the cluster", () => {
    // [0, 1, 2, 4, 20, 21, 22, 60], minClusterSize 3, minSamples 1: 60 falls out at 1/38; the
    // split at 16 gives A = {0, 1, 2, 4} and B = {20, 21, 22} (born at 1/16). A sheds 4 at
    // λ = 1/2 and dissolves at 1: stability (1/2 − 1/16) + 3 × (1 − 1/16) = 13/4; B: 3 × 15/16.
    // Row 4's probability is (1/2) / 1.
    const result = hdbscan(line([0, 1, 2, 4, 20, 21, 22, 60]), { minClusterSize: 3, minSamples: 1 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, -1]);
    expectStabilities(result, [13 / 4, 45 / 16]);
    expect(Array.from(result.probabilities)).toEqual([1, 1, 1, 0.5, 1, 1, 1, 0]);
  });

  it("selects the big cluster by excess of mass and its two sub-blobs by leaf", () => {
    // [-3, 0, 1, 2, 3.5, 4.5, 5.5, 100, 101, 102], minClusterSize 3, minSamples 1.
    // The root splits at 94.5 into G = {-3 … 5.5} and H = {100, 101, 102}, born at λ = 2/189.
    // G sheds -3 at λ = 1/3, then splits at 1.5 into S1 = {0, 1, 2} and S2 = {3.5, 4.5, 5.5}
    // (born at 2/3), which dissolve at λ = 1.
    //   stability(G)  = (1/3 − 2/189) + 6 × (2/3 − 2/189) = 805/189 = 115/27
    //   stability(S1) = stability(S2) = 3 × (1 − 2/3) = 1;  stability(H) = 3 × (1 − 2/189) = 187/63
    // EOM keeps G (115/27 > 1 + 1); leaf takes S1, S2 and H, and -3 becomes noise.
    const points = line([-3, 0, 1, 2, 3.5, 4.5, 5.5, 100, 101, 102]);
    const eom = hdbscan(points, { minClusterSize: 3, minSamples: 1 });
    expect(Array.from(eom.labels)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expectStabilities(eom, [115 / 27, 187 / 63]);
    // G's largest λ is its split (2/3): -3 gets (1/3) / (2/3); the rest reach λ = 1, clipped to 1.
    expect(Array.from(eom.probabilities)).toEqual([0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

    const leaf = hdbscan(points, { minClusterSize: 3, minSamples: 1, clusterSelectionMethod: "leaf" });
    expect(Array.from(leaf.labels)).toEqual([-1, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expectStabilities(leaf, [1, 1, 187 / 63]);
    expect(leaf.probabilities[0]).toBe(0);
    expect(leaf.noiseCount).toBe(1);
  });

  it("finds two blobs and leaves exactly the far outliers as noise", () => {
    // Gaussian-ish blobs from Box–Muller on the Halton sequence (bases 2 and 3): 30 rows at
    // (0, 0) with spread 1, 30 rows at (10, 3) with spread 0.6, then 3 far outliers.
    const halton = (i: number, base: number) => {
      let f = 1;
      let r = 0;
      for (let k = i; k > 0; k = Math.floor(k / base)) {
        f /= base;
        r += f * (k % base);
      }
      return r;
    };
    const rows: number[] = [];
    for (const [cx, cy, spread] of [
      [0, 0, 1],
      [10, 3, 0.6],
    ] as const) {
      for (let i = 1; i <= 30; i++) {
        const radius = spread * Math.sqrt(-2 * Math.log(halton(i, 2)));
        const angle = 2 * Math.PI * halton(i, 3);
        rows.push(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
      }
    }
    rows.push(5, 25, -20, -15, 40, 5);
    const points: Points = { data: Float32Array.from(rows), rows: 63, cols: 2 };
    const expected = [...Array(30).fill(0), ...Array(30).fill(1), -1, -1, -1];
    for (const options of [
      { minClusterSize: 5 },
      { minClusterSize: 10 },
      { minClusterSize: 5, clusterSelectionMethod: "leaf" },
    ] satisfies HdbscanOptions[]) {
      const result = hdbscan(points, options);
      expect(Array.from(result.labels)).toEqual(expected);
      expect(result.clusterCount).toBe(2);
      expect(result.noiseCount).toBe(3);
      for (let i = 0; i < 60; i++) {
        expect(result.probabilities[i]).toBeGreaterThan(0);
        expect(result.probabilities[i]).toBeLessThanOrEqual(1);
      }
      expect(result.stability.every((s) => s > 0)).toBe(true);
    }
  });

  it("handles duplicate rows: λ = ∞ counts as the largest finite λ", () => {
    // [0, 0, 0, 0, 1, 10, 10, 10, 10, 50], minClusterSize = minSamples = 3. Core distances: 0 for
    // the copies, 1 for row 1, 40 for 50. MST: zeros inside each group of copies, 1 (1–0),
    // 9 (1–10: max(1, 0, 9)), 40 (50–10). Largest finite λ = 1, used for the zero distances.
    // 50 falls out at 1/40; A = {0, 0, 0, 0, 1} and B = {10 × 4} are born at 1/9; A sheds 1 at
    // λ = 1 and its copies part at the capped λ = 1: stability 5 × (1 − 1/9) = 40/9; B: 32/9.
    const result = hdbscan(line([0, 0, 0, 0, 1, 10, 10, 10, 10, 50]), { minClusterSize: 3 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, -1]);
    expectStabilities(result, [40 / 9, 32 / 9]);
    expect(Array.from(result.probabilities)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);

    // Identical rows only: every distance is 0 and all rows part at once, so there is no split;
    // with the root allowed it is one cluster of stability 6 × 1.
    const same: Points = { data: new Float32Array(12).fill(0.25), rows: 6, cols: 2 };
    const none = hdbscan(same, { minClusterSize: 3 });
    expect(none.clusterCount).toBe(0);
    expect(none.noiseCount).toBe(6);
    const single = hdbscan(same, { minClusterSize: 3, allowSingleCluster: true });
    expect(Array.from(single.labels)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(single.stability).toEqual([6]);
    expect(Array.from(single.probabilities)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("does not depend on row order, even with tied distances and duplicate rows", () => {
    const { points: mixture } = gaussianMixture({
      rows: 240,
      cols: 2,
      shares: [3, 2, 1],
      separation: 3,
      seed: 5,
    });
    // Rounded to a grid of 0.5: many equal mutual reachability distances and duplicate rows.
    const grid: Points = { ...mixture, data: mixture.data.map((v) => Math.round(v * 2) / 2) };
    const rng = createRng(17);
    const order = Array.from({ length: mixture.rows }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const points of [mixture, grid]) {
      const shuffled = permuteRows(points, order);
      for (const options of [
        { minClusterSize: 5 },
        { minClusterSize: 10, minSamples: 3 },
        { minClusterSize: 4, clusterSelectionMethod: "leaf" },
        { minClusterSize: 8, allowSingleCluster: true },
      ] satisfies HdbscanOptions[]) {
        const a = hdbscan(points, options);
        const b = hdbscan(shuffled, options);
        expect(b.clusterCount).toBe(a.clusterCount);
        expect(b.noiseCount).toBe(a.noiseCount);
        expect(samePartition(a.labels, b.labels, order)).toBe(true);
        order.forEach((row, k) => {
          expect(Math.abs((b.probabilities[k] as number) - (a.probabilities[row] as number))).toBeLessThan(
            1e-12,
          );
        });
        const sorted = (s: number[]) => [...s].sort((x, y) => x - y);
        sorted(b.stability).forEach((s, c) => {
          expect(Math.abs(s - (sorted(a.stability)[c] as number))).toBeLessThan(1e-9 * Math.max(1, s));
        });
      }
    }
  });

  it("recovers well-separated mixture components", () => {
    const { points, truth } = gaussianMixture({
      rows: 600,
      cols: 8,
      shares: [3, 2, 1],
      separation: 12,
      seed: 4,
    });
    const result = hdbscan(points, { minClusterSize: 15 });
    expect(result.clusterCount).toBe(3);
    const pairs = new Set<string>();
    for (let i = 0; i < points.rows; i++) {
      if (result.labels[i] !== -1) pairs.add(`${truth[i]}-${result.labels[i]}`);
    }
    expect(pairs.size).toBe(3);
    expect(result.noiseCount).toBeLessThan(30);
  });

  it("computes core distances and a minimum spanning tree of mutual reachability", () => {
    const { points } = gaussianMixture({ rows: 60, cols: 3, shares: [1, 1], seed: 8 });
    const { data, rows: n, cols: d } = points;
    const dist = (i: number, j: number) => {
      let s = 0;
      for (let t = 0; t < d; t++) s += ((data[i * d + t] as number) - (data[j * d + t] as number)) ** 2;
      return s;
    };
    for (const minSamples of [1, 2, 5, 60]) {
      const core = squaredCoreDistances(points, minSamples);
      for (let i = 0; i < n; i++) {
        const sorted = Array.from({ length: n }, (_, j) => dist(i, j)).sort((a, b) => a - b);
        expect(core[i]).toBe(sorted[minSamples - 1]);
      }
      // Kruskal on the full mutual reachability graph gives the same total weight.
      const reach = (i: number, j: number) =>
        Math.sqrt(Math.max(dist(i, j), core[i] as number, core[j] as number));
      const edges: [number, number, number][] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([reach(i, j), i, j]);
      edges.sort((a, b) => a[0] - b[0]);
      const parent = Array.from({ length: n }, (_, i) => i);
      const find = (x: number): number => (parent[x] === x ? x : find(parent[x] as number));
      let kruskal = 0;
      for (const [w, i, j] of edges) {
        const a = find(i);
        const b = find(j);
        if (a !== b) {
          parent[a] = b;
          kruskal += w;
        }
      }
      const tree = mutualReachabilityTree(points, core);
      expect(tree.weight).toHaveLength(n - 1);
      let prim = 0;
      for (let e = 0; e < n - 1; e++) {
        const i = tree.from[e] as number;
        const j = tree.to[e] as number;
        expect(tree.weight[e]).toBe(Math.max(dist(i, j), core[i] as number, core[j] as number));
        prim += Math.sqrt(tree.weight[e] as number);
      }
      expect(Math.abs(prim - kruskal)).toBeLessThan(1e-9);
    }
  });

  it("rejects bad options, too few rows and non-finite values", () => {
    const points = line([0, 1, 2, 10, 11, 12]);
    const field = (options: HdbscanOptions, input: Points = points) => {
      const error = failure(() => hdbscan(input, options));
      expect(error.code).toBe("INVALID_CONFIG");
      return error.location.field;
    };
    expect(field({ minClusterSize: 1 })).toBe("minClusterSize");
    expect(field({ minClusterSize: 2.5 })).toBe("minClusterSize");
    expect(field({ minClusterSize: Number.NaN })).toBe("minClusterSize");
    expect(field({ minClusterSize: 7 })).toBe("minClusterSize"); // 6 rows
    expect(field({ minClusterSize: 2, minSamples: 0 })).toBe("minSamples");
    expect(field({ minClusterSize: 2, minSamples: 1.5 })).toBe("minSamples");
    expect(field({ minClusterSize: 2, minSamples: 7 })).toBe("minSamples"); // 6 rows
    const method = "dbscan" as HdbscanOptions["clusterSelectionMethod"];
    expect(field({ minClusterSize: 2, clusterSelectionMethod: method })).toBe("clusterSelectionMethod");
    const flag = "yes" as unknown as boolean;
    expect(field({ minClusterSize: 2, allowSingleCluster: flag })).toBe("allowSingleCluster");

    const nonFinite = Float32Array.from(points.data);
    nonFinite[3] = Number.NaN;
    const error = failure(() => hdbscan({ ...points, data: nonFinite }, { minClusterSize: 2 }));
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.location).toEqual({ field: "points", row: 4 });
    expect(field({ minClusterSize: 2 }, { ...points, rows: 5 })).toBe("points");
  });
});
