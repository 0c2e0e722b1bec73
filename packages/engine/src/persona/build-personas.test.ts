import { describe, expect, it } from "vitest";
import { column, tableOf } from "../test-support/schema.ts";
import {
  AVERAGE_NAME,
  buildPersonas,
  namePersona,
  profilePopulation,
  profileSegments,
  suggestStrategy,
  uniqueNames,
} from "./index.ts";
import { handAssignment, handLabels, handRows, handSchema, handTable } from "./test-tables.ts";

describe("namePersona", () => {
  const population = profilePopulation(handTable, handSchema, { labels: handLabels });
  const [a, b] = profileSegments(handTable, handSchema, handAssignment, 2, { labels: handLabels });

  it("names a segment after its most distinctive traits", () => {
    // Segment 1: phone 0.8 vs 0.4 → index 200; x 25 vs 13.75 → 181.8; edu level 3 0.6 vs 0.4 → 150.
    expect(namePersona(b!, population).name).toBe("channel: phone · High x · edu: 3");
    // Segment 0: web 0.6 vs 0.3 → 200; x 2.5 vs 13.75 → 18.2; flag 0 share 0.6 vs 0.4 → 150.
    expect(namePersona(a!, population).name).toBe("channel: web · Low x · flag: 0");
    expect(namePersona(a!, population, { maxTraits: 1 }).name).toBe("channel: web");
  });

  it("is deterministic and keeps at most 8 traits, one per feature, strongest first", () => {
    const first = namePersona(b!, population);
    expect(namePersona(b!, population)).toEqual(first);
    expect(first.traits.map((t) => [t.feature, t.level ?? t.direction, t.distinctiveness])).toEqual([
      ["channel", "phone", 100],
      ["x", "high", (100 * 25) / 13.75 - 100],
      ["edu", "3", (100 * 0.6) / 0.4 - 100],
      ["flag", "1", (100 * 0.8) / 0.6 - 100],
    ]);
  });

  it("writes a plain description and a strategy from conversion vs the population", () => {
    const text = namePersona(b!, population);
    expect(text.description).toBe(
      "5 customers (50.0% of all). channel: phone for 80.0% vs 40.0% overall; x averages 25 vs 13.75 overall; " +
        "edu: 3 for 60.0% vs 40.0% overall. Conversion 60.0% vs 50.0% overall.",
    );
    expect(text.strategy).toBe("Nurture: conversion 1.2× average — educate and follow up at low cost");
  });

  it("suggests Convert / Nurture / Deprioritise, and says when there is no conversion data", () => {
    expect(suggestStrategy(0.31, 0.1)).toBe("Convert: conversion 3.1× average — prioritise in campaigns");
    expect(suggestStrategy(0.1, 0.1)).toMatch(/^Nurture: conversion 1\.0× average/);
    expect(suggestStrategy(0.02, 0.1)).toMatch(/^Deprioritise: conversion 0\.2× average/);
    expect(suggestStrategy(null, null)).toBe("No conversion data: set a strategy for this persona");
  });

  it("calls a segment that stands out on nothing an average profile", () => {
    const table = tableOf(["x"], [["1"], ["2"], ["1"], ["2"]]);
    const schema = { rowCount: 4, columns: [column("x", "numeric")] };
    const [same] = profileSegments(table, schema, Int32Array.from([0, 0, 1, 1]), 2);
    const text = namePersona(same!, profilePopulation(table, schema));
    expect(text.name).toBe(AVERAGE_NAME);
    expect(text.description).toBe(
      "2 customers (50.0% of all). Close to the overall average on every feature.",
    );
  });
});

describe("uniqueNames", () => {
  it("adds a suffix to repeated names, never clashing with another name", () => {
    expect(uniqueNames(["A", "B", "A", "A (2)", "A"])).toEqual(["A", "B", "A (3)", "A (2)", "A (4)"]);
  });
});

describe("buildPersonas", () => {
  it("composes profile, name, traits and rules, with unique names", () => {
    // Segment 2 repeats the rows of segment 0, so both get the same automatic name.
    const table = tableOf(handTable.header, [...handRows, ...handRows.slice(0, 5)]);
    const assignment = Int32Array.from([...handAssignment, 2, 2, 2, 2, 2]);
    const labels = Uint8Array.from([...handLabels, ...handLabels.subarray(0, 5)]);
    const personas = buildPersonas(table, { ...handSchema, rowCount: 15 }, assignment, 3, {
      labels,
      minLeaf: 2,
    });
    expect(personas.map((p) => [p.segmentId, p.size, p.share, p.conversionRate])).toEqual([
      [0, 5, 5 / 15, 0.4],
      [1, 5, 5 / 15, 0.6],
      [2, 5, 5 / 15, 0.4],
    ]);
    expect(personas[2]!.name).toBe(`${personas[0]!.name} (2)`);
    expect(new Set(personas.map((p) => p.name)).size).toBe(3);
    expect(personas[1]!.traits.length).toBeGreaterThan(0);
    expect(personas[1]!.rules[0]).toMatchObject({ precision: 1 });
  });

  it("keeps preset text and fills in the rest", () => {
    const personas = buildPersonas(handTable, handSchema, handAssignment, 2, {
      labels: handLabels,
      presets: [{ name: "Web starters", strategy: "Onboard" }],
      minLeaf: 2,
    });
    expect(personas[0]).toMatchObject({ name: "Web starters", strategy: "Onboard" });
    expect(personas[0]!.description).toMatch(/^5 customers/);
    expect(personas[1]!.name).toBe("channel: phone · High x · edu: 3");
  });
});
