import { describe, expect, it } from "vitest";
import { compareSnapshots, segmentSizes } from "./compare-snapshots.ts";

describe("comparing consecutive snapshots", () => {
  const names = ["Loyal", "At risk"];
  const first = { keys: ["a", "b", "c", "d"], labels: [0, 0, 1, -1], names };
  const second = { keys: ["a", "b", "c", "e"], labels: [0, 1, 1, 1], names };
  const third = { keys: ["a", "b", "c", "e"], labels: [0, 1, 1, 1], names };

  it("counts customers per segment, noise as its own group", () => {
    expect(segmentSizes(first)).toEqual({ names: ["Loyal", "At risk", "Noise"], sizes: [2, 1, 1] });
    expect(segmentSizes(second)).toEqual({ names, sizes: [1, 3] });
  });

  it("gives each pair its matrix, Sankey links and alerts", () => {
    const [one, two] = compareSnapshots([first, second, third], { threshold: 0.2 });
    // a stays Loyal, b Loyal → At risk, c stays At risk, d (noise) leaves, e arrives in At risk.
    expect(one).toMatchObject({ from: 0, to: 1, matrix: { stayed: 2, common: 3, entered: 1, left: 1 } });
    expect(one?.matrix.stability).toBeCloseTo(2 / 3, 12);
    expect(one?.links.links.reduce((sum, l) => sum + l.value, 0)).toBe(5);
    // Shares: Loyal 2/4 → 1/4 (−50 %), At risk 1/4 → 3/4 (+200 %), Noise 1/4 → gone.
    expect(one?.alerts.map((a) => [a.segment, a.direction])).toEqual([
      ["At risk", "grew"],
      ["Noise", "vanished"],
      ["Loyal", "shrank"],
    ]);
    expect(two).toMatchObject({ from: 1, to: 2, matrix: { stability: 1 }, alerts: [] });
  });
});
