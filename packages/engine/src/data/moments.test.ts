import { describe, expect, it } from "vitest";
import { moments } from "./moments.ts";

describe("moments", () => {
  it("matches hand-computed pandas values for [1, 2, 3, 10]", () => {
    // mean 4; deviations -3 -2 -1 6; M2 = 50, M3 = 180.
    // std = sqrt(50 / 3); G1 = 4 · sqrt(3) / 2 · 180 / 50^1.5 = 18·sqrt(6)/25 ≈ 1.7636326.
    const m = moments([1, 2, 3, 10]);
    expect(m?.mean).toBe(4);
    expect(m?.min).toBe(1);
    expect(m?.max).toBe(10);
    expect(m?.std).toBeCloseTo(Math.sqrt(50 / 3), 12);
    expect(Math.abs((m?.skewness ?? 0) - (18 * Math.sqrt(6)) / 25)).toBeLessThan(1e-12);
  });

  it("gives the same result from distinct values with weights", () => {
    const plain = moments([1, 1, 1, 2, 5, 5]);
    const weighted = moments([1, 2, 5], [3, 1, 2]);
    // mean 2.5; M2 = 3·2.25 + 0.25 + 2·6.25 = 19.5; M3 = 3·(-3.375) + (-0.125) + 2·15.625 = 21
    expect(weighted?.mean).toBe(2.5);
    expect(weighted?.std).toBeCloseTo(Math.sqrt(19.5 / 5), 12);
    expect(Math.abs((weighted?.skewness ?? 0) - ((6 * Math.sqrt(5)) / 4) * (21 / 19.5 ** 1.5))).toBeLessThan(
      1e-12,
    );
    expect(weighted).toEqual(plain);
  });

  it("handles the small and constant cases like pandas", () => {
    expect(moments([])).toBeUndefined();
    expect(moments([7])).toEqual({ count: 1, min: 7, max: 7, mean: 7 });
    expect(moments([1, 3])).toEqual({ count: 2, min: 1, max: 3, mean: 2, std: Math.SQRT2 });
    expect(moments([4, 4, 4])?.skewness).toBe(0);
  });
});
