import { describe, expect, it } from "vitest";
import type { DatasetSchema, RawTable } from "../data/types.ts";
import { isKindredError } from "../errors/index.ts";
import { column } from "../test-support/schema.ts";
import sklearn from "./__fixtures__/ari-sklearn.json" with { type: "json" };
import {
  adjustedRandIndex,
  applyBusinessSegmentation,
  type BusinessSegmentation,
  compareSegmentations,
  validateBusinessSegmentation,
} from "./index.ts";

const header = ["calls", "balance", "job"];
const rows = [
  ["9", "100", "admin."],
  ["8", "5000", "admin."],
  ["1", "6000", "retired"],
  ["0", "NA", "student"],
  ["2", "50", "student"],
  ["7", "NA", "retired"],
];
const table: RawTable = { header, columns: header.map((_, c) => rows.map((r) => r[c]!)), rowCount: 6 };
const schema: DatasetSchema = {
  rowCount: 6,
  columns: [
    column("calls", "numeric"),
    column("balance", "numeric", { missingMarkers: ["NA"] }),
    column("job", "categorical", { levels: ["admin.", "retired", "student"] }),
  ],
};
const labels = Uint8Array.from([1, 1, 0, 0, 1, 0]);

const config: BusinessSegmentation = {
  scores: [
    { name: "engagement", formula: "calls / 10" },
    { name: "wealth", formula: "pct(balance)" },
    { name: "fit", formula: "engagement + wealth" },
  ],
  personas: [
    { name: "Engaged", when: "engagement >= 0.7", strategy: "Cross-sell" },
    { name: "Wealthy", when: "wealth > 0.5", description: "Top half of balances" },
    { name: "Students", when: 'job = "student"' },
  ],
  fallback: "Others",
};

/** The code and message of the error `work` throws. */
function failure(work: () => unknown): { code: string; message: string; field?: string } {
  try {
    work();
  } catch (error) {
    if (!isKindredError(error)) throw error;
    return { code: error.code, message: error.message, field: error.location.field };
  }
  throw new Error("no error");
}

describe("applyBusinessSegmentation", () => {
  const result = applyBusinessSegmentation(table, schema, config, { labels });

  it("gives each row the first persona whose rule holds, else the fallback (last)", () => {
    // Row 1 is engaged (0.8) and wealthy (pct 0.75): the first rule wins. Row 2 is wealthy only.
    // Row 3 has no balance (null > 0.5 is false) and is a student. Row 5: engaged. Row 4: student.
    expect(Array.from(result.assignment)).toEqual([0, 0, 1, 2, 2, 0]);
    const noMatch = applyBusinessSegmentation(table, schema, {
      ...config,
      personas: config.personas.slice(0, 2),
    });
    expect(Array.from(noMatch.assignment)).toEqual([0, 0, 1, 2, 2, 0]);
    expect(noMatch.personas.map((p) => p.name)).toEqual(["Engaged", "Wealthy", "Others"]);
  });

  it("reports size, share, conversion, the rule and the texts of each persona", () => {
    expect(result.personas).toEqual([
      {
        name: "Engaged",
        size: 3,
        share: 0.5,
        conversionRate: 2 / 3,
        rule: "engagement >= 0.7",
        strategy: "Cross-sell",
      },
      {
        name: "Wealthy",
        size: 1,
        share: 1 / 6,
        conversionRate: 0,
        rule: "wealth > 0.5",
        description: "Top half of balances",
      },
      { name: "Students", size: 2, share: 2 / 6, conversionRate: 0.5, rule: 'job = "student"' },
      { name: "Others", size: 0, share: 0, conversionRate: null, rule: null },
    ]);
  });

  it("returns every score per row, with NaN for null; scores build on earlier scores", () => {
    expect(Array.from(result.scores.engagement!)).toEqual([0.9, 0.8, 0.1, 0, 0.2, 0.7]);
    // Balances present: 100, 5000, 6000, 50 → ranks 2, 3, 4, 1 of 4.
    expect(Array.from(result.scores.wealth!)).toEqual([0.5, 0.75, 1, Number.NaN, 0.25, Number.NaN]);
    expect(Array.from(result.scores.fit!)).toEqual([
      0.9 + 0.5,
      0.8 + 0.75,
      0.1 + 1,
      Number.NaN,
      0.2 + 0.25,
      Number.NaN,
    ]);
  });

  it("has null conversion rates without labels", () => {
    const plain = applyBusinessSegmentation(table, schema, config);
    expect(plain.personas.map((p) => p.conversionRate)).toEqual([null, null, null, null]);
  });
});

