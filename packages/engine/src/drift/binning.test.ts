import { describe, expect, it } from "vitest";
import { fixture } from "./__fixtures__/psi-numpy.ts";
import { binOf, createPsi, fixedWidthBinning, quantileBinning, quantileSorted } from "./index.ts";

describe("bin assignment", () => {
  it("is right-closed with open ends, as np.digitize(v, cuts, right=True)", () => {
    const { cuts, values, bins } = fixture.edgeProbe;
    expect(values.map((v) => binOf(cuts, v))).toEqual(bins);
    // a value equal to a cut goes to the lower bin: (1, 2] holds 2
    expect([binOf([1, 2], 1), binOf([1, 2], 2), binOf([1, 2], 2 + 1e-12)]).toEqual([0, 1, 2]);
    expect(binOf([], 42)).toBe(0);
  });

  it("puts later values outside the baseline range in the end bins", () => {
    const fitted = createPsi({ binning: quantileBinning(4) }).fit([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fitted.edges).toEqual([3, 5, 7]);
    const { bins } = fitted.evaluate([-100, 3, 3.5, 100]);
    expect(bins.map((b) => [b.lower, b.upper, b.currentCount])).toEqual([
      [Number.NEGATIVE_INFINITY, 3, 2],
      [3, 5, 1],
      [5, 7, 0],
      [7, Number.POSITIVE_INFINITY, 1],
    ]);
    expect(bins.map((b) => b.baselineCount)).toEqual([3, 2, 2, 2]);
  });
});

describe("quantileBinning", () => {
  it("computes np.quantile (linear) bit for bit", () => {
    const { sorted, p, q } = fixture.quantiles;
    expect(p.map((pi) => quantileSorted(sorted, pi))).toEqual(q);
  });

  it("deduplicates repeated quantiles and drops a cut at the maximum", () => {
    // deciles of 0,0,0,10,10,10: 0,0,0,0,5,10,10,10,10 → cuts 0, 5 (10 is the maximum)
    expect(quantileBinning(10).fit([0, 0, 0, 10, 10, 10])).toEqual([0, 5]);
    // few distinct values → fewer bins (numpy: 1, 1, 1, 1.6, 2, 2, 2, 2.2, 3 → 4 cuts, 5 bins);
    // a constant baseline → one bin
    expect(quantileBinning(10).fit([1, 1, 1, 1, 2, 2, 2, 2, 3, 3])).toEqual([1, 1.6, 2, 2.2]);
    expect(quantileBinning(10).fit([7, 7, 7])).toEqual([]);
    expect(quantileBinning(10).fit([])).toEqual([]);
    expect(quantileBinning().name).toBe("quantile-10");
  });

  it("rejects a bad bin count and non-finite baseline values", () => {
    expect(() => quantileBinning(1)).toThrow(/bins must be an integer/);
    expect(() => fixedWidthBinning(2.5)).toThrow(/bins must be an integer/);
    expect(() => quantileBinning().fit([1, Number.NaN])).toThrow(/index 1 is NaN/);
  });
});

describe("fixedWidthBinning", () => {
  it("cuts [min, max] into equal widths; a constant baseline gets one bin", () => {
    expect(fixedWidthBinning(4).fit([10, 2, 6])).toEqual([4, 6, 8]);
    expect(fixedWidthBinning(4).fit([3, 3])).toEqual([]);
    expect(fixedWidthBinning(5).name).toBe("fixed-width-5");
  });
});
