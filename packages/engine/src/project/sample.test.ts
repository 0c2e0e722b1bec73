import { describe, expect, it } from "vitest";
import { gatherRows, sampleRows } from "./index.ts";

describe("sampleRows", () => {
  it("draws sorted, distinct rows, the same for the same seed", () => {
    const sample = sampleRows(1000, 100, 7);
    expect(sample).toHaveLength(100);
    expect(new Set(sample).size).toBe(100);
    expect(sample.every((row, i) => row < 1000 && (i === 0 || row > (sample[i - 1] as number)))).toBe(true);
    expect(sampleRows(1000, 100, 7)).toEqual(sample);
    expect(sampleRows(1000, 100, 8)).not.toEqual(sample);
  });

  it("keeps every row when there are at most max", () => {
    expect(Array.from(sampleRows(5, 10, 1))).toEqual([0, 1, 2, 3, 4]);
    expect(sampleRows(0, 10, 1)).toHaveLength(0);
  });

  it("is uniform: each row is drawn with probability max / n", () => {
    const counts = new Array(20).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const row of sampleRows(20, 5, seed)) counts[row]++;
    // Expected 500 each, standard deviation √(2000 · ¼ · ¾) ≈ 19.
    for (const count of counts) expect(Math.abs(count - 500)).toBeLessThan(100);
  });

  it("refuses a bad size or seed", () => {
    expect(() => sampleRows(10, 0, 1)).toThrow(/max must be an integer at least 1/);
    expect(() => sampleRows(-1, 5, 1)).toThrow(/n must be/);
    expect(() => sampleRows(10, 5, 1.5)).toThrow(/seed must be an integer/);
  });
});

describe("gatherRows", () => {
  it("copies the given rows in order and refuses unknown rows", () => {
    const points = { data: Float32Array.from([0, 1, 10, 11, 20, 21]), rows: 3, cols: 2 };
    const picked = gatherRows(points, Uint32Array.from([2, 0]));
    expect(picked).toEqual({ data: Float32Array.from([20, 21, 0, 1]), rows: 2, cols: 2 });
    expect(() => gatherRows(points, [3])).toThrow(/rows\[0\] is 3/);
  });
});
