import { describe, expect, it } from "vitest";
import { createRng } from "../random/index.ts";
import { balancedSampler, fillDropoutMask, gatherRows, shuffledOrder } from "./batches.ts";

describe("batches", () => {
  it("gathers rows into a reused buffer", () => {
    const x = { data: Float32Array.from({ length: 12 }, (_, i) => i), rows: 4, cols: 3 };
    const out = new Float32Array(9);
    gatherRows(x, Int32Array.from([3, 0]), 0, 2, out);
    expect(Array.from(out.subarray(0, 6))).toEqual([9, 10, 11, 0, 1, 2]);
  });

  it("shuffles the training rows each epoch, reproducibly for a seed", () => {
    const rows = Int32Array.from({ length: 50 }, (_, i) => i * 2);
    const a = shuffledOrder(rows, createRng(1));
    const b = shuffledOrder(rows, createRng(1));
    const first = Array.from(a());
    expect(first).toEqual(Array.from(b()));
    expect([...first].sort((p, q) => p - q)).toEqual(Array.from(rows));
    expect(Array.from(a())).not.toEqual(first);
  });

  it("samples both classes equally often", () => {
    const labels = new Uint8Array(1000);
    for (let i = 0; i < 50; i++) labels[i] = 1;
    const rows = Int32Array.from({ length: 1000 }, (_, i) => i);
    const order = balancedSampler(rows, labels, createRng(3))();
    const positives = order.reduce((n, r) => n + (labels[r] as number), 0);
    expect(order.length).toBe(1000);
    expect(positives / order.length).toBeGreaterThan(0.45);
    expect(positives / order.length).toBeLessThan(0.55);
  });

  it("drops units at the requested rate and rescales the kept ones", () => {
    const mask = new Float32Array(20001);
    fillDropoutMask(mask, mask.length, 0.2, createRng(5));
    const dropped = mask.filter((v) => v === 0).length / mask.length;
    expect(dropped).toBeGreaterThan(0.19);
    expect(dropped).toBeLessThan(0.21);
    expect(new Set(mask)).toEqual(new Set([0, Math.fround(1 / 0.8)]));
  });
});
