import { describe, expect, it } from "vitest";
import { kneedle } from "./index.ts";

const ks = [2, 3, 4, 5, 6, 7, 8, 9, 10];

describe("kneedle", () => {
  it("finds the elbow of a hand-made inertia curve", () => {
    // Steep until K = 4, then nearly flat: normalized, the difference curve (1 − y) − x is
    // 0, .445, .839 (K = 4, max), .743, .647, ...; threshold .839 − 1/8 is crossed at K = 6.
    const inertia = [1000, 500, 100, 90, 80, 70, 60, 50, 40];
    expect(kneedle(ks, inertia)).toBe(4);
    // Scaling and shifting y does not matter.
    expect(
      kneedle(
        ks,
        inertia.map((v) => 3 * v + 7),
      ),
    ).toBe(4);
  });

  it("finds the knee of 1/K and of an exponential decay", () => {
    // K = 1..9: D(K) = (10 − 9/K − K) / 8, largest at K = 3 (0.5); D(6) = 0.3125 < 0.5 − 1/8.
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(
      kneedle(
        nine,
        nine.map((k) => 1 / k),
      ),
    ).toBe(3);
    // e^−K on 1..10: D = 0, .521, .643, .617, … → knee at 3.
    const ten = [...nine, 10];
    expect(
      kneedle(
        ten,
        ten.map((k) => Math.exp(-k)),
      ),
    ).toBe(3);
  });

  it("returns null for a flat, a straight or a concave curve, and for fewer than 3 points", () => {
    expect(
      kneedle(
        ks,
        ks.map(() => 5),
      ),
    ).toBeNull();
    expect(
      kneedle(
        ks,
        ks.map((k) => 100 - 10 * k),
      ),
    ).toBeNull();
    expect(
      kneedle(
        ks,
        ks.map((k) => 100 - k * k),
      ),
    ).toBeNull();
    // A slight bend (max difference below the threshold step 1/8) is no knee either.
    expect(
      kneedle(
        ks,
        ks.map((k) => 100 - 10 * k - 0.2 * (k - 6) ** 2),
      ),
    ).toBeNull();
    expect(kneedle([2, 3], [10, 5])).toBeNull();
  });

  it("rejects unordered or mismatched input", () => {
    expect(() => kneedle([2, 4, 3], [3, 2, 1])).toThrow(/strictly increasing ks; entry 2 is \(3, 1\)/);
    expect(() => kneedle([2, 3], [1])).toThrow(/differ in length/);
    expect(() => kneedle([2, 3, 4], [1, Number.NaN, 0])).toThrow(/entry 1/);
  });
});
