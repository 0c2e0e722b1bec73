import { describe, expect, it } from "vitest";
import type { DatasetSchema, RawTable } from "../data/index.ts";
import { type EncoderSpec, fitEncoder } from "../features/index.ts";
import { failure } from "../test-support/errors.ts";
import { column, tableOf } from "../test-support/schema.ts";
import {
  compareLists,
  potentialList,
  probabilityList,
  type RawScorer,
  type ResolvedTipping,
  resolveTipping,
  searchTipping,
  summarizeTipping,
  type TippingConfig,
  type TippingOutcome,
  trialsFor,
} from "./index.ts";

// A small bank: Income (whole numbers), Family (ordinal 1–4), Spend (two decimals), Region
// (categorical), Card (binary), Age (numeric, to be locked), ID and Bought (not features).
const HEADER = ["ID", "Age", "Income", "Family", "Spend", "Region", "Card", "Bought"];
const ROWS = [
  ["1", "30", "100", "2", "1.25", "north", "0", "0"],
  ["2", "45", "120", "1", "0.50", "south", "1", "0"],
  ["3", "52", "40", "3", "2.75", "east", "0", "1"],
  ["4", "38", "180", "4", "4.00", "north", "1", "1"],
  ["5", "27", "60", "2", "0.10", "south", "0", "0"],
  ["6", "61", "20", "1", "3.30", "east", "1", "0"],
];
const table: RawTable = tableOf(HEADER, ROWS);
const stats = (min: number, max: number) => ({
  present: 6,
  missing: 0,
  missingShare: 0,
  distinct: 6,
  min,
  max,
});
const schema: DatasetSchema = {
  rowCount: 6,
  idColumn: "ID",
  target: { column: "Bought", positive: "1", negative: "0" },
  columns: [
    column("ID", "identifier", { role: "id" }),
    column("Age", "numeric", { stats: stats(27, 61) }),
    column("Income", "numeric", { stats: stats(20, 180) }),
    column("Family", "ordinal", { levels: ["1", "2", "3", "4"], stats: stats(1, 4) }),
    column("Spend", "numeric", { stats: stats(0.1, 4) }),
    column("Region", "categorical", { levels: ["north", "south", "east"] }),
    column("Card", "binary", { levels: ["0", "1"] }),
    column("Bought", "binary", { role: "target", levels: ["0", "1"] }),
  ],
};
const features = schema.columns.filter((c) => c.role === "feature");
const encoder: EncoderSpec = fitEncoder(table, features, [0, 1, 2, 3, 4, 5], {
  minLevelCount: 1,
  minLevelShare: 0,
});

/**
 * A model on raw values, easy to check by hand: p = 0.1·Family + 0.002·Income + 0.05·Spend,
 * + 0.1 in the east, + 0.05 with a card, capped to [0, 1].
 */
const scorer: RawScorer = (t) => {
  const get = (name: string) => t.columns[t.header.indexOf(name)] as string[];
  return Array.from({ length: t.rowCount }, (_, r) => {
    const p =
      0.1 * Number(get("Family")[r]) +
      0.002 * Number(get("Income")[r]) +
      0.05 * Number(get("Spend")[r]) +
      (get("Region")[r] === "east" ? 0.1 : 0) +
      (get("Card")[r] === "1" ? 0.05 : 0);
    return Math.min(1, Math.max(0, p));
  });
};

const resolve = (config: TippingConfig) => resolveTipping(config, schema, encoder, table);
const searchOne = (row: number, probability: number, shap: number[], tipping: ResolvedTipping) =>
  searchTipping(table, [{ row, probability, shap }], tipping, scorer);

