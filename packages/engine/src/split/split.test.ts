import { describe, expect, it } from "vitest";
import { isKindredError, type KindredErrorCode } from "../errors/index.ts";
import {
  countSplits,
  roundCount,
  rowsOf,
  SPLIT,
  splitNames,
  splitOutOfTime,
  splitRandom,
  timeOrder,
  UNUSED,
} from "./index.ts";

function expectError(fn: () => unknown, code: KindredErrorCode, text: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(isKindredError(error, code), String(error)).toBe(true);
    expect((error as Error).message).toMatch(text);
    return;
  }
  throw new Error("expected an error");
}

/** Deterministic 0/1 labels with `positives` ones spread over n rows. */
function spreadLabels(n: number, positives: number): Uint8Array {
  const labels = new Uint8Array(n);
  for (let k = 0; k < positives; k++) labels[Math.floor((k * n) / positives)] = 1;
  return labels;
}

function positivesIn(codes: Uint8Array, labels: ArrayLike<number>, split: keyof typeof SPLIT): number {
  return Array.from(rowsOf(codes, split)).filter((r) => labels[r] === 1).length;
}

describe("split codes", () => {
  it("names the codes in code order and lists rows of a split", () => {
    expect(splitNames.map((name) => SPLIT[name])).toEqual([0, 1, 2, 3, 4]);
    const codes = Uint8Array.from([0, 1, 0, 2, UNUSED, 0]);
    expect(Array.from(rowsOf(codes, "train"))).toEqual([0, 2, 5]);
    expect(Array.from(rowsOf(codes, "oot2"))).toEqual([]);
    expect(countSplits(codes)).toEqual({ train: 3, val: 1, oot1: 1, oot2: 0, test: 0, unused: 1 });
  });

  it("rounds n × share half up after removing float noise", () => {
    expect(50 * 0.29).toBe(14.499999999999998);
    expect(roundCount(50, 0.29)).toBe(15);
    expect(roundCount(70, 0.15)).toBe(11);
    expect(roundCount(41_188, 0.7)).toBe(28_832);
  });
});

