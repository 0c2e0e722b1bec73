import { describe, expect, it } from "vitest";
import type { DatasetSchema, RawTable } from "../data/types.ts";
import { isKindredError, type KindredError } from "../errors/index.ts";
import { column } from "../test-support/schema.ts";
import { evaluateFormula, parseExpression, percentileRank } from "./index.ts";

// Five customers; "Monthly Spend" has a missing marker (row 2) and a sentinel (row 4).
const header = ["age", "Monthly Spend", "job", "flag", "tier", "days"];
const rows = [
  ["30", "10", "admin.", "1", "low", "5"],
  ["40", "20", "blue collar", "0", "mid", "0"],
  ["50", "NA", "admin.", "1", "high", "2"],
  ["20", "40", "unknown", "0", "low", "8"],
  ["60", "999", "retired", "1", "mid", "1"],
];
const table: RawTable = { header, columns: header.map((_, c) => rows.map((r) => r[c]!)), rowCount: 5 };
const schema: DatasetSchema = {
  rowCount: 5,
  columns: [
    column("age", "numeric"),
    column("Monthly Spend", "numeric", { missingMarkers: ["NA"], sentinels: [999] }),
    column("job", "categorical", {
      levels: ["admin.", "blue collar", "retired"],
      missingMarkers: ["unknown"],
    }),
    column("flag", "binary", { levels: ["0", "1"] }),
    column("tier", "ordinal", { levels: ["low", "mid", "high"] }),
    column("days", "numeric"),
  ],
};

const values = (formula: string, scores?: Record<string, Float64Array>) =>
  Array.from(evaluateFormula(table, schema, formula, { scores }).values as ArrayLike<number | string | null>);

/** The error a formula raises (code and message). */
function failure(formula: string): { code: string; message: string } {
  try {
    evaluateFormula(table, schema, formula, { label: 'score "engagement"' });
  } catch (error) {
    if (!isKindredError(error)) throw error;
    return { code: (error as KindredError).code, message: error.message };
  }
  throw new Error(`no error for ${formula}`);
}

describe("formula language: values", () => {
  it("follows the usual precedence and associativity", () => {
    expect(values("1 + 2 * 3")).toEqual([7, 7, 7, 7, 7]);
    expect(values("(1 + 2) * 3")).toEqual([9, 9, 9, 9, 9]);
    expect(values("10 - 4 - 3")).toEqual([3, 3, 3, 3, 3]);
    expect(values("8 / 4 / 2")).toEqual([1, 1, 1, 1, 1]);
    expect(values("-2 * -age + 1")).toEqual([61, 81, 101, 41, 121]);
    expect(values("age > 25 and age < 55 or age = 20")).toEqual([1, 1, 1, 1, 0]);
    expect(values("not age > 35 and flag = 1")).toEqual([1, 0, 0, 0, 0]);
    expect(values("not (age > 35 and flag = 1)")).toEqual([1, 1, 0, 1, 0]);
    expect(values("age >= 40 AND NOT flag == 0")).toEqual(values("age ≥ 40 and not flag = 0"));
  });

  it("reads columns as the schema says: brackets, 0/1 flags as numbers, levels as text", () => {
    expect(values("[Monthly Spend] * 2")).toEqual([20, 40, Number.NaN, 80, Number.NaN]);
    expect(values("flag + flag")).toEqual([2, 0, 2, 0, 2]);
    expect(values('job = "admin."')).toEqual([1, 0, 1, 0, 0]);
    expect(values("job != 'admin.'")).toEqual([0, 1, 0, 0, 1]);
    expect(values('tier >= "mid"')).toEqual([0, 1, 1, 0, 1]);
    expect(values("tier")).toEqual([1, 2, 3, 1, 2]);
    expect(values('flag = "1"')).toEqual([1, 0, 1, 0, 1]);
  });

  it("has min, max, abs, log1p, clip, if, missing and counts conditions as 1/0", () => {
    expect(values("min(age, 45, days * 10)")).toEqual([30, 0, 20, 20, 10]);
    expect(values("max(age, 45)")).toEqual([45, 45, 50, 45, 60]);
    expect(values("abs(days - 3)")).toEqual([2, 3, 1, 5, 2]);
    expect(values("log1p(days)")).toEqual([5, 0, 2, 8, 1].map(Math.log1p));
    expect(values("clip(age, 25, 50)")).toEqual([30, 40, 50, 25, 50]);
    expect(values("if(flag = 1, age, -age)")).toEqual([30, -40, 50, -20, 60]);
    expect(values('if(age > 45, "senior", job)')).toEqual([
      "admin.",
      "blue collar",
      "senior",
      null,
      "senior",
    ]);
    expect(values("missing(job) or missing([Monthly Spend])")).toEqual([0, 0, 1, 1, 1]);
    expect(values("(age > 35) + (flag = 1) + 0")).toEqual([1, 1, 2, 0, 2]);
  });

  it("ranks a column within the table: pct() is the average rank over the present values, / n", () => {
    expect(values("pct(age)")).toEqual([0.4, 0.6, 0.8, 0.2, 1]);
    // Spend present in 3 rows: 10, 20, 40.
    expect(values("pct([Monthly Spend])")).toEqual([1 / 3, 2 / 3, Number.NaN, 1, Number.NaN]);
    expect(values("pct(flag)")).toEqual([0.8, 0.3, 0.8, 0.3, 0.8]);
    expect(Array.from(percentileRank(Float64Array.from([10, 20, 20, 40, Number.NaN])))).toEqual([
      0.25,
      0.625,
      0.625,
      1,
      Number.NaN,
    ]);
  });

  it("propagates null through arithmetic and functions; a comparison with null is false", () => {
    expect(values("[Monthly Spend] + age")).toEqual([40, 60, Number.NaN, 60, Number.NaN]);
    expect(values("max([Monthly Spend], 0)")).toEqual([10, 20, Number.NaN, 40, Number.NaN]);
    expect(values("[Monthly Spend] > 15")).toEqual([0, 1, 0, 1, 0]);
    expect(values("[Monthly Spend] <= 15")).toEqual([1, 0, 0, 0, 0]);
    expect(values("[Monthly Spend] != 10")).toEqual([0, 1, 0, 1, 0]);
    expect(values('job != "retired"')).toEqual([1, 1, 1, 0, 0]);
    expect(values("age / days")).toEqual([6, Number.NaN, 25, 2.5, 60]);
    expect(values("log1p(-1 - days)")).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
  });

  it("uses scores by name", () => {
    const engagement = Float64Array.from([1, 2, 3, Number.NaN, 5]);
    expect(values("engagement * 2 >= 4", { engagement })).toEqual([0, 1, 1, 0, 1]);
  });
});

