import { describe, expect, it } from "vitest";
import { evaluateBinary, ksStatistic, rocAuc, rocCurve } from "./index.ts";

// Hand-checked: positives {0.9, 0.8, 0.5}, negatives {0.8, 0.3, 0.5, 0.1}.
// Pairs won by positives: 0.9 beats 4; 0.8 beats 3 and ties 1 (0.8) → 3.5; 0.5 beats 2, ties 1 → 2.5.
// AUC = (4 + 3.5 + 2.5) / 12 = 10 / 12.
const scores = [0.9, 0.8, 0.8, 0.5, 0.5, 0.3, 0.1];
const labels = [1, 1, 0, 1, 0, 0, 0];

describe("rocAuc", () => {
  it("counts ties as one half (Mann–Whitney)", () => {
    expect(rocAuc(scores, labels)).toBeCloseTo(10 / 12, 15);
  });

  it("is 1 for perfect ranking, 0 for reversed, 0.5 for all tied", () => {
    expect(rocAuc([3, 2, 1, 0], [1, 1, 0, 0])).toBe(1);
    expect(rocAuc([0, 1, 2, 3], [1, 1, 0, 0])).toBe(0);
    expect(rocAuc([7, 7, 7, 7], [1, 0, 1, 0])).toBe(0.5);
  });

  it("equals the trapezoidal area under the ROC curve", () => {
    const curve = rocCurve(scores, labels);
    let area = 0;
    for (let i = 1; i < curve.fpr.length; i++) {
      area += ((curve.fpr[i]! - curve.fpr[i - 1]!) * (curve.tpr[i]! + curve.tpr[i - 1]!)) / 2;
    }
    expect(rocAuc(scores, labels)).toBeCloseTo(area, 15);
  });

  it("is NaN with one class and rejects labels other than 0/1", () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(() => rocAuc([0.1, 0.2], [1, 2])).toThrow(/label at index 1 is 2/);
    expect(() => rocAuc([0.1], [1, 0])).toThrow(/differ in length/);
  });
});

describe("rocCurve", () => {
  it("moves tied scores together", () => {
    const curve = rocCurve(scores, labels);
    // thresholds: +inf, 0.9, 0.8, 0.5, 0.3, 0.1
    expect(curve.thresholds).toEqual([Number.POSITIVE_INFINITY, 0.9, 0.8, 0.5, 0.3, 0.1]);
    expect(curve.tpr).toEqual([0, 1 / 3, 2 / 3, 1, 1, 1]);
    expect(curve.fpr).toEqual([0, 0, 1 / 4, 2 / 4, 3 / 4, 1]);
  });

  it("thins to maxPoints keeping both ends", () => {
    const many = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const lab = many.map((_, i) => (i % 3 === 0 ? 1 : 0));
    const curve = rocCurve(many, lab, 50);
    expect(curve.fpr).toHaveLength(50);
    expect(curve.fpr[0]).toBe(0);
    expect(curve.fpr.at(-1)).toBe(1);
    expect(curve.tpr.at(-1)).toBe(1);
  });
});

describe("ksStatistic", () => {
  it("is the largest TPR − FPR gap between distinct thresholds", () => {
    // From the curve above: gaps 0, 1/3, 2/3−1/4=5/12, 1/2, 1/4, 0 → 1/2.
    expect(ksStatistic(scores, labels)).toBeCloseTo(0.5, 15);
  });

  it("cannot split a tie: all-tied scores give 0", () => {
    expect(ksStatistic([1, 1, 1, 1], [1, 0, 1, 0])).toBe(0);
    expect(ksStatistic([2, 1], [1, 0])).toBe(1);
  });
});

describe("evaluateBinary", () => {
  it("evaluates a subset of rows", () => {
    const result = evaluateBinary(scores, labels, [0, 2, 5]);
    // positives {0.9}, negatives {0.8, 0.3}: AUC 1, KS 1
    expect(result).toEqual({ n: 3, positives: 1, auc: 1, ks: 1 });
    expect(evaluateBinary(scores, labels)).toMatchObject({ n: 7, positives: 3 });
  });
});
