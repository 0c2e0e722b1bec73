import { describe, expect, it } from "vitest";
import { createRng } from "../random/index.ts";
import { kMeans, type Points } from "./index.ts";
import { kMeansPlusPlus, type Seeding } from "./kmeans-plus-plus.ts";
import { lloydElkan } from "./lloyd-elkan.ts";
import { lloydHamerly } from "./lloyd-hamerly.ts";
import { gaussianMixture } from "./test-fixtures.ts";

/** Textbook Lloyd (every distance, every iteration) with the same steps and stopping rule. */
function plainLloyd(
  points: Points,
  seeding: Seeding,
  k: number,
  maxIterations: number,
  toleranceAbs: number,
) {
  const { data, rows: n, cols: d } = points;
  const centers = Float64Array.from(seeding.centers.subarray(0, k * d));
  const labels = new Int32Array(n);
  const dist = (i: number, j: number) => {
    let s = 0;
    for (let t = 0; t < d; t++) s += ((data[i * d + t] as number) - (centers[j * d + t] as number)) ** 2;
    return s;
  };
  const assign = () => {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (dist(i, j) < dist(i, best)) best = j;
      if (best !== labels[i]) changed++;
      labels[i] = best;
    }
    return changed;
  };
  assign();
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i] as number]! += 1;
      for (let t = 0; t < d; t++) sums[(labels[i] as number) * d + t]! += data[i * d + t] as number;
    }
    expect(counts.includes(0)).toBe(false); // the data below never empties a cluster
    let shift = 0;
    for (let j = 0; j < k * d; j++) {
      const next = (sums[j] as number) / (counts[Math.floor(j / d)] as number);
      shift += (next - (centers[j] as number)) ** 2;
      centers[j] = next;
    }
    if (assign() === 0 || shift <= toleranceAbs) break;
  }
  return { labels, iterations };
}

const { points: mixture } = gaussianMixture({
  rows: 900,
  cols: 6,
  shares: [5, 3, 2, 1],
  separation: 1.5,
  seed: 3,
});

describe("kMeans", () => {
  it("makes exactly the assignments of plain Lloyd (Elkan and Hamerly bounds)", () => {
    for (const k of [1, 2, 5, 9]) {
      const seeding = kMeansPlusPlus(mixture, k, createRng(k), true);
      const plain = plainLloyd(mixture, seeding, k, 300, 1e-4);
      for (const lloyd of [lloydElkan, lloydHamerly]) {
        const fast = lloyd(mixture, seeding, k, 300, 1e-4);
        expect(fast.iterations).toBe(plain.iterations);
        expect(Array.from(fast.labels)).toEqual(Array.from(plain.labels));
      }
    }
  });

  it("seeds with exact nearest distances: the seeding's minimum per row is the nearest centre", () => {
    const seeding = kMeansPlusPlus(mixture, 8, createRng(5), true);
    for (const k of [3, 8]) {
      for (let i = 0; i < mixture.rows; i += 37) {
        let nearest = Number.POSITIVE_INFINITY;
        let boundMin = Number.POSITIVE_INFINITY;
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let t = 0; t < 6; t++) s += (mixture.data[i * 6 + t]! - seeding.centers[j * 6 + t]!) ** 2;
          nearest = Math.min(nearest, Math.sqrt(s));
          const bound = seeding.distances[i * 8 + j]!;
          expect(bound).toBeLessThanOrEqual(Math.sqrt(s) + 1e-9);
          boundMin = Math.min(boundMin, bound);
        }
        expect(boundMin).toBeCloseTo(nearest, 9);
      }
    }
  });

  it("re-seeds an empty cluster with the row farthest from its centre", () => {
    const line: Points = { data: Float32Array.from([0, 1, 2, 10, 11, 12]), rows: 6, cols: 1 };
    const centers = Float64Array.from([1, 11, 100]);
    const distances = Float64Array.from(
      Array.from(line.data).flatMap((x) => Array.from(centers, (c) => Math.abs(x - c))),
    );
    for (const lloyd of [lloydElkan, lloydHamerly]) {
      const result = lloyd(line, { centers, distances, k: 3 }, 3, 300, 0);
      // Centre 100 attracts nobody; row 0 (distance 1 from centre 1, the first of the farthest)
      // moves to it; the clusters settle as {0}, {1, 2}, {10, 11, 12}.
      expect(Array.from(result.labels)).toEqual([2, 0, 0, 1, 1, 1]);
      expect(Array.from(result.centroids)).toEqual([1.5, 11, 0]);
      expect(result.inertia).toBeCloseTo(2.5, 12);
    }
  });

  it("is deterministic for a seed, returns consistent centroids and inertia", () => {
    const a = kMeans(mixture, 4, { seed: 11 });
    const b = kMeans(mixture, 4, { seed: 11 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
    expect(a.centroids).toHaveLength(4 * 6);
    let total = 0;
    for (let i = 0; i < mixture.rows; i++) {
      const c = a.labels[i] as number;
      for (let t = 0; t < 6; t++) total += (mixture.data[i * 6 + t]! - a.centroids[c * 6 + t]!) ** 2;
    }
    expect(total).toBeCloseTo(a.inertia, 6);
    expect(new Set(a.labels).size).toBe(4);
  });

  it("recovers well-separated clusters", () => {
    const { points, truth } = gaussianMixture({
      rows: 400,
      cols: 4,
      shares: [1, 1, 1],
      separation: 10,
      seed: 9,
    });
    const { labels } = kMeans(points, 3, { seed: 2 });
    const pairs = new Set<string>();
    for (let i = 0; i < 400; i++) pairs.add(`${truth[i]}-${labels[i]}`);
    expect(pairs.size).toBe(3);
  });

  it("handles k = rows and duplicate rows", () => {
    const points: Points = { data: Float32Array.from([0, 0, 1, 1, 0, 0, 5, 5]), rows: 4, cols: 2 };
    expect(kMeans(points, 3, { seed: 1 }).inertia).toBe(0);
    const four = { data: Float32Array.from([0, 0, 1, 1, 2, 2, 5, 5]), rows: 4, cols: 2 };
    expect(kMeans(four, 4, { seed: 1 }).inertia).toBe(0);
  });

  it("rejects bad k, constant embeddings, non-finite values and bad options", () => {
    const fails = (f: () => unknown, pattern: RegExp) =>
      expect(f).toThrow(
        expect.objectContaining({ code: "INVALID_CONFIG", message: expect.stringMatching(pattern) }),
      );
    const small: Points = { data: Float32Array.from({ length: 20 }, (_, i) => i), rows: 10, cols: 2 };
    fails(() => kMeans(small, 11, { seed: 1 }), /between 1 and the number of rows \(10\), got k = 11/);
    fails(() => kMeans(small, 0, { seed: 1 }), /got k = 0/);
    const constant: Points = { data: new Float32Array(20).fill(0.5), rows: 10, cols: 2 };
    fails(() => kMeans(constant, 2, { seed: 1 }), /hold only 1 distinct points/);
    const nonFinite = Float32Array.from(small.data);
    nonFinite[7] = Number.POSITIVE_INFINITY;
    fails(
      () => kMeans({ ...small, data: nonFinite }, 2, { seed: 1 }),
      /points row 4 \(index 3\), column 2 is Infinity/,
    );
    fails(() => kMeans(small, 2, { seed: 1.5 }), /seed must be an integer/);
    fails(() => kMeans(small, 2, { seed: 1, restarts: 0 }), /restarts must be an integer at least 1/);
    fails(() => kMeans({ ...small, rows: 9 }, 2, { seed: 1 }), /expected rows × cols = 9 × 2/);
  });
});
