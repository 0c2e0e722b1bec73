import { describe, expect, it } from "vitest";
import { createRng } from "../random/index.ts";
import { createSilhouetteEstimator, type Points, silhouetteScore } from "./index.ts";
import { subsetMembers, subsetQuotas } from "./stratified-subset.ts";
import { gaussianMixture, normal } from "./test-fixtures.ts";

/** Textbook silhouette: every pair, Float64. */
function naiveSilhouette(points: Points, labels: ArrayLike<number>): number {
  const { data, rows: n, cols: d } = points;
  const k = Math.max(...Array.from(labels)) + 1;
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) sizes[labels[i] as number]! += 1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (data[i * d + t]! - data[j * d + t]!) ** 2;
      sums[labels[j] as number]! += Math.sqrt(s);
    }
    const own = labels[i] as number;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    const b = Math.min(...sums.map((v, c) => (c === own || sizes[c] === 0 ? Infinity : v / sizes[c]!)));
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

const { points: small, truth: smallTruth } = gaussianMixture({
  rows: 240,
  cols: 5,
  shares: [4, 3, 2, 1],
  separation: 1.5,
  seed: 4,
});

describe("exact silhouette", () => {
  it("matches the textbook definition, kept table or blockwise", () => {
    const noisy = Int32Array.from(smallTruth, (c, i) => (i % 7 === 0 ? (c + 1) % 4 : c));
    const table = createSilhouetteEstimator(small, { seed: 1 });
    const blockwise = createSilhouetteEstimator(small, { seed: 1, maxTableBytes: 0 });
    expect(table.mode).toBe("table");
    expect(blockwise.mode).toBe("blockwise");
    const many = blockwise.scoreMany([smallTruth, noisy]);
    for (const [i, labels] of [smallTruth, noisy].entries()) {
      const expected = naiveSilhouette(small, labels);
      const fromTable = table.score(labels);
      expect(fromTable).toMatchObject({ exact: true, sampled: 240 });
      expect(fromTable.silhouette).toBeCloseTo(expected, 6);
      expect(many[i]?.silhouette).toBeCloseTo(expected, 6);
      expect(silhouetteScore(small, labels)).toBeCloseTo(expected, 6);
    }
  });
});

