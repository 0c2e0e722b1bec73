import { describe, expect, it } from "vitest";
import type { DatasetSchema, RawTable } from "../data/types.ts";
import { isKindredError } from "../errors/index.ts";
import { column } from "../test-support/schema.ts";
import {
  type CategoricalFeatureProfile,
  type NumericFeatureProfile,
  profilePopulation,
  profileSegments,
  type SegmentProfile,
} from "./index.ts";
import { handAssignment, handLabels, handSchema, handTable } from "./test-tables.ts";

const numeric = (p: SegmentProfile, name: string) =>
  p.features.find((f) => f.feature === name) as NumericFeatureProfile;
const levels = (p: SegmentProfile, name: string) =>
  p.features.find((f) => f.feature === name) as CategoricalFeatureProfile;

describe("profileSegments on a hand-made 10-row table", () => {
  const [a, b] = profileSegments(handTable, handSchema, handAssignment, 2, {
    labels: handLabels,
    probabilities: Float32Array.from([0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25]),
  }) as [SegmentProfile, SegmentProfile];

  it("gives size, share, conversion and mean probability", () => {
    expect([a.id, a.size, a.share, a.conversionRate, a.meanProbability]).toEqual([0, 5, 0.5, 0.4, 0.5]);
    expect([b.id, b.size, b.share, b.conversionRate, b.meanProbability]).toEqual([1, 5, 0.5, 0.6, 0.25]);
  });

  it("averages numeric values without missing cells and sentinels; index = 100 × mean / population mean", () => {
    // Present x: 1 2 3 4 | 10 20 30 40 → population mean 110 / 8 = 13.75.
    const xa = numeric(a, "x");
    const xb = numeric(b, "x");
    expect(xa).toMatchObject({
      kind: "numeric",
      present: 4,
      missingShare: 0.2,
      mean: 2.5,
      populationMean: 13.75,
    });
    expect(xb).toMatchObject({ present: 4, missingShare: 0.2, mean: 25, populationMean: 13.75 });
    expect(xa.index).toBe((100 * 2.5) / 13.75);
    expect(xb.index).toBe((100 * 25) / 13.75);
    // Squared deviations from 13.75 sum to 1517.5; std = sqrt(1517.5 / 8).
    expect(xa.difference).toBe((2.5 - 13.75) / Math.sqrt(1517.5 / 8));
    expect(xb.difference).toBe((25 - 13.75) / Math.sqrt(1517.5 / 8));
  });

  it("reports ordinal means and level shares", () => {
    const ea = numeric(a, "edu");
    expect([ea.kind, ea.mean, ea.populationMean, ea.index]).toEqual([
      "ordinal",
      9 / 5,
      21 / 10,
      (100 * (9 / 5)) / (21 / 10),
    ]);
    expect(ea.levels).toEqual([
      { level: "1", count: 2, share: 0.4, populationShare: 0.3, index: (100 * 0.4) / 0.3 },
      { level: "2", count: 2, share: 0.4, populationShare: 0.3, index: (100 * 0.4) / 0.3 },
      { level: "3", count: 1, share: 0.2, populationShare: 0.4, index: (100 * 0.2) / 0.4 },
    ]);
  });

  it("gives the share of each level against the population, with an index per level", () => {
    expect(levels(b, "channel")).toEqual({
      feature: "channel",
      kind: "categorical",
      missingShare: 0,
      populationMissingShare: 0,
      levels: [
        { level: "phone", count: 4, share: 0.8, populationShare: 0.4, index: 200 },
        { level: "web", count: 0, share: 0, populationShare: 0.3, index: 0 },
        { level: "branch", count: 1, share: 0.2, populationShare: 0.3, index: (100 * 0.2) / 0.3 },
      ],
    });
    expect(levels(a, "flag").levels.map((l) => [l.level, l.share, l.populationShare])).toEqual([
      ["0", 0.6, 0.4],
      ["1", 0.4, 0.6],
    ]);
  });

  it("has a population baseline with the same reading of the cells", () => {
    const population = profilePopulation(handTable, handSchema, { labels: handLabels });
    expect(population.size).toBe(10);
    expect(population.conversionRate).toBe(0.5);
    expect(population.features[0]).toEqual({
      feature: "x",
      kind: "numeric",
      present: 8,
      missingShare: 0.2,
      mean: 13.75,
      std: Math.sqrt(1517.5 / 8),
    });
    expect(population.features[2]).toMatchObject({
      kind: "categorical",
      levels: [
        { level: "phone", count: 4, share: 0.4 },
        { level: "web", count: 3, share: 0.3 },
        { level: "branch", count: 3, share: 0.3 },
      ],
    });
  });

  it("has a null index (and a std difference) when the population mean is 0; null conversion without labels", () => {
    const table: RawTable = { header: ["v"], columns: [["-1", "1", "-3", "3"]], rowCount: 4 };
    const schema: DatasetSchema = { rowCount: 4, columns: [column("v", "numeric")] };
    const [low, high] = profileSegments(table, schema, Int32Array.from([0, 1, 0, 1]), 2);
    expect(numeric(low!, "v")).toMatchObject({ mean: -2, populationMean: 0, index: null });
    expect(numeric(low!, "v").difference).toBe(-2 / Math.sqrt(5));
    expect(numeric(high!, "v").difference).toBe(2 / Math.sqrt(5));
    expect(low!.conversionRate).toBeNull();
    expect(low!.meanProbability).toBeUndefined();
  });

  it("describes an empty segment with zeros and nulls", () => {
    const [, empty] = profileSegments(handTable, handSchema, new Int32Array(10), 2, { labels: handLabels });
    expect(empty).toMatchObject({ size: 0, share: 0, conversionRate: null });
    expect(numeric(empty!, "x")).toMatchObject({ mean: null, index: null, difference: null });
  });

  it("names the position of a bad assignment, the length of bad labels and an unknown feature", () => {
    const bad = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 2, 1]);
    expect(() => profileSegments(handTable, handSchema, bad, 2)).toThrow(
      /assignment\[8\] is 2, not a segment id 0\.\.1/,
    );
    expect(() =>
      profileSegments(handTable, handSchema, handAssignment, 2, { labels: new Uint8Array(3) }),
    ).toThrow(/labels has 3 entries but the table has 10 rows/);
    try {
      profileSegments(handTable, handSchema, handAssignment, 2, { features: ["x", "nope"] });
      expect.unreachable();
    } catch (error) {
      expect(isKindredError(error, "UNKNOWN_COLUMN")).toBe(true);
      expect((error as Error).message).toMatch(/"nope"/);
    }
  });

  it("reports a cell that is not a number with its column and row", () => {
    const table = {
      ...handTable,
      columns: [["1", "2", "x3", ...handTable.columns[0]!.slice(3)], ...handTable.columns.slice(1)],
    };
    expect(() => profileSegments(table, handSchema, handAssignment, 2)).toThrow(
      /column "x", row 3: "x3" is not a number/,
    );
  });
});