describe("configuration checks (before any row is read)", () => {
  const withPersonas = (personas: BusinessSegmentation["personas"]) => ({ ...config, personas });

  it.each([
    [
      "a score name used twice",
      { ...config, scores: [...config.scores, { name: "wealth", formula: "1" }] },
      "INVALID_CONFIG",
      'score "wealth" (scores[3]) has the same name as scores[1]',
    ],
    [
      "a persona name used twice",
      withPersonas([...config.personas, { name: "Engaged", when: "calls > 0" }]),
      "INVALID_CONFIG",
      'persona "Engaged" (rule 4) has the same name as rule 1',
    ],
    [
      "no rules",
      withPersonas([]),
      "INVALID_CONFIG",
      "personas is empty: give at least one rule (rows matching none get the fallback)",
    ],
    [
      "a rule using an undefined score",
      withPersonas([{ name: "Loyal", when: "loyalty > 2" }]),
      "INVALID_CONFIG",
      'persona "Loyal" (rule 1), column 1: there is no score or column "loyalty"',
    ],
    [
      "a rule with a syntax error",
      withPersonas([config.personas[0]!, { name: "Loyal", when: "engagement >= (0.5" }]),
      "INVALID_CONFIG",
      'persona "Loyal" (rule 2), column 19: unexpected end of the formula, expected ")"',
    ],
    [
      "a rule that is not a condition",
      withPersonas([{ name: "Loyal", when: "engagement * 2" }]),
      "INVALID_CONFIG",
      'persona "Loyal" (rule 1): a rule must be a condition such as engagement >= 3, but this formula gives a number',
    ],
    [
      "an unknown column in a score",
      { ...config, scores: [{ name: "reach", formula: "calls + [emails sent]" }] },
      "UNKNOWN_COLUMN",
      'score "reach", column 9: there is no column "emails sent"',
    ],
    [
      "a score using a later score",
      {
        ...config,
        scores: [
          { name: "a", formula: "b + 1" },
          { name: "b", formula: "calls" },
        ],
      },
      "INVALID_CONFIG",
      'score "a", column 1: score "b" is defined after this score; a score can use only the scores listed before it',
    ],
    [
      "a score using itself",
      { ...config, scores: [{ name: "a", formula: "a + 1" }] },
      "INVALID_CONFIG",
      'score "a", column 1: score "a" cannot use itself',
    ],
    [
      "a score named like a column",
      { ...config, scores: [{ name: "calls", formula: "1" }] },
      "INVALID_CONFIG",
      'score "calls" has the name of a column; give the score another name',
    ],
    [
      "a misspelt field",
      withPersonas([{ name: "Loyal", when: "calls > 1", descripton: "typo" } as never]),
      "INVALID_CONFIG",
      'personas[0] has an unknown field "descripton"; allowed: name, when, description, strategy',
    ],
    [
      "a missing rule",
      withPersonas([{ name: "Loyal" } as never]),
      "INVALID_CONFIG",
      "personas[0].when is missing",
    ],
    [
      "a fallback named like a rule",
      { ...config, fallback: "Wealthy" },
      "INVALID_CONFIG",
      'the fallback "Wealthy" has the same name as rule 2; name it apart',
    ],
    ["no fallback", { ...config, fallback: " " }, "INVALID_CONFIG", "fallback must be a non-empty text"],
  ])("rejects %s", (_, bad, code, message) => {
    expect(failure(() => validateBusinessSegmentation(schema, bad))).toMatchObject({ code, message });
    expect(
      failure(() => applyBusinessSegmentation(table, schema, bad as BusinessSegmentation)),
    ).toMatchObject({
      code,
      message,
    });
  });

  it("names the config field of a formula error", () => {
    const bad = withPersonas([config.personas[0]!, { name: "Loyal", when: "loyalty > 2" }]);
    expect(failure(() => validateBusinessSegmentation(schema, bad)).field).toBe("personas[1].when");
  });

  it("reports a bad rule before reading a bad cell that an earlier score would read", () => {
    const broken = { ...table, columns: [["x", ...table.columns[0]!.slice(1)], ...table.columns.slice(1)] };
    const bad = withPersonas([config.personas[0]!, { name: "Loyal", when: "loyalty > 2" }]);
    expect(failure(() => applyBusinessSegmentation(broken, schema, bad)).message).toMatch(/^persona "Loyal"/);
    expect(failure(() => applyBusinessSegmentation(broken, schema, config)).message).toMatch(
      /^column "calls", row 1: "x" is not a number/,
    );
  });

  it("rejects labels of the wrong length", () => {
    expect(
      failure(() => applyBusinessSegmentation(table, schema, config, { labels: new Uint8Array(2) })).message,
    ).toBe("labels has 2 entries but the table has 6 rows");
  });
});

