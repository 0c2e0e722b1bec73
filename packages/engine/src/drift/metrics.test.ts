import { describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import {
  additiveSmoothing,
  createCategoricalPsi,
  createPsi,
  fittedCategoricalPsiFromJSON,
  fittedPsiFromJSON,
  noSmoothing,
  quantileBinning,
} from "./index.ts";

function fieldOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (isKindredError(error)) return `${error.code} ${error.location.field}`;
    throw error;
  }
  return "no error";
}

describe("createPsi", () => {
  const metric = createPsi({ binning: quantileBinning(2), smoothing: additiveSmoothing(0.01) });

  it("reports shares per bin and the PSI they give", () => {
    const fitted = metric.fit([1, 2, 3, 4]); // median 2.5 → (−∞, 2.5], (2.5, ∞)
    expect(fitted.edges).toEqual([2.5]);
    expect(fitted.baselineShares).toEqual([0.51 / 1.02, 0.51 / 1.02]);
    const result = fitted.evaluate([1, 5, 6, 7]);
    const b = 0.51 / 1.02;
    const c = [0.26 / 1.02, 0.76 / 1.02];
    expect(result.psi).toBe((c[0]! - b) * Math.log(c[0]! / b) + (c[1]! - b) * Math.log(c[1]! / b));
    expect(result.status).toBe("retrain");
    expect(result.bins).toEqual([
      {
        lower: Number.NEGATIVE_INFINITY,
        upper: 2.5,
        baseline: b,
        current: c[0],
        baselineCount: 2,
        currentCount: 1,
      },
      {
        lower: 2.5,
        upper: Number.POSITIVE_INFINITY,
        baseline: b,
        current: c[1],
        baselineCount: 2,
        currentCount: 3,
      },
    ]);
    expect(result.missing).toBeUndefined();
  });

  it("counts missing values in their own bin only when asked", () => {
    expect(fieldOf(() => metric.fit([1, null]))).toBe("INVALID_CONFIG baseline");
    expect(fieldOf(() => metric.fit([1, 2]).evaluate([Number.NaN]))).toBe("INVALID_CONFIG values");
    const withMissing = createPsi({
      binning: quantileBinning(2),
      missingBin: true,
      smoothing: noSmoothing(),
    }).fit([1, 2, null, Number.NaN]);
    expect(withMissing.baselineCounts).toEqual([1, 1, 2]);
    const result = withMissing.evaluate([null, 3]);
    expect(result.missing).toEqual({ baseline: 0.5, current: 0.5, baselineCount: 2, currentCount: 1 });
    expect(result.psi).toBe(Number.POSITIVE_INFINITY); // bin (−∞, 1] empty now, no smoothing
  });

  it("round-trips through JSON and rejects a damaged artifact", () => {
    const fitted = createPsi({ missingBin: true }).fit([3, 1, 4, 1, 5, 9, 2, 6, null]);
    const json = JSON.parse(JSON.stringify(fitted.toJSON()));
    const restored = fittedPsiFromJSON(json);
    expect(restored.toJSON()).toEqual(fitted.toJSON());
    expect(restored.evaluate([2, 7, null])).toEqual(fitted.evaluate([2, 7, null]));
    expect(json).toMatchObject({ kind: "numeric-psi", version: 1, binning: "quantile-10", missingBin: true });
    expect(fieldOf(() => fittedPsiFromJSON({ ...json, baselineCounts: [1, 2] }))).toBe(
      "ARTIFACT_MISMATCH psi.baselineCounts",
    );
    expect(fieldOf(() => fittedPsiFromJSON({ ...json, edges: [1, Number.NaN] }))).toBe(
      "ARTIFACT_MISMATCH psi.edges",
    );
    expect(fieldOf(() => fittedPsiFromJSON({ ...json, kind: "categorical-psi" }))).toBe(
      "ARTIFACT_MISMATCH psi.kind",
    );
    expect(fieldOf(() => fittedPsiFromJSON({ ...json, smoothing: { kind: "?" } }))).toBe(
      "ARTIFACT_MISMATCH psi.smoothing",
    );
  });

  it("rejects empty sets and broken custom binnings", () => {
    expect(fieldOf(() => metric.fit([]))).toBe("INVALID_CONFIG baseline");
    expect(fieldOf(() => metric.fit([1, 2]).evaluate([]))).toBe("INVALID_CONFIG current");
    const broken = createPsi({ binning: { name: "broken", fit: () => [2, 1] } });
    expect(fieldOf(() => broken.fit([1, 2]))).toBe("INVALID_CONFIG edges from broken");
  });
});

describe("createCategoricalPsi", () => {
  it("orders levels by frequency, folds those past maxLevels into other", () => {
    const fitted = createCategoricalPsi({ maxLevels: 2 }).fit(["b", "c", "a", "c", "b", "d", null]);
    expect(fitted.levels).toEqual(["b", "c"]); // b and c twice; a and d once → other
    expect(fitted.baselineCounts).toEqual([2, 2, 2, 1]);
    const result = fitted.evaluate(["b", "z", null, null]);
    expect(result.bins.map((b) => [b.level, b.currentCount])).toEqual([
      ["b", 1],
      ["c", 0],
    ]);
    expect([result.other.currentCount, result.missing.currentCount]).toEqual([1, 2]);
    expect(fieldOf(() => createCategoricalPsi({ maxLevels: 0 }))).toBe("INVALID_CONFIG maxLevels");
  });

  it("is 0 against itself and round-trips through JSON", () => {
    const values = ["x", "y", "y", null];
    const fitted = createCategoricalPsi().fit(values);
    expect(fitted.evaluate(values).psi).toBe(0);
    const json = JSON.parse(JSON.stringify(fitted.toJSON()));
    expect(fittedCategoricalPsiFromJSON(json).evaluate(["x", "q"])).toEqual(fitted.evaluate(["x", "q"]));
    expect(fieldOf(() => fittedCategoricalPsiFromJSON({ ...json, levels: ["x", "x"] }))).toBe(
      "ARTIFACT_MISMATCH psi.levels",
    );
    expect(fieldOf(() => fittedCategoricalPsiFromJSON({ ...json, baselineCounts: [0, 0, 0, 0] }))).toBe(
      "ARTIFACT_MISMATCH psi.baselineCounts",
    );
  });
});