describe("resolveTipping", () => {
  it("takes ranges from the observed min–max and steps from the data's resolution", () => {
    const { levers, threshold, pairs } = resolve({
      features: ["Income", "Spend", "Family", "Region", "Card"],
    });
    expect(threshold).toBe(0.5);
    expect(pairs).toBe(false);
    expect(levers[0]).toMatchObject({
      kind: "numeric",
      min: 20,
      max: 180,
      step: 1,
      decimals: 0,
      direction: "any",
    });
    expect(levers[1]).toMatchObject({ kind: "numeric", min: 0.1, max: 4, step: 0.01, decimals: 2 });
    expect(levers[2]).toMatchObject({
      kind: "ordinal",
      levels: ["1", "2", "3", "4"],
      permitted: ["1", "2", "3", "4"],
    });
    expect(levers[3]).toMatchObject({ kind: "categorical" });
    expect([...(levers[3] as { permitted: string[] }).permitted].sort()).toEqual(["east", "north", "south"]);
    expect(levers[4]).toMatchObject({ kind: "categorical", permitted: ["0", "1"] });
  });

  it("coarsens the step so that the range takes at most maxSteps steps, and keeps user settings", () => {
    const coarse = resolve({ features: ["Income"], maxSteps: 50 }).levers[0];
    expect(coarse).toMatchObject({ step: 4 }); // 160 / 50 = 3.2 → 4 whole units
    const set = resolve({
      features: ["Income", "Family"],
      levers: {
        Income: { min: 0, max: 300, step: 10, direction: "increase" },
        Family: { levels: ["2", "3"] },
      },
      threshold: 0.3,
      pairs: true,
    });
    expect(set.levers[0]).toMatchObject({ min: 0, max: 300, step: 10, direction: "increase" });
    expect(set.levers[1]).toMatchObject({ permitted: ["2", "3"] });
    expect(set.threshold).toBe(0.3);
  });

  it("names the feature or setting in every error", () => {
    let e = failure(() => resolve({ features: ["Salary"] }));
    expect(e.code).toBe("UNKNOWN_COLUMN");
    expect(e.location.column).toBe("Salary");
    expect(e.message).toContain('"Income"');
    e = failure(() => resolve({ features: ["ID"] }));
    expect(e.code).toBe("UNKNOWN_COLUMN");
    expect(e.message).toContain("role is id");
    e = failure(() => resolve({ features: ["Income", "Age"], locked: ["Age"] }));
    expect(e.code).toBe("INVALID_CONFIG");
    expect(e.location.field).toBe("features");
    expect(e.message).toContain('"Age" is locked');
    expect(failure(() => resolve({ features: ["Income"], locked: ["Height"] })).location.field).toBe(
      "locked",
    );
    for (const threshold of [0, 1, 1.5, -0.1, Number.NaN]) {
      e = failure(() => resolve({ features: ["Income"], threshold }));
      expect(e.location.field).toBe("threshold");
    }
    const field = (config: TippingConfig) => failure(() => resolve(config)).location.field;
    expect(field({ features: [] })).toBe("features");
    expect(field({ features: ["Income", "Income"] })).toBe("features");
    expect(field({ features: ["Income"], levers: { Income: { min: 200, max: 100 } } })).toBe(
      "levers.Income.min",
    );
    expect(field({ features: ["Income"], levers: { Income: { step: 0 } } })).toBe("levers.Income.step");
    expect(field({ features: ["Income"], levers: { Income: { levels: ["1"] } } })).toBe(
      "levers.Income.levels",
    );
    expect(field({ features: ["Family"], levers: { Family: { levels: ["9"] } } })).toBe(
      "levers.Family.levels",
    );
    expect(field({ features: ["Region"], levers: { Region: { max: 3 } } })).toBe("levers.Region.max");
    expect(field({ features: ["Region"], levers: { Region: { direction: "increase" } } })).toBe(
      "levers.Region.direction",
    );
    expect(field({ features: ["Income"], levers: { Income: { direction: "up" as "increase" } } })).toBe(
      "levers.Income.direction",
    );
    expect(field({ features: ["Income"], levers: { Family: {} } })).toBe("levers.Family");
  });
});

