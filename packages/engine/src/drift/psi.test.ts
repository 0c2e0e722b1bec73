import { describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import {
  additiveSmoothing,
  noSmoothing,
  PSI_RETRAIN,
  PSI_WATCH,
  psi,
  psiStatus,
  smoothingFromJSON,
} from "./index.ts";

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (isKindredError(error)) return `${error.code} ${error.location.field ?? error.location.column}`;
    throw error;
  }
  return undefined;
}

describe("psi", () => {
  it("matches the hand-checked two-bin case exactly", () => {
    // [0.5, 0.5] → [0.25, 0.75]: (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5)
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBe((0.25 - 0.5) * Math.log(0.5) + (0.75 - 0.5) * Math.log(1.5));
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.2747, 4);
  });

  it("is symmetric, 0 for equal shares (also 0 = 0), +∞ for a one-sided empty bin", () => {
    expect(psi([0.25, 0.75], [0.5, 0.5])).toBeCloseTo(psi([0.5, 0.5], [0.25, 0.75]), 15);
    expect(psi([0.2, 0, 0.8], [0.2, 0, 0.8])).toBe(0);
    expect(psi([0.5, 0.5], [1, 0])).toBe(Number.POSITIVE_INFINITY);
    expect(psi([1, 0], [0.5, 0.5])).toBe(Number.POSITIVE_INFINITY);
  });

  it("rejects bins of different counts and shares outside [0, 1]", () => {
    expect(codeOf(() => psi([0.5, 0.5], [1]))).toBe("INVALID_CONFIG shares");
    expect(codeOf(() => psi([50, 50], [25, 75]))).toBe("INVALID_CONFIG shares");
    expect(codeOf(() => psi([Number.NaN], [1]))).toBe("INVALID_CONFIG shares");
  });
});

describe("psiStatus", () => {
  it("puts the boundaries in the higher band: 0.1 → watch, 0.25 → retrain", () => {
    expect([PSI_WATCH, PSI_RETRAIN]).toEqual([0.1, 0.25]);
    expect(psiStatus(0)).toBe("stable");
    expect(psiStatus(0.09999999)).toBe("stable");
    expect(psiStatus(0.1)).toBe("watch");
    expect(psiStatus(0.24999999)).toBe("watch");
    expect(psiStatus(0.25)).toBe("retrain");
    expect(psiStatus(Number.POSITIVE_INFINITY)).toBe("retrain");
    expect(codeOf(() => psiStatus(Number.NaN))).toBe("INVALID_CONFIG psi");
  });
});

describe("smoothing", () => {
  it("additive: sᵢ = (nᵢ/N + ε)/(1 + kε), summing to 1", () => {
    const shares = additiveSmoothing(0.01).shares([3, 1, 0, 0]);
    expect(shares).toEqual([0.76 / 1.04, 0.26 / 1.04, 0.01 / 1.04, 0.01 / 1.04]);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(additiveSmoothing().toJSON()).toEqual({ kind: "additive", epsilon: 1e-4 });
  });

  it("keeps PSI finite where raw shares give +∞", () => {
    const baseline = [5, 5, 0];
    const current = [4, 4, 2];
    expect(psi(noSmoothing().shares(baseline), noSmoothing().shares(current))).toBe(Number.POSITIVE_INFINITY);
    const s = additiveSmoothing();
    const value = psi(s.shares(baseline), s.shares(current));
    const b = [0.5001 / 1.0003, 0.5001 / 1.0003, 0.0001 / 1.0003];
    const c = [0.4001 / 1.0003, 0.4001 / 1.0003, 0.2001 / 1.0003];
    const expected = b.reduce(
      (sum, bi, i) => sum + ((c[i] as number) - bi) * Math.log((c[i] as number) / bi),
      0,
    );
    expect(value).toBeCloseTo(expected, 14);
    expect(value).toBeGreaterThan(1);
  });

  it("revives stored specs and rejects bad ones", () => {
    expect(smoothingFromJSON({ kind: "additive", epsilon: 0.001 }).toJSON()).toEqual({
      kind: "additive",
      epsilon: 0.001,
    });
    expect(smoothingFromJSON({ kind: "none" }).shares([1, 3])).toEqual([0.25, 0.75]);
    expect(codeOf(() => smoothingFromJSON({ kind: "additive", epsilon: -1 }, "dims[0].smoothing"))).toBe(
      "ARTIFACT_MISMATCH dims[0].smoothing",
    );
    expect(codeOf(() => smoothingFromJSON({ kind: "laplace" }))).toBe("ARTIFACT_MISMATCH smoothing");
    expect(codeOf(() => additiveSmoothing(0))).toBe("INVALID_CONFIG epsilon");
    expect(codeOf(() => noSmoothing().shares([0, 0]))).toBe("INVALID_CONFIG counts");
  });
});