describe("sampled silhouette", () => {
  it("estimates the exact score within 0.02 (5,000 rows: exact vs pooled)", () => {
    const { points, truth } = gaussianMixture({
      rows: 5000,
      cols: 6,
      shares: [40, 30, 20, 8, 2],
      separation: 1,
      seed: 12,
    });
    const rng = createRng(5);
    const noisy = Int32Array.from(truth, (c) => (rng() < 0.15 ? Math.floor(rng() * 5) : c));
    const exact = createSilhouetteEstimator(points, { seed: 3 });
    const sampled = createSilhouetteEstimator(points, {
      seed: 3,
      exactUpTo: 0,
      poolSize: 2500,
      subsetSize: 1200,
      perClusterMin: 100,
    });
    expect(sampled.mode).toBe("sampled");
    for (const labels of [truth, noisy]) {
      const reference = exact.score(labels);
      const estimate = sampled.score(labels);
      expect(reference.exact).toBe(true);
      expect(estimate).toMatchObject({ exact: false, sampled: 1200 });
      expect(Math.abs(estimate.silhouette - reference.silhouette)).toBeLessThan(0.02);
    }
  });

  it("on 30,000 rows with a 1 % cluster: keeps perClusterMin members of it and lands within 0.02", () => {
    // Rows are copies of 60 locations, so the exact silhouette is cheap: pairs of locations
    // weighted by their multiplicities.
    const rng = createRng(21);
    const cols = 6;
    const clusterRows = [12_000, 9000, 6000, 2700, 300];
    const locations: { at: number[]; cluster: number; copies: number }[] = [];
    clusterRows.forEach((rows, cluster) => {
      const centre = Array.from({ length: cols }, () => 2.5 * normal(rng));
      const here = Array.from({ length: 12 }, () => ({
        at: centre.map((v) => v + normal(rng)),
        cluster,
        copies: 1,
      }));
      for (let r = here.length; r < rows; r++) here[Math.floor(rng() * here.length)]!.copies += 1;
      locations.push(...here);
    });
    const n = clusterRows.reduce((a, b) => a + b, 0);
    const data = new Float32Array(n * cols);
    const labels = new Int32Array(n);
    let row = 0;
    for (const location of locations) {
      for (let c = 0; c < location.copies; c++, row++) {
        data.set(location.at, row * cols);
        labels[row] = location.cluster;
      }
    }
    // The reference uses the same Float32 coordinates (a row of each location).
    const at = locations.map((_, l) => l);
    const rowOf: number[] = [];
    let first = 0;
    for (const location of locations) {
      rowOf.push(first);
      first += location.copies;
    }
    const distance = (u: number, v: number) => {
      let s = 0;
      for (let t = 0; t < cols; t++) s += (data[rowOf[u]! * cols + t]! - data[rowOf[v]! * cols + t]!) ** 2;
      return Math.sqrt(s);
    };
    let exact = 0;
    for (const u of at) {
      const sums = new Array<number>(5).fill(0);
      for (const v of at) sums[locations[v]!.cluster]! += locations[v]!.copies * distance(u, v);
      const own = locations[u]!.cluster;
      const a = sums[own]! / (clusterRows[own]! - 1);
      const b = Math.min(...sums.map((s, c) => (c === own ? Infinity : s / clusterRows[c]!)));
      exact += (locations[u]!.copies * (b - a)) / Math.max(a, b);
    }
    exact /= n;

    const estimator = createSilhouetteEstimator(
      { data, rows: n, cols },
      { seed: 8, poolSize: 4000, subsetSize: 1000, perClusterMin: 25 },
    );
    expect(estimator.mode).toBe("sampled");
    const estimate = estimator.score(labels);
    // The 1 % cluster would get ~10 of 1,000 members by proportion; it keeps 25.
    expect(estimate.sampledPerCluster[4]).toBeGreaterThanOrEqual(25);
    expect(estimate.sampledPerCluster.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(Math.abs(estimate.silhouette - exact)).toBeLessThan(0.02);
  });

  it("rejects a pool whose table would exceed maxTableBytes, and single-cluster labels", () => {
    const { points } = gaussianMixture({ rows: 50, cols: 2, shares: [1, 1], seed: 1 });
    expect(() =>
      createSilhouetteEstimator(points, { seed: 1, exactUpTo: 10, poolSize: 40, maxTableBytes: 1000 }),
    ).toThrow(/poolSize 40 needs a 0 MiB distance table, above maxTableBytes/);
    const estimator = createSilhouetteEstimator(points, { seed: 1 });
    expect(() => estimator.score(new Int32Array(50))).toThrow(/got 1/);
  });
});

describe("stratified subset", () => {
  it("keeps every cluster's floor and shares the rest in proportion", () => {
    // Pool 10,000: 6,000 / 3,000 / 900 / 100; subset 2,000 with floor 200.
    const quotas = subsetQuotas([6000, 3000, 900, 100], 2000, 200);
    // Floors: 200 for cluster 2, all 100 of cluster 3; 1,700 left for 6,000 + 3,000 → 1,133 / 567.
    expect(Array.from(quotas)).toEqual([1133, 567, 200, 100]);
    expect(Array.from(subsetQuotas([5, 5], 20, 3))).toEqual([5, 5]);
    expect(Array.from(subsetQuotas([50, 50, 50], 4, 2))).toEqual([2, 2, 2]); // floors exceed the target
    const members = subsetMembers(Int32Array.from([1, 0, 1, 1, 0, 2]), Int32Array.from([1, 2, 1]));
    expect(Array.from(members)).toEqual([0, 1, 2, 5]);
  });
});