describe("trialsFor", () => {
  it("steps a number toward both bounds, nearest first, bounds included", () => {
    const [income] = resolve({
      features: ["Income"],
      levers: { Income: { min: 20, max: 60, step: 15 } },
    }).levers;
    expect(trialsFor(income!, "40", 1000).map((t) => [t.value, t.change])).toEqual([
      ["55", 15],
      ["25", -15],
      ["60", 20],
      ["20", -20],
    ]);
    expect(trialsFor(income!, "n/a", 1000)).toEqual([]);
  });

  it("writes values at the data's resolution and respects the direction", () => {
    const [spend] = resolve({
      features: ["Spend"],
      levers: { Spend: { min: 1, max: 1.3, step: 0.1, direction: "increase" } },
    }).levers;
    expect(trialsFor(spend!, "1.05", 1000).map((t) => t.value)).toEqual(["1.15", "1.25", "1.3"]);
  });

  it("moves ordered levels by position and switches unordered ones", () => {
    const { levers } = resolve({
      features: ["Family", "Region"],
      levers: { Family: { direction: "increase" } },
    });
    expect(trialsFor(levers[0]!, "2", 1000).map((t) => [t.value, t.change, t.normalized])).toEqual([
      ["3", 1, 1 / 3],
      ["4", 2, 2 / 3],
    ]);
    expect(
      trialsFor(levers[1]!, "south", 1000)
        .map((t) => t.value)
        .sort(),
    ).toEqual(["east", "north"]);
  });
});

describe("searchTipping", () => {
  // Row 0: Income 100, Family 2, Spend 1.25, north, no card: p = 0.2 + 0.2 + 0.0625 = 0.4625.
  const p0 = 0.4625;

  it("takes the feature with the most negative SHAP that can tip, at its nearest crossing value", () => {
    const tipping = resolve({ features: ["Income", "Family"] });
    const [familyFirst] = searchOne(0, p0, [-0.01, -0.2], tipping);
    expect(familyFirst).toMatchObject({
      status: "tipped",
      tipped: true,
      tippingFeature: "Family",
      originalValue: "2",
      tippingValue: "3",
      change: 1,
    });
    expect(familyFirst?.newProbability).toBeCloseTo(0.5625, 12);
    // Income first: 0.5 − 0.4625 = 0.0375 needs +18.75 → 119 is the first whole value over.
    const [incomeFirst] = searchOne(0, p0, [-0.3, -0.2], tipping);
    expect(incomeFirst).toMatchObject({
      tippingFeature: "Income",
      originalValue: "100",
      tippingValue: "119",
      change: 19,
    });
    expect(incomeFirst?.newProbability).toBeGreaterThanOrEqual(0.5);
    expect(incomeFirst?.changes).toEqual([
      {
        feature: "Income",
        originalValue: "100",
        tippingValue: "119",
        change: 19,
        normalizedChange: 19 / 160,
      },
    ]);
  });

  it("skips a feature that cannot tip for the next one, and respects direction and levels", () => {
    const tipping = resolve({
      features: ["Family", "Region"],
      levers: { Family: { levels: ["1", "2"] } },
    });
    // Family may not go over 2, so Region (east: + 0.1) tips although Family holds back more.
    const [outcome] = searchOne(0, p0, [-0.5, -0.1], tipping);
    expect(outcome).toMatchObject({
      tippingFeature: "Region",
      tippingValue: "east",
      change: null,
      normalizedChange: 1,
    });
  });

  it("reports the bound reached with the best reachable probability, or tips with a pair", () => {
    // Row 4: Income 60, Family 2, Spend 0.10, south, no card: p = 0.2 + 0.12 + 0.005 = 0.325.
    const p4 = 0.325;
    // Card gives + 0.05, Spend at most 2 gives + 0.095: neither reaches 0.5.
    const single = resolve({ features: ["Card", "Spend"], levers: { Spend: { max: 2 } } });
    const [stuck] = searchTipping(table, [{ row: 4, probability: p4, shap: [-0.1, -0.2] }], single, scorer);
    expect(stuck).toMatchObject({
      status: "bound-reached",
      tipped: false,
      tippingFeature: "Spend",
      tippingValue: null,
      bestValue: "2",
      changes: [],
    });
    expect(stuck?.newProbability).toBeCloseTo(0.42, 12);
    // Row 1 holds a card: dropping it only lowers p = 0.415, so nothing raises it.
    const [lower] = searchOne(1, 0.415, [0.01], resolve({ features: ["Card"] }));
    expect(lower).toMatchObject({
      status: "bound-reached",
      tippingFeature: "Card",
      bestValue: null,
      newProbability: 0.415,
    });

    // Family alone reaches 0.4 + 0.12 + 0.005 = 0.525 → tips; make it a pair by permitting 3 at most.
    const paired = resolve({
      features: ["Income", "Family"],
      levers: { Family: { levels: ["1", "2", "3"] }, Income: { max: 100 } },
      pairs: true,
    });
    const [pair] = searchTipping(table, [{ row: 4, probability: p4, shap: [-0.1, -0.2] }], paired, scorer);
    // Family 3 gives 0.425; Income needs +37.5 more → 98 (grid of 40 values spread over 60…100).
    expect(pair?.tipped).toBe(true);
    expect(pair?.tippingFeature).toBe("Family");
    expect(pair?.changes.map((c) => c.feature)).toEqual(["Family", "Income"]);
    expect(pair?.changes[0]?.tippingValue).toBe("3");
    expect(Number(pair?.changes[1]?.tippingValue)).toBeGreaterThanOrEqual(98);
    expect(pair?.newProbability).toBeGreaterThanOrEqual(0.5);
    const unpaired = searchTipping(
      table,
      [{ row: 4, probability: p4, shap: [-0.1, -0.2] }],
      { ...paired, pairs: false },
      scorer,
    );
    expect(unpaired[0]?.status).toBe("bound-reached");
  });

  it("leaves customers over the threshold alone and never leaves the actionable set", () => {
    const tipping = resolve({ features: ["Income", "Family", "Spend"] });
    const outcomes = searchTipping(
      table,
      ROWS.map((_, row) => ({
        row,
        probability: scorer(tableOf(HEADER, [ROWS[row]!]))[0] as number,
        shap: [-0.1, -0.2, -0.3],
      })),
      tipping,
      scorer,
      { batchRows: 100 },
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      "tipped",
      "tipped",
      "above-threshold",
      "above-threshold",
      "tipped",
      "tipped",
    ]);
    for (const o of outcomes) {
      if (o.tippingFeature) expect(["Income", "Family", "Spend"]).toContain(o.tippingFeature);
      if (o.tipped) expect(o.newProbability).toBeGreaterThanOrEqual(0.5);
    }
  });
});