describe("compareSegmentations", () => {
  it("cross-tabulates two segmentations with shares of each side", () => {
    const a = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const b = Int32Array.from([0, 0, 1, 1, 2, 2]);
    const { table: cross, adjustedRandIndex: ari } = compareSegmentations(a, ["K1", "K2"], b, [
      "X",
      "Y",
      "Z",
    ]);
    expect(cross).toEqual([
      { a: "K1", b: "X", count: 2, shareOfA: 2 / 3, shareOfB: 1 },
      { a: "K1", b: "Y", count: 1, shareOfA: 1 / 3, shareOfB: 0.5 },
      { a: "K1", b: "Z", count: 0, shareOfA: 0, shareOfB: 0 },
      { a: "K2", b: "X", count: 0, shareOfA: 0, shareOfB: 0 },
      { a: "K2", b: "Y", count: 1, shareOfA: 1 / 3, shareOfB: 0.5 },
      { a: "K2", b: "Z", count: 2, shareOfA: 2 / 3, shareOfB: 1 },
    ]);
    // By hand: Σ C(nij,2) = 1 + 1 = 2; Σ C(ai,2) = 3 + 3 = 6; Σ C(bj,2) = 3; C(6,2) = 15.
    // expected = 6 · 3 / 15 = 1.2; max = (6 + 3) / 2 = 4.5 → (2 − 1.2) / (4.5 − 1.2) = 8 / 33.
    expect(ari).toBeCloseTo(8 / 33, 15);
  });

  it("matches scikit-learn's adjusted_rand_score", () => {
    expect(sklearn.cases.length).toBe(5);
    for (const c of sklearn.cases) {
      expect(adjustedRandIndex(c.a, c.b), c.name).toBeCloseTo(c.ari, 14);
      const names = (labels: number[]) => Array.from({ length: Math.max(...labels) + 1 }, (_, i) => `s${i}`);
      const compared = compareSegmentations(
        Int32Array.from(c.a),
        names(c.a),
        Int32Array.from(c.b),
        names(c.b),
      );
      expect(compared.adjustedRandIndex, c.name).toBeCloseTo(c.ari, 14);
    }
  });

  it("names a label without a segment name and different lengths", () => {
    const a = Int32Array.from([0, 1, 2]);
    expect(failure(() => compareSegmentations(a, ["x", "y"], a, ["x", "y", "z"])).message).toBe(
      "a[2] is 2, but a has 2 segment names (ids 0..1)",
    );
    expect(
      failure(() => compareSegmentations(a, ["x", "y", "z"], a.subarray(1), ["x", "y", "z"])).message,
    ).toBe("the segmentations cover different rows: 3 and 2");
  });
});
