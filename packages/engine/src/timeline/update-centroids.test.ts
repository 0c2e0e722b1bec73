import { describe, expect, it } from "vitest";
import type { Points } from "../points/index.ts";
import { createRng } from "../random/index.ts";
import { assignNearest, type CentroidState, centroidStateOf, updateCentroids } from "./index.ts";

function points(rows: number[][]): Points {
  return { data: Float32Array.from(rows.flat()), rows: rows.length, cols: rows[0]?.length ?? 1 };
}

function state(centroids: number[][], counts: number[]): CentroidState {
  return {
    centroids: Float64Array.from(centroids.flat()),
    counts: Float64Array.from(counts),
    k: centroids.length,
    cols: centroids[0]?.length ?? 1,
  };
}

describe("updateCentroids", () => {
  it("moves each centre to the count-weighted mean of its old and new points (1-D, by hand)", () => {
    // [0, 10] with counts [1, 1]; 2 → centre 0, 12 → centre 1; rate 1/2: 0 + (2 − 0)/2 = 1, 10 + 2/2 = 11.
    const first = updateCentroids(state([[0], [10]], [1, 1]), points([[2], [12]]));
    expect(Array.from(first.centroids)).toEqual([1, 11]);
    expect(Array.from(first.counts)).toEqual([2, 2]);
    expect(Array.from(first.labels)).toEqual([0, 1]);
    expect(first.inertia).toBe(2); // (2 − 1)² + (12 − 11)²
    expect(first.moved).toBe(2); // |1 − 0| + |11 − 10|

    // Next week: 4 → centre 0 (3 < 7); 8 and 14 → centre 1 (3 < 7, 3 < 13).
    // Centre 0: (2·1 + 4) / 3 = 2; centre 1: (2·11 + 8 + 14) / 4 = 11 (pulled both ways, stays).
    const second = updateCentroids(first, points([[4], [8], [14]]));
    expect(Array.from(second.centroids)).toEqual([2, 11]);
    expect(Array.from(second.counts)).toEqual([3, 4]);
    expect(Array.from(second.labels)).toEqual([0, 1, 1]);
    expect(second.inertia).toBe(22); // 2² + 3² + 3²
    expect(second.moved).toBe(1);
  });

  it("reports the total Euclidean shift of the centres (2-D, 3-4-5 triangle)", () => {
    // (6, 8) → centre (0, 0) (100 < 260); (24, 0) → centre (20, 0) (16 < 576).
    // Centre 0, count 1 → 2: (0, 0) + (6, 8)/2 = (3, 4), moved 5. Centre 1, count 3 → 4: (20, 0) + (4, 0)/4 = (21, 0), moved 1.
    const result = updateCentroids(
      state(
        [
          [0, 0],
          [20, 0],
        ],
        [1, 3],
      ),
      points([
        [6, 8],
        [24, 0],
      ]),
    );
    expect(Array.from(result.centroids)).toEqual([3, 4, 21, 0]);
    expect(Array.from(result.counts)).toEqual([2, 4]);
    expect(Array.from(result.labels)).toEqual([0, 1]);
    expect(result.moved).toBe(6); // 5 + 1 (the summed squared shift would be 26)
    expect(result.inertia).toBe(34); // 3² + 4² + 3²
  });

  it("updates after every mini-batch, so with batchSize 1 the seeded order matters", () => {
    const start = state([[0], [10]], [1, 1]);
    const batch = points([[4.5], [5.5]]);
    // One mini-batch: 4.5 → 0, 5.5 → 1 against [0, 10]; centres 0 + 4.5/2 = 2.25 and 10 − 4.5/2 = 7.75.
    const together = updateCentroids(start, batch, { batchSize: 2 });
    expect(Array.from(together.centroids)).toEqual([2.25, 7.75]);
    expect(Array.from(together.counts)).toEqual([2, 2]);
    expect(Array.from(together.labels)).toEqual([0, 1]);
    expect(together.inertia).toBe(10.125); // 2 × 2.25²
    expect(together.moved).toBe(4.5);

    // Seed 1 draws 4.5 first: centre 0 → 2.25; then 5.5 is nearer 2.25 (3.25 < 4.5): 2.25 + 3.25/3 = 10/3.
    const lowFirst = updateCentroids(start, batch, { batchSize: 1, seed: 1 });
    expect(lowFirst.centroids[0]).toBeCloseTo(10 / 3, 12);
    expect(lowFirst.centroids[1]).toBe(10);
    expect(Array.from(lowFirst.counts)).toEqual([3, 1]);
    expect(Array.from(lowFirst.labels)).toEqual([0, 0]);
    expect(lowFirst.inertia).toBeCloseTo(109 / 18, 12); // (7/6)² + (13/6)²
    expect(lowFirst.moved).toBeCloseTo(10 / 3, 12);

    // Seed 0 draws 5.5 first: centre 1 → 7.75; then 4.5 is nearer 7.75 (3.25 < 4.5): 7.75 − 3.25/3 = 20/3.
    const highFirst = updateCentroids(start, batch, { batchSize: 1, seed: 0 });
    expect(highFirst.centroids[0]).toBe(0);
    expect(highFirst.centroids[1]).toBeCloseTo(20 / 3, 12);
    expect(Array.from(highFirst.counts)).toEqual([1, 3]);
    expect(Array.from(highFirst.labels)).toEqual([1, 1]);
    expect(highFirst.inertia).toBeCloseTo(109 / 18, 12);
    expect(highFirst.moved).toBeCloseTo(10 / 3, 12);
  });

  it("gives a centre with count 0 the position of its first point (rate 1/1)", () => {
    const result = updateCentroids(state([[0], [10]], [0, 5]), points([[3]]));
    expect(Array.from(result.centroids)).toEqual([3, 10]);
    expect(Array.from(result.counts)).toEqual([1, 5]);
  });

  it("leaves a centre that receives no rows where it was, with its count", () => {
    const result = updateCentroids(state([[0], [10], [100]], [1, 1, 5]), points([[2], [12]]));
    expect(Array.from(result.centroids)).toEqual([1, 11, 100]);
    expect(Array.from(result.counts)).toEqual([2, 2, 5]);
    expect(result.moved).toBe(2);
  });

  it("makes further passes until the assignments stop changing (at most maxIterations)", () => {
    // Pass 1 as above → [1, 11], counts [2, 2]. Pass 2 assigns as pass 1 did (2 → 0, 12 → 1):
    // 1 + (2 − 1)/3 = 4/3 and 11 + (12 − 11)/3 = 34/3, counts [3, 3]; unchanged labels stop it before pass 3.
    for (const maxIterations of [2, 3]) {
      const result = updateCentroids(state([[0], [10]], [1, 1]), points([[2], [12]]), { maxIterations });
      expect(result.centroids[0]).toBeCloseTo(4 / 3, 12);
      expect(result.centroids[1]).toBeCloseTo(34 / 3, 12);
      expect(Array.from(result.counts)).toEqual([3, 3]);
      expect(result.moved).toBeCloseTo(8 / 3, 12);
      expect(result.inertia).toBeCloseTo(8 / 9, 12); // 2 × (2/3)²
    }
  });

  it("is deterministic for a seed, leaves the state untouched and labels rows by the new centres", () => {
    const rng = createRng(11);
    const rows = 300;
    const cols = 3;
    const batch: Points = { data: Float32Array.from({ length: rows * cols }, () => rng() * 10), rows, cols };
    const start: CentroidState = {
      centroids: Float64Array.from(batch.data.subarray(0, 4 * cols)),
      counts: Float64Array.from([10, 10, 10, 10]),
      k: 4,
      cols,
    };
    const before = Array.from(start.centroids);
    const a = updateCentroids(start, batch, { batchSize: 32, seed: 5 });
    const b = updateCentroids(start, batch, { batchSize: 32, seed: 5 });
    const c = updateCentroids(start, batch, { batchSize: 32, seed: 6 });
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
    expect(Array.from(a.centroids)).not.toEqual(Array.from(c.centroids));
    expect(Array.from(start.centroids)).toEqual(before);
    expect(Array.from(start.counts)).toEqual([10, 10, 10, 10]);
    expect(a.counts.reduce((s, v) => s + v, 0)).toBe(40 + rows);
    expect(Array.from(a.labels)).toEqual(Array.from(assignNearest(a.centroids, 4, batch)));
  });

  it("returns the state unchanged for an empty batch", () => {
    const result = updateCentroids(state([[0], [10]], [1, 1]), {
      data: new Float32Array(0),
      rows: 0,
      cols: 1,
    });
    expect(Array.from(result.centroids)).toEqual([0, 10]);
    expect(Array.from(result.counts)).toEqual([1, 1]);
    expect(result).toMatchObject({ inertia: 0, moved: 0 });
    expect(result.labels).toHaveLength(0);
  });

  it("rejects a batch of another dimension, negative counts, non-finite rows and bad options", () => {
    const start = state([[0], [10]], [1, 1]);
    const wide = points([
      [1, 2],
      [3, 4],
    ]);
    expect(() => updateCentroids(start, wide)).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "cols" } }),
    );
    expect(() => updateCentroids(state([[0], [10]], [1, -1]), points([[2]]))).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "counts" } }),
    );
    expect(() => updateCentroids(start, points([[1], [Number.NaN]]))).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "points", row: 2 } }),
    );
    expect(() => updateCentroids(start, points([[1]]), { batchSize: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "batchSize" } }),
    );
  });
});

describe("assignNearest", () => {
  it("labels every row with its nearest centre, ties to the lower index", () => {
    const centroids = Float64Array.of(0, 0, 10, 0);
    const labels = assignNearest(
      centroids,
      2,
      points([
        [1, 1],
        [9, -1],
        [5, 3],
        [12, 0],
      ]),
    );
    expect(Array.from(labels)).toEqual([0, 1, 0, 1]); // (5, 3) is 34 from both
  });

  it("rejects points of another dimension (field cols)", () => {
    expect(() => assignNearest(Float64Array.of(0, 10), 2, points([[1, 2]]))).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "cols" } }),
    );
  });
});

describe("the state of an existing clustering", () => {
  it("is each cluster's mean weighted by its size", () => {
    const points = { data: Float32Array.from([0, 2, 10, 4]), rows: 4, cols: 1 };
    const state = centroidStateOf(points, [0, 0, 1, 0], 2);
    expect(Array.from(state.centroids)).toEqual([2, 10]);
    expect(Array.from(state.counts)).toEqual([3, 1]);
    expect([state.k, state.cols]).toEqual([2, 1]);
  });
});
