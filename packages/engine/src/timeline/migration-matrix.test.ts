import { describe, expect, it } from "vitest";
import { migrationMatrix, type SegmentSnapshot } from "./index.ts";

// Before: a, b, f Loyal; c, d At risk; e noise. After (segment indices in another order): b, c
// Loyal; d At risk; e, h Champions; g noise. a and f left; g and h are new.
const before: SegmentSnapshot = {
  keys: ["a", "b", "c", "d", "e", "f"],
  labels: [0, 0, 1, 1, -1, 0],
  names: ["Loyal", "At risk"],
};
const after: SegmentSnapshot = {
  keys: ["b", "c", "d", "e", "g", "h"],
  labels: Int32Array.of(1, 1, 0, 2, -1, 2),
  names: ["At risk", "Loyal", "Champions"],
};

describe("migrationMatrix", () => {
  it("counts moves by customer key and segment name, with new and gone customers", () => {
    const m = migrationMatrix(before, after);
    expect(m.from).toEqual(["Loyal", "At risk", "Noise", "(new)"]);
    expect(m.to).toEqual(["At risk", "Loyal", "Champions", "Noise", "(gone)"]);
    expect(m.counts).toEqual([
      // At risk, Loyal, Champions, Noise, (gone)
      [0, 1, 0, 0, 2], // Loyal: b stayed; a, f left
      [1, 1, 0, 0, 0], // At risk: d stayed; c became Loyal
      [0, 0, 1, 0, 0], // Noise: e became Champions
      [0, 0, 1, 1, 0], // (new): h Champions, g noise
    ]);
    // b and d kept their segment name; b, c, d, e are in both.
    expect(m).toMatchObject({ stayed: 2, common: 4, stability: 0.5, entered: 2, left: 2 });
  });

  it("counts unchanged noise as staying and reuses a segment already named Noise", () => {
    const m = migrationMatrix(
      { keys: ["a", "b"], labels: [-1, 0], names: ["Noise"] },
      { keys: ["a", "b"], labels: [-1, -1], names: ["Loyal"] },
    );
    expect(m.from).toEqual(["Noise", "(new)"]);
    expect(m.to).toEqual(["Loyal", "Noise", "(gone)"]);
    expect(m.counts).toEqual([
      [0, 2, 0],
      [0, 0, 0],
    ]);
    expect(m).toMatchObject({ stayed: 2, common: 2, stability: 1, entered: 0, left: 0 });
  });

  it("gives stability 0 (not NaN) when no customer is in both snapshots", () => {
    const m = migrationMatrix(
      { keys: ["a"], labels: [0], names: ["Loyal"] },
      { keys: ["b", "c"], labels: [0, 0], names: ["Loyal"] },
    );
    expect(m.counts).toEqual([
      [0, 1],
      [2, 0],
    ]);
    expect(m).toMatchObject({ stayed: 0, common: 0, stability: 0, entered: 2, left: 1 });
  });

  it("rejects a key twice in one snapshot, naming the row of the second occurrence", () => {
    const twice = { keys: ["a", "b", "a"], labels: [0, 0, 0], names: ["Loyal"] };
    expect(() => migrationMatrix(twice, after)).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "before.keys", row: 3 } }),
    );
    expect(() => migrationMatrix(before, twice)).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "after.keys", row: 3 } }),
    );
  });

  it("rejects labels outside −1..names − 1, mismatched lengths and a name twice", () => {
    const bad = { keys: ["a", "b"], labels: [0, 1], names: ["Loyal"] };
    expect(() => migrationMatrix(bad, after)).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "before.labels", row: 2 } }),
    );
    expect(() => migrationMatrix(before, { ...after, labels: [0] })).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "after.labels" } }),
    );
    expect(() => migrationMatrix({ ...before, names: ["Loyal", "Loyal"] }, after)).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", location: { field: "before.names" } }),
    );
  });
});
