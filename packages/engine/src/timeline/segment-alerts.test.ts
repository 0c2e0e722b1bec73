import { describe, expect, it } from "vitest";
import { segmentAlerts } from "./index.ts";

// Before: 100 customers, shares .5 / .3 / .2. After: 150 customers, shares .6 / .3 / .1.
const before = { names: ["Loyal", "At risk", "Dormant"], sizes: [50, 30, 20] };
const after = { names: ["Loyal", "At risk", "Champions"], sizes: [90, 45, 15] };

describe("segmentAlerts", () => {
  it("compares shares, largest |change| first, with appeared and vanished segments", () => {
    // Loyal .5 → .6: +0.2. At risk 30 → 45 customers but .3 → .3: no alert.
    // Dormant .2 → 0: −1 (vanished). Champions 0 → .1: +Infinity (appeared).
    expect(segmentAlerts(before, after, { threshold: 0.1 })).toEqual([
      {
        segment: "Champions",
        before: 0,
        after: 15,
        shareBefore: 0,
        shareAfter: 0.1,
        change: Number.POSITIVE_INFINITY,
        direction: "appeared",
      },
      {
        segment: "Dormant",
        before: 20,
        after: 0,
        shareBefore: 0.2,
        shareAfter: 0,
        change: -1,
        direction: "vanished",
      },
      {
        segment: "Loyal",
        before: 50,
        after: 90,
        shareBefore: 0.5,
        shareAfter: 0.6,
        change: 0.2,
        direction: "grew",
      },
    ]);
  });

  it("does not alert on a change exactly equal to the threshold", () => {
    // Loyal's change is exactly +0.2; a vanished segment (−1) needs threshold < 1.
    expect(segmentAlerts(before, after, { threshold: 0.2 }).map((a) => a.segment)).toEqual([
      "Champions",
      "Dormant",
    ]);
    expect(segmentAlerts(before, after, { threshold: 1 }).map((a) => a.segment)).toEqual(["Champions"]);
    // 50/50 → 60/40: shares change by exactly +0.2 and −0.2.
    const even = { names: ["A", "B"], sizes: [50, 50] };
    const shifted = { names: ["A", "B"], sizes: [60, 40] };
    expect(segmentAlerts(even, shifted, { threshold: 0.2 })).toEqual([]);
    expect(segmentAlerts(even, shifted, { threshold: 0.19 })).toMatchObject([
      { segment: "A", change: 0.2, direction: "grew" },
      { segment: "B", change: -0.2, direction: "shrank" },
    ]);
  });

  it("ignores a customer base that grows evenly", () => {
    const grown = { names: ["Loyal", "At risk", "Dormant"], sizes: [100, 60, 40] };
    expect(segmentAlerts(before, grown, { threshold: 0 })).toEqual([]);
  });

  it("skips segments smaller than minCustomers on both sides", () => {
    // Champions has 0 and 15 (< 20 both): skipped. Dormant had 20 (not < 20): kept.
    const alerts = segmentAlerts(before, after, { threshold: 0.1, minCustomers: 20 });
    expect(alerts.map((a) => a.segment)).toEqual(["Dormant", "Loyal"]);
  });

  it("rejects a bad threshold, mismatched sizes, negative sizes and a name twice", () => {
    const run =
      (b: typeof before, t = 0.1) =>
      () =>
        segmentAlerts(b, after, { threshold: t });
    expect(run(before, -0.1)).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "threshold" } }),
    );
    expect(run({ names: ["A", "B"], sizes: [1] })).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "before.sizes" } }),
    );
    expect(run({ names: ["A"], sizes: [-1] })).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "before.sizes" } }),
    );
    expect(run({ names: ["A", "A"], sizes: [1, 2] })).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "before.names" } }),
    );
  });
});
