import { describe, expect, it } from "vitest";
import { clusterSweep, type Points } from "./index.ts";
import { recommendK } from "./recommend.ts";
import { gaussianMixture } from "./test-fixtures.ts";

const { points } = gaussianMixture({ rows: 600, cols: 6, shares: [4, 3, 2, 1], separation: 3, seed: 5 });

describe("clusterSweep", () => {
  it("finds four clusters where elbow and silhouette agree, with labels for every K", () => {
    const shares: number[] = [];
    const { sweep, labelsByK } = clusterSweep(points, {
      kMin: 2,
      kMax: 8,
      seed: 7,
      onProgress: (s) => shares.push(s),
    });
    expect(sweep.points.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(sweep).toMatchObject({
      elbowK: 4,
      silhouetteK: 4,
      recommendedK: 4,
      agreement: "agree",
      thresholds: { silhouette: 0.15 },
    });
    expect(sweep.note).toMatch(/agree on K = 4/);
    for (const p of sweep.points) {
      expect(p.silhouetteExact).toBe(true);
      expect(p.sizes).toHaveLength(p.k);
      expect(p.sizes.reduce((a, b) => a + b, 0)).toBe(600);
      expect(labelsByK.get(p.k)).toHaveLength(600);
      expect(p.daviesBouldin).toBeGreaterThan(0);
    }
    const inertias = sweep.points.map((p) => p.inertia);
    expect(inertias.every((v, i) => i === 0 || v < (inertias[i - 1] as number))).toBe(true);
    expect(shares.every((s, i) => s > 0 && (i === 0 || s > (shares[i - 1] as number)))).toBe(true);
    expect(shares.at(-1)).toBe(1);
  });

  it("is deterministic for a seed", () => {
    const a = clusterSweep(points, { kMin: 3, kMax: 5, seed: 3 });
    const b = clusterSweep(points, { kMin: 3, kMax: 5, seed: 3 });
    expect(b.sweep).toEqual(a.sweep);
    expect(Array.from(b.labelsByK.get(5) as Int32Array)).toEqual(
      Array.from(a.labelsByK.get(5) as Int32Array),
    );
  });

  it("rejects a reversed range, K above the rows, constant embeddings and non-finite values", () => {
    const fails = (f: () => unknown, pattern: RegExp, field: string) =>
      expect(f).toThrow(
        expect.objectContaining({
          code: "INVALID_CONFIG",
          message: expect.stringMatching(pattern),
          location: expect.objectContaining({ field }),
        }),
      );
    const ten: Points = { data: Float32Array.from({ length: 20 }, (_, i) => i * i), rows: 10, cols: 2 };
    fails(
      () => clusterSweep(points, { kMin: 6, kMax: 3, seed: 1 }),
      /kMin \(6\) is above kMax \(3\)/,
      "kMin",
    );
    fails(() => clusterSweep(ten, { seed: 1 }), /K = 14 is above the 10 rows/, "kMax");
    fails(
      () => clusterSweep(points, { kMin: 1, seed: 1 }),
      /kMin must be an integer at least 2, got 1/,
      "kMin",
    );
    const constant: Points = { data: new Float32Array(40).fill(3), rows: 20, cols: 2 };
    fails(() => clusterSweep(constant, { kMax: 5, seed: 1 }), /only 1 distinct points/, "k");
    const broken = Float32Array.from(ten.data);
    broken[9] = Number.NaN;
    expect(clusterSweep(ten, { kMax: 4, seed: 1 }).sweep.points).toHaveLength(3);
    fails(
      () => clusterSweep({ ...ten, data: broken }, { kMax: 4, seed: 1 }),
      /points row 5 \(index 4\), column 2 is NaN/,
      "points",
    );
  });
});

describe("recommendK", () => {
  const ks = [2, 3, 4, 5, 6];

  it("agrees within one K and recommends the silhouette's K", () => {
    const r = recommendK(ks, [0.3, 0.35, 0.5, 0.45, 0.4], 5);
    expect(r).toMatchObject({ silhouetteK: 4, elbowK: 5, recommendedK: 4, agreement: "agree" });
    expect(r.note).toMatch(/one apart; recommending K = 4/);
  });

  it("disagrees further apart or without an elbow, naming both, and flags weak structure", () => {
    const far = recommendK(ks, [0.2, 0.1, 0.12, 0.11, 0.1], 5);
    expect(far).toMatchObject({ silhouetteK: 2, recommendedK: 2, agreement: "disagree" });
    expect(far.note).toMatch(/elbow \(K = 5\) and the best silhouette \(K = 2, 0\.200\) disagree/);
    const none = recommendK(ks, [0.1, 0.12, 0.11, 0.1, 0.05], null);
    expect(none).toMatchObject({ elbowK: null, recommendedK: 3, agreement: "disagree" });
    expect(none.note).toMatch(/No elbow.*below 0\.15/);
  });
});