describe("formula language: errors name the position and the token", () => {
  it.each([
    ["age + (days * 2))", 'score "engagement", column 17: unexpected ")"'],
    ["age +", 'score "engagement", column 6: unexpected end of the formula, expected a value'],
    ["(age + 1", 'score "engagement", column 9: unexpected end of the formula, expected ")"'],
    ["age 2", 'score "engagement", column 5: unexpected "2"'],
    ["age & days", 'score "engagement", column 5: unexpected "&"'],
    ["", 'score "engagement", column 1: the formula is empty'],
    ["job = 'admin.", `score "engagement", column 7: the text starting with ' has no closing '`],
    ["[Monthly Spend + 1", 'score "engagement", column 1: the column name starting with [ has no closing ]'],
    ["[] + 1", 'score "engagement", column 1: empty column name []'],
    ["max(age, 1", 'score "engagement", column 11: unexpected end of the formula, expected "," or ")"'],
    [
      "1 < age < 5",
      'score "engagement", column 9: comparisons cannot be chained ("<"); join them with "and"',
    ],
    [
      "age and 1",
      'score "engagement", column 1: "and" needs conditions such as x > 1, but column "age" is a number',
    ],
    ["job * 2", 'score "engagement", column 1: "*" needs numbers, but column "job" is text'],
    [
      "job > 'a'",
      'score "engagement", column 5: ">" compares numbers, but column "job" and the text \'a\' are text',
    ],
    ["age = 'old'", 'score "engagement", column 7: column "age" is a number, but the text \'old\' is not'],
    [
      "tier = 'top'",
      'score "engagement", column 8: the text \'top\' is not a level of column "tier" (levels: low, mid, high)',
    ],
    [
      "foo(age)",
      'score "engagement", column 1: unknown function "foo"; functions: abs(x), clip(x, lo, hi), if(condition, a, b), log1p(x), max(a, b, …), min(a, b, …), missing(x), pct(x)',
    ],
    ["clip(age, 1)", 'score "engagement", column 1: clip(x, lo, hi) takes 3 arguments, got 2'],
    [
      "if(age, 1, 2)",
      'score "engagement", column 4: if() needs conditions such as x > 1, but column "age" is a number',
    ],
    ["pct(job)", 'score "engagement", column 5: pct() needs numbers, but column "job" is text'],
    ["age or", 'score "engagement", column 7: unexpected end of the formula, expected a value'],
  ])("%s", (formula, message) => {
    expect(failure(formula)).toEqual({ code: "INVALID_CONFIG", message });
  });

  it("reports an unknown column as UNKNOWN_COLUMN, naming it and the score, with a close match", () => {
    expect(failure("agee + 1")).toEqual({
      code: "UNKNOWN_COLUMN",
      message: 'score "engagement", column 1: there is no column "agee"',
    });
    expect(failure("2 * MonthlySpend")).toEqual({
      code: "UNKNOWN_COLUMN",
      message:
        'score "engagement", column 5: there is no column "MonthlySpend"; did you mean [Monthly Spend]?',
    });
  });

  it("parses without a table (syntax only)", () => {
    expect(parseExpression("a + b * 2", { label: "f", field: "f" })).toMatchObject({
      type: "arithmetic",
      op: "+",
      right: { type: "arithmetic", op: "*" },
    });
  });
});