describe("summaries and lists", () => {
  const outcome = (fields: Partial<TippingOutcome>): TippingOutcome => ({
    row: 0,
    probability: 0.3,
    status: "tipped",
    tipped: true,
    tippingFeature: "Family",
    shap: -0.1,
    originalValue: "1",
    tippingValue: "2",
    change: 1,
    normalizedChange: 0.25,
    newProbability: 0.6,
    bestValue: null,
    changes: [],
    ...fields,
  });

  it("summarizes share tipped, median changes and median original probability", () => {
    const summary = summarizeTipping([
      outcome({ probability: 0.2, change: 2, normalizedChange: 0.5 }),
      outcome({ probability: 0.4, tippingFeature: "Income", change: -10, normalizedChange: 0.1 }),
      outcome({
        probability: 0.1,
        status: "bound-reached",
        tipped: false,
        change: null,
        normalizedChange: null,
      }),
      outcome({ probability: 0.7, status: "above-threshold", tipped: false, tippingFeature: null }),
    ]);
    expect(summary).toMatchObject({
      candidates: 4,
      searched: 3,
      tipped: 2,
      medianChange: 6,
      medianNormalizedChange: 0.3,
    });
    expect(summary.medianProbability).toBeCloseTo(0.3, 12);
    expect(summary.tippedShare).toBeCloseTo(2 / 3, 12);
    expect(summary.byFeature).toEqual([
      { feature: "Family", candidates: 2, tipped: 1, medianChange: 2 },
      { feature: "Income", candidates: 1, tipped: 1, medianChange: 10 },
    ]);
  });

  it("compares two lists by overlap and Jaccard index", () => {
    expect(compareLists(["a", "b", "c"], ["c", "d", "b", "e"])).toEqual({
      overlap: 2,
      shared: ["b", "c"],
      jaccard: 0.4,
    });
  });

  it("lists non-buyers under the threshold and potential customers over it, most likely first", () => {
    const labels = [0, 1, 0, 0, 0, 1];
    const p = [0.3, 0.9, 0.7, 0.45, 0.5, 0.2];
    expect(probabilityList(labels, p, 0.5)).toEqual([3, 0]);
    expect(potentialList(labels, p, 0.5)).toEqual([2, 4]);
  });
});
