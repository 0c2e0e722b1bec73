import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clusterMeans } from "./cluster-means.ts";
import { daviesBouldin, inertia, kMeans, type Points, silhouetteScore } from "./index.ts";

interface MetricCase {
  name: string;
  rows: number;
  cols: number;
  data: number[];
  labels: number[];
  silhouette: number;
  daviesBouldin: number;
  inertia: number;
}
interface KMeansCase {
  name: string;
  rows: number;
  cols: number;
  data: number[];
  k: number;
  inertia: number;
  relativeTolerance: number;
}

// Computed by scikit-learn 1.2 (__fixtures__/make-fixtures.py) on the same rounded inputs.
const fixture = JSON.parse(
  readFileSync(new URL("./__fixtures__/cluster-sklearn.json", import.meta.url), "utf8"),
) as {
  metrics: MetricCase[];
  kmeans: KMeansCase[];
};
const pointsOf = (c: { rows: number; cols: number; data: number[] }): Points => ({
  data: Float32Array.from(c.data),
  rows: c.rows,
  cols: c.cols,
});

describe("metrics match scikit-learn", () => {
  it.each(fixture.metrics.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const points = pointsOf(c);
    expect(silhouetteScore(points, c.labels)).toBeCloseTo(c.silhouette, 6);
    expect(daviesBouldin(points, c.labels)).toBeCloseTo(c.daviesBouldin, 6);
    expect(Math.abs(inertia(points, c.labels) / c.inertia - 1)).toBeLessThan(1e-4);
    // Explicit centroids = the labels' means give the same inertia.
    const k = Math.max(...c.labels) + 1;
    expect(inertia(points, c.labels, clusterMeans(points, c.labels, k).centroids)).toBeCloseTo(
      inertia(points, c.labels),
      6,
    );
  });
});

describe("kMeans matches scikit-learn's KMeans(n_init=10) inertia", () => {
  it.each(fixture.kmeans.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const result = kMeans(pointsOf(c), c.k, { seed: 1, restarts: 10 });
    expect(Math.abs(result.inertia / c.inertia - 1)).toBeLessThan(c.relativeTolerance);
  });
});

describe("metric edge cases", () => {
  const points: Points = { data: Float32Array.from([0, 0, 0, 1, 5, 5, 5, 6]), rows: 4, cols: 2 };

  it("skips empty label values like scikit-learn's re-encoding", () => {
    expect(silhouetteScore(points, [0, 0, 2, 2])).toBeCloseTo(silhouetteScore(points, [0, 0, 1, 1]), 12);
    expect(daviesBouldin(points, [0, 0, 2, 2])).toBeCloseTo(daviesBouldin(points, [0, 0, 1, 1]), 12);
  });

  it("computes a hand-checked silhouette", () => {
    // Row 0: a = 1, b = mean(√50, √61); s = 1 − a / b.
    const b0 = (Math.sqrt(50) + Math.sqrt(61)) / 2;
    const b1 = (Math.sqrt(41) + Math.sqrt(50)) / 2;
    const expected = (2 * (1 - 1 / b0) + 2 * (1 - 1 / b1)) / 4;
    expect(silhouetteScore(points, [0, 0, 1, 1])).toBeCloseTo(expected, 6);
  });

  it("rejects one cluster, labels of the wrong length and non-integer labels", () => {
    const fails = (f: () => unknown, pattern: RegExp) =>
      expect(f).toThrow(
        expect.objectContaining({ code: "INVALID_CONFIG", message: expect.stringMatching(pattern) }),
      );
    fails(
      () => silhouetteScore(points, [1, 1, 1, 1]),
      /between 2 and rows − 1 = 3 non-empty clusters, got 1/,
    );
    fails(() => daviesBouldin(points, [0, 1, 2, 3]), /got 4/);
    fails(() => inertia(points, [0, 1]), /labels has 2 entries, expected one per row \(4\)/);
    fails(() => inertia(points, [0, 1, -1, 0]), /label of row 3 is -1/);
    const nan = { ...points, data: Float32Array.from([0, 0, 0, Number.NaN, 5, 5, 5, 6]) };
    fails(() => inertia(nan, [0, 0, 1, 1]), /points row 2 \(index 1\), column 2 is NaN/);
  });
});
