import { describe, expect, it } from "vitest";
import { migrationLinks, migrationMatrix } from "./index.ts";

describe("migrationLinks", () => {
  it("turns every non-zero cell into a link between before and after nodes", () => {
    const matrix = migrationMatrix(
      { keys: ["a", "b", "c", "d", "e", "f"], labels: [0, 0, 1, 1, -1, 0], names: ["Loyal", "At risk"] },
      {
        keys: ["b", "c", "d", "e", "g", "h"],
        labels: [1, 1, 0, 2, -1, 2],
        names: ["At risk", "Loyal", "Champions"],
      },
    );
    const { nodes, links } = migrationLinks(matrix);
    expect(nodes).toEqual([
      { name: "Loyal", side: "before" },
      { name: "At risk", side: "before" },
      { name: "Noise", side: "before" },
      { name: "(new)", side: "before" },
      { name: "At risk", side: "after" },
      { name: "Loyal", side: "after" },
      { name: "Champions", side: "after" },
      { name: "Noise", side: "after" },
      { name: "(gone)", side: "after" },
    ]);
    expect(links).toEqual([
      { source: 0, target: 5, value: 1 }, // Loyal → Loyal
      { source: 0, target: 8, value: 2 }, // Loyal → (gone)
      { source: 1, target: 4, value: 1 }, // At risk → At risk
      { source: 1, target: 5, value: 1 }, // At risk → Loyal
      { source: 2, target: 6, value: 1 }, // Noise → Champions
      { source: 3, target: 6, value: 1 }, // (new) → Champions
      { source: 3, target: 7, value: 1 }, // (new) → Noise
    ]);
  });

  it("leaves out segments without links and renumbers the rest", () => {
    // Same customers, C empty on both sides: no (new), no (gone), no C.
    const matrix = migrationMatrix(
      { keys: ["x", "y", "z"], labels: [0, 0, 1], names: ["A", "B", "C"] },
      { keys: ["x", "y", "z"], labels: [0, 1, 1], names: ["A", "B", "C"] },
    );
    expect(migrationLinks(matrix)).toEqual({
      nodes: [
        { name: "A", side: "before" },
        { name: "B", side: "before" },
        { name: "A", side: "after" },
        { name: "B", side: "after" },
      ],
      links: [
        { source: 0, target: 2, value: 1 },
        { source: 0, target: 3, value: 1 },
        { source: 1, target: 3, value: 1 },
      ],
    });
  });
});