describe("splitOutOfTime", () => {
  it("has exact default sizes for n = 100 and n = 41,188", () => {
    expect(countSplits(splitOutOfTime(100, { seed: 1 }))).toEqual({
      train: 59,
      val: 11,
      oot1: 15,
      oot2: 15,
      test: 0,
      unused: 0,
    });
    expect(countSplits(splitOutOfTime(41_188, { seed: 1 }))).toEqual({
      train: 24_507,
      val: 4_325,
      oot1: 6_178,
      oot2: 6_178,
      test: 0,
      unused: 0,
    });
  });

  it("puts the OOT windows, contiguous, after every in-time row of the given order", () => {
    const n = 200;
    const order = Uint32Array.from({ length: n }, (_, p) => (p * 7 + 3) % n); // a permutation (gcd(7, n) = 1)
    expect(new Set(order).size).toBe(n);
    const codes = splitOutOfTime(n, { order, seed: 5 });
    const byPosition = Array.from(order, (row) => codes[row]);
    expect(byPosition.slice(0, 140).every((c) => c === SPLIT.train || c === SPLIT.val)).toBe(true);
    expect(byPosition.slice(140, 170).every((c) => c === SPLIT.oot1)).toBe(true);
    expect(byPosition.slice(170).every((c) => c === SPLIT.oot2)).toBe(true);
  });

  it("respects order: reversed time puts the first rows last", () => {
    const order = Uint32Array.from({ length: 100 }, (_, i) => 99 - i);
    const codes = splitOutOfTime(100, { order, seed: 1 });
    expect(Array.from(rowsOf(codes, "oot2"))).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(Array.from(rowsOf(codes, "oot1"))).toEqual(Array.from({ length: 15 }, (_, i) => 15 + i));
  });

  it("is reproducible for a seed and differs for another seed", () => {
    const a = splitOutOfTime(1000, { seed: 42 });
    expect(splitOutOfTime(1000, { seed: 42 })).toEqual(a);
    expect(splitOutOfTime(1000, { seed: 43 })).not.toEqual(a);
  });

  it("marks rows after the last window unused (255) when shares sum below 1", () => {
    const codes = splitOutOfTime(100, { inTimeShare: 0.5, oot1Share: 0.1, oot2Share: 0.1, seed: 1 });
    expect(countSplits(codes)).toMatchObject({ train: 42, val: 8, oot1: 10, oot2: 10, unused: 30 });
    expect(Array.from(codes.slice(70)).every((c) => c === UNUSED)).toBe(true);
  });

  it("stratifies train/val: positives within one row of proportional", () => {
    const n = 2000;
    const labels = spreadLabels(n, 227);
    const codes = splitOutOfTime(n, { labels, seed: 9 });
    let inTimePositives = 0;
    for (let r = 0; r < 1400; r++) inTimePositives += labels[r]!;
    const share = inTimePositives / 1400;
    const train = rowsOf(codes, "train").length;
    const val = rowsOf(codes, "val").length;
    expect([train, val]).toEqual([1190, 210]);
    expect(Math.abs(positivesIn(codes, labels, "train") - train * share)).toBeLessThanOrEqual(1);
    expect(Math.abs(positivesIn(codes, labels, "val") - val * share)).toBeLessThanOrEqual(1);
  });

  it("rejects bad shares, naming the field", () => {
    expectError(() => splitOutOfTime(100, { inTimeShare: 1.2, seed: 1 }), "INVALID_CONFIG", /inTimeShare/);
    expectError(() => splitOutOfTime(100, { valShare: -0.1, seed: 1 }), "INVALID_CONFIG", /valShare/);
    expectError(() => splitOutOfTime(100, { oot2Share: Number.NaN, seed: 1 }), "INVALID_CONFIG", /oot2Share/);
    expectError(
      () => splitOutOfTime(100, { inTimeShare: 0.8, seed: 1 }),
      "INVALID_CONFIG",
      /inTimeShare \+ oot1Share \+ oot2Share must not exceed 1/,
    );
    expectError(() => splitOutOfTime(3, { order: [0, 0, 1], seed: 1 }), "INVALID_CONFIG", /order/);
    expectError(() => splitOutOfTime(3, { seed: 1.5 }), "INVALID_CONFIG", /seed/);
    expectError(() => splitOutOfTime(3, { labels: [0, 2, 1], seed: 1 }), "INVALID_CONFIG", /row 2/);
  });

  it("rejects splits that end up empty or one-class", () => {
    expectError(
      () => splitOutOfTime(5, { seed: 1 }),
      "SPLIT_TOO_SMALL",
      /^split "oot1" has 0 rows \(n = 5: train 3, val 1, oot1 0, oot2 1\); use more rows or a larger oot1Share$/,
    );
    expectError(() => splitOutOfTime(3, { seed: 1 }), "SPLIT_TOO_SMALL", /split "val" has 0 rows/);
    expectError(
      () => splitOutOfTime(100, { labels: spreadLabels(100, 1), seed: 1 }),
      "SPLIT_TOO_SMALL",
      /split "(train|val)" has \d+ rows but 0 positive/,
    );
  });
});

describe("splitRandom", () => {
  it("has exact default sizes for n = 100 and n = 41,188", () => {
    expect(countSplits(splitRandom(100, { seed: 1 }))).toMatchObject({ train: 70, val: 15, test: 15 });
    expect(countSplits(splitRandom(41_188, { seed: 1 }))).toMatchObject({
      train: 28_832,
      val: 6_178,
      test: 6_178,
      unused: 0,
    });
  });

  it("stratifies every split within one row and is reproducible", () => {
    const n = 1001;
    const labels = spreadLabels(n, 113);
    const codes = splitRandom(n, { labels, seed: 3 });
    for (const split of ["train", "val", "test"] as const) {
      const size = rowsOf(codes, split).length;
      expect(Math.abs(positivesIn(codes, labels, split) - (size * 113) / n)).toBeLessThanOrEqual(1);
    }
    expect(splitRandom(n, { labels, seed: 3 })).toEqual(codes);
    expect(splitRandom(n, { labels, seed: 4 })).not.toEqual(codes);
  });

  it("rejects bad shares and too-small splits", () => {
    expectError(
      () => splitRandom(100, { valShare: 0.6, testShare: 0.5, seed: 1 }),
      "INVALID_CONFIG",
      /valShare \+ testShare/,
    );
    expectError(() => splitRandom(3, { seed: 1 }), "SPLIT_TOO_SMALL", /split "val" has 0 rows/);
    expectError(
      () => splitRandom(100, { valShare: 0.5, testShare: 0.5, seed: 1 }),
      "SPLIT_TOO_SMALL",
      /"train"/,
    );
  });
});

describe("timeOrder", () => {
  it("sorts rows by time, keeping ties in row order", () => {
    expect(Array.from(timeOrder([30, 10, 20, 10, 30, -5]))).toEqual([5, 1, 3, 2, 0, 4]);
  });

  it("names the first row without a valid time", () => {
    expectError(() => timeOrder([1, 2, Number.NaN, Number.NaN]), "INVALID_CONFIG", /row 3/);
  });
});
