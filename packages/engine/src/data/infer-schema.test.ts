import { describe, expect, it } from "vitest";
import { failure } from "../test-support/errors.ts";
import { utf8Chunks } from "./__fixtures__/sources.ts";
import {
  type ColumnSchema,
  columnIndex,
  type DatasetSchema,
  featureColumns,
  inferSchema,
  type RawTable,
  readCsv,
  type SchemaOverrides,
} from "./index.ts";

/** A table from named columns of equal length. */
function tableOf(columns: Record<string, string[]>): RawTable {
  const header = Object.keys(columns);
  const values = Object.values(columns);
  return { header, columns: values, rowCount: values[0]?.length ?? 0 };
}

function column(schema: DatasetSchema, name: string): ColumnSchema {
  const found = schema.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

/** Infers a single column. */
function one(values: string[], overrides?: SchemaOverrides["columns"]): ColumnSchema {
  const schema = inferSchema(tableOf({ c: values }), overrides ? { columns: overrides } : {});
  return column(schema, "c");
}

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const repeat = (value: string, n: number) => range(n, () => value);

describe("missing values", () => {
  it("records the default markers found, as written, and counts them", () => {
    const c = one(["1", "NA", "3", "", " n/a ", "NA", "2", "5"]);
    expect(c.missingMarkers).toEqual(["NA", "", "n/a"]);
    expect(c.stats).toMatchObject({ present: 4, missing: 4, missingShare: 0.5, distinct: 4 });
    expect(c.kind).toBe("ordinal");
  });

  it("finds `unknown` in a categorical column", () => {
    const c = one(["single", "unknown", "married", "divorced", "married"]);
    expect(c.missingMarkers).toEqual(["unknown"]);
    expect(c.levels).toEqual(["married", "divorced", "single"]);
  });
});

describe("kinds", () => {
  it("constant: one distinct present value (or none)", () => {
    expect(one(["x", "x", "NA"])).toMatchObject({ kind: "constant", role: "ignore" });
    expect(one(["", "NA"])).toMatchObject({ kind: "constant", role: "ignore" });
  });

  it("binary: two values, negative-looking first, otherwise sorted", () => {
    expect(one(["yes", "no", "yes"]).levels).toEqual(["no", "yes"]);
    expect(one(["True", "False"]).levels).toEqual(["False", "True"]);
    expect(one(["1", "0"]).levels).toEqual(["0", "1"]);
    expect(one(["N", "Y"]).levels).toEqual(["N", "Y"]);
    expect(one(["b", "a", "b"]).levels).toEqual(["a", "b"]);
    expect(one(["10", "2"]).levels).toEqual(["2", "10"]);
    expect(one(["b", "a"]).kind).toBe("binary");
  });

  it("ordinal: few whole numbers in a (nearly) consecutive range, in numeric order", () => {
    expect(one(["10", "8", "9", "8"])).toMatchObject({ kind: "ordinal", levels: ["8", "9", "10"] });
    expect(one(["1", "2", "4", "2"])).toMatchObject({ kind: "ordinal", levels: ["1", "2", "4"] });
    expect(one(["1", "5", "9"]).kind).toBe("numeric");
    expect(one(["1.5", "2.5", "3.5"]).kind).toBe("numeric");
    expect(one(range(11, (i) => String(i))).kind).toBe("numeric");
  });

  it("numeric: every present value a number", () => {
    const c = one(["1", "2", "3", "10", "NA"]);
    expect(c.kind).toBe("numeric");
    expect(c.role).toBe("feature");
    expect(c.stats.mean).toBe(4);
    expect(c.stats.std).toBeCloseTo(Math.sqrt(50 / 3), 12);
    expect(Math.abs((c.stats.skewness ?? 0) - (18 * Math.sqrt(6)) / 25)).toBeLessThan(1e-12);
  });

  it("identifier: whole numbers or codes, all distinct, more than 20 rows", () => {
    expect(one(range(21, (i) => String(100 + ((i * 8) % 21)))).kind).toBe("identifier");
    expect(one(range(21, (i) => `C${String(i).padStart(4, "0")}`)).kind).toBe("identifier");
    // same-width account numbers, however sparse
    expect(one(range(30, (i) => String(10_000_000 + i * 7919))).kind).toBe("identifier");
    // distinct but sparse whole numbers (amounts in cents) are measurements, not ids
    expect(one(range(30, (i) => String(1000 + i * i * 37))).kind).toBe("numeric");
    expect(one(range(20, (i) => String(i * 3))).kind).toBe("numeric");
    expect(one(range(21, (i) => `${i}.5`)).kind).toBe("numeric");
  });

  it("date: ISO and unambiguous day-first values", () => {
    expect(one(["2010-05-01", "2010-05-02", "2010-06-01 10:00"])).toMatchObject({
      kind: "date",
      role: "time",
    });
    const dmy = one(["01/05/2010", "25/05/2010", "02/06/2010"]);
    expect(dmy).toMatchObject({ kind: "date", dateOrder: "dmy" });
    expect(one(["01/05/2010", "05/25/2010", "02/06/2010"]).dateOrder).toBe("mdy");
    // Only ambiguous days: not read as dates unless the user says so.
    expect(one(["01/05/2010", "02/05/2010", "03/06/2010"]).kind).toBe("categorical");
    expect(one(["01/05/2010", "02/05/2010", "03/06/2010"], { c: { kind: "date" } }).dateOrder).toBe("dmy");
  });

  it("text: many distinct multi-word values; categorical otherwise", () => {
    const text = one(range(60, (i) => `note number ${i}`));
    expect(text).toMatchObject({ kind: "text", role: "ignore" });
    // Distinct single words are codes (identifier), few distinct phrases are categories.
    expect(one(range(60, (i) => `w${i}`)).kind).toBe("identifier");
    expect(one(range(60, (i) => `blue collar ${i % 5}`)).kind).toBe("categorical");
  });

  it("categorical: levels and top values by frequency, at most 20", () => {
    const values = [...repeat("b", 3), ...repeat("a", 3), ...repeat("c", 5), ...range(30, (i) => `v${i}`)];
    const c = one(values);
    expect(c.kind).toBe("categorical");
    expect(c.levels?.slice(0, 4)).toEqual(["c", "a", "b", "v0"]);
    expect(c.stats.topValues).toHaveLength(20);
    expect(c.stats.topValues?.[0]).toEqual({ value: "c", count: 5 });
  });

  it("gives top values for low-cardinality numbers only", () => {
    expect(one(["1", "2", "4", "2"]).stats.topValues).toEqual([
      { value: "2", count: 2 },
      { value: "1", count: 1 },
      { value: "4", count: 1 },
    ]);
    expect(one(range(30, (i) => String(i % 25))).stats.topValues).toBeUndefined();
  });
});

describe("sentinels", () => {
  const spread = range(40, (i) => String(i % 20));

  it("finds an all-nines maximum far from the rest and keeps it out of the stats", () => {
    const c = one([...repeat("999", 30), ...spread]);
    expect(c.sentinels).toEqual([999]);
    expect(c.stats.max).toBe(19);
    expect(c.stats.mean).toBe(9.5);
    expect(c.stats.distinct).toBe(21);
    expect(c.reason).toContain("999 (30 rows)");
  });

  it("finds -1 as a minimum code", () => {
    expect(one([...repeat("-1", 5), ...spread]).sentinels).toEqual([-1]);
  });

  it("leaves ordinary extremes alone", () => {
    // 99 is near the next value; single 999; too rare; -1 not the minimum; -1 near -0.6.
    expect(one([...repeat("99", 5), "60", ...spread]).sentinels).toEqual([]);
    expect(one(["999", ...spread]).sentinels).toEqual([]);
    expect(one([...repeat("999", 2), ...range(300, (i) => String(i % 50))]).sentinels).toEqual([]);
    expect(one([...repeat("-1", 5), "-3", ...spread]).sentinels).toEqual([]);
    expect(one([...repeat("-1", 5), "-0.6", ...spread]).sentinels).toEqual([]);
  });

  it("does not turn a two-valued flag into a sentinel", () => {
    expect(one(["0", "9", "9", "0"])).toMatchObject({ kind: "binary", sentinels: [] });
  });

  it("stats exclude a sentinel exactly", () => {
    const c = one(["1", "2", "3", "10", "999", "999"]);
    expect(c.sentinels).toEqual([999]);
    expect(Math.abs((c.stats.skewness ?? 0) - (18 * Math.sqrt(6)) / 25)).toBeLessThan(1e-12);
  });
});

describe("roles", () => {
  const base = () =>
    tableOf({
      custno: range(25, (i) => String(i + 1)),
      code: range(25, (i) => `K${i}`),
      opened: range(25, (i) => `2020-01-${String(i + 1).padStart(2, "0")}`),
      closed: range(25, (i) => `2021-01-${String(i + 1).padStart(2, "0")}`),
      flat: repeat("x", 25),
      score: range(25, (i) => String((i % 7) * 1.5)),
      bought: range(25, (i) => (i % 3 === 0 ? "yes" : "no")),
    });

  it("assigns id, time, ignore and feature by kind", () => {
    const schema = inferSchema(base());
    expect(schema.columns.map((c) => [c.name, c.kind, c.role])).toEqual([
      ["custno", "identifier", "id"],
      ["code", "identifier", "ignore"],
      ["opened", "date", "time"],
      ["closed", "date", "ignore"],
      ["flat", "constant", "ignore"],
      ["score", "numeric", "feature"],
      ["bought", "binary", "feature"],
    ]);
    expect(schema).toMatchObject({ rowCount: 25, idColumn: "custno", timeColumn: "opened" });
    expect(schema.target).toBeUndefined();
    expect(featureColumns(schema).map((c) => c.name)).toEqual(["score", "bought"]);
  });

  it("applies target, idColumn, timeColumn, drop and per-column overrides", () => {
    const schema = inferSchema(base(), {
      target: "bought",
      idColumn: "code",
      timeColumn: "closed",
      drop: ["score"],
      columns: { flat: { role: "feature" } },
    });
    expect(schema).toMatchObject({ idColumn: "code", timeColumn: "closed" });
    expect(schema.target).toEqual({ column: "bought", positive: "yes", negative: "no" });
    expect(schema.columns.map((c) => c.role)).toEqual([
      "ignore",
      "id",
      "ignore",
      "time",
      "feature",
      "ignore",
      "target",
    ]);
    expect(column(schema, "bought").levels).toEqual(["no", "yes"]);
  });

  it("accepts special roles given per column, and picks the next free identifier", () => {
    const schema = inferSchema(base(), { columns: { bought: { role: "target" } }, drop: ["custno"] });
    expect(schema.target?.column).toBe("bought");
    expect(schema.idColumn).toBe("code");
  });

  it("is deterministic", () => {
    expect(inferSchema(base(), { target: "bought" })).toEqual(inferSchema(base(), { target: "bought" }));
  });
});

describe("overrides", () => {
  it("kind, missing markers, sentinels and levels are applied", () => {
    expect(one(["1", "2", "3", "10"], { c: { kind: "categorical" } })).toMatchObject({
      kind: "categorical",
      reason: "set by override",
    });
    // "unknown" becomes a category when the markers are replaced; blanks stay missing.
    const job = one(["a", "unknown", "b", "-", ""], { c: { missingMarkers: ["-"] } });
    expect(job.missingMarkers).toEqual(["-", ""]);
    expect(job.stats.distinct).toBe(3);
    const codes = one(["1", "2", "3", "10", "-5", "-5"], { c: { sentinels: [-5] } });
    expect(codes).toMatchObject({ sentinels: [-5], stats: { min: 1, max: 10 } });
    const size = one(["low", "high", "mid", "low"], {
      c: { kind: "ordinal", levels: ["low", "mid", "high"] },
    });
    expect(size).toMatchObject({ kind: "ordinal", levels: ["low", "mid", "high"] });
  });

  it("rejects an impossible kind naming the first offending row and value", () => {
    const numeric = failure(() => one(["1", "2", "x3", "4"], { c: { kind: "numeric" } }));
    expect(numeric.code).toBe("INVALID_OVERRIDE");
    expect(numeric.message).toContain('column "c"');
    expect(numeric.message).toContain('data row 3 has "x3"');
    expect(numeric.location).toMatchObject({ column: "c", row: 3 });
    const binary = failure(() => one(["a", "b", "a", "c"], { c: { kind: "binary" } }));
    expect(binary.message).toContain('data row 4 has "c", a third value');
    expect(failure(() => one(["a", "b"], { c: { kind: "constant" } })).message).toContain(
      'data row 2 has "b"',
    );
    expect(failure(() => one(["2020-01-01", "soon"], { c: { kind: "date" } })).message).toContain(
      'data row 2 has "soon", which is not a date',
    );
    expect(failure(() => one(["low", "high"], { c: { kind: "ordinal" } })).message).toContain(
      "give the levels",
    );
  });

  it("rejects levels, sentinels and roles that cannot apply", () => {
    const levels = failure(() =>
      one(["low", "mid", "top", "low"], { c: { levels: ["low", "mid", "high"] } }),
    );
    expect(levels.code).toBe("INVALID_OVERRIDE");
    expect(levels.message).toContain('data row 3 has "top", which is not among the levels');
    expect(failure(() => one(["1.5", "2", "7"], { c: { levels: ["1.5"] } })).message).toContain(
      "numeric column",
    );
    expect(failure(() => one(["a", "b", "c"], { c: { sentinels: [9] } })).message).toContain(
      'data row 1 has "a"',
    );
    expect(one(["a", "b", "c"], { c: { sentinels: [] } }).sentinels).toEqual([]);
    const table = tableOf({ a: ["x", "y", "z"], b: ["yes", "no", "yes"] });
    const cases: SchemaOverrides[] = [
      { target: "b", idColumn: "b" },
      { target: "b", drop: ["b"] },
      { positiveValue: "yes" },
      { timeColumn: "a" },
      { target: "b", columns: { b: { role: "feature" } } },
      { columns: { a: { role: "id" }, b: { role: "id" } } },
      { target: "b", columns: { b: { kind: "categorical" } } },
    ];
    for (const overrides of cases)
      expect(failure(() => inferSchema(table, overrides)).code).toBe("INVALID_OVERRIDE");
  });

  it("rejects unknown columns with the available names, and a missing target", () => {
    const table = tableOf({ age: ["1", "2"], y: ["yes", "no"] });
    for (const overrides of [
      { columns: { agee: {} } },
      { idColumn: "agee" },
      { timeColumn: "agee" },
      { drop: ["agee"] },
    ]) {
      const error = failure(() => inferSchema(table, overrides));
      expect(error.code).toBe("UNKNOWN_COLUMN");
      expect(error.message).toContain('"agee"');
      expect(error.message).toContain('available columns: "age", "y"');
    }
    const target = failure(() => inferSchema(table, { target: "Y" }));
    expect(target.code).toBe("MISSING_TARGET");
    expect(target.message).toContain('"Y"');
  });

  it("passes target errors through", () => {
    const table = tableOf({ y: ["a", "b", "c"] });
    expect(failure(() => inferSchema(table, { target: "y" })).code).toBe("TARGET_NOT_BINARY");
    const positive = inferSchema(tableOf({ y: ["won", "lost"] }), { target: "y", positiveValue: "won" });
    expect(positive.target).toEqual({ column: "y", positive: "won", negative: "lost" });
  });
});

describe("helpers", () => {
  it("columnIndex finds a column or lists the available ones", async () => {
    const table = await readCsv(utf8Chunks("a,b\n1,2\n"));
    expect(columnIndex(table, "b")).toBe(1);
    const error = failure(() => columnIndex(table, "c"));
    expect(error.code).toBe("UNKNOWN_COLUMN");
    expect(error.message).toBe('there is no column "c"; available columns: "a", "b"');
  });

  it("truncates a long list of available columns", () => {
    const header = range(15, (i) => `col${i}`);
    const error = failure(() => columnIndex({ header }, "x"));
    expect(error.message).toContain('"col9" … and 5 more');
  });
});

describe("column histograms", () => {
  it("count numeric values in 20 equal-width bins from min to max, sentinels left out", () => {
    const values = ["0", "1", "2", "2", "10", "999", "5", "", "10"];
    const schema = inferSchema(tableOf({ c: values }), { columns: { c: { sentinels: [999] } } });
    const stats = column(schema, "c").stats;
    expect(stats.histogram).toHaveLength(20);
    // width 0.5: 0 → bin 0, 1 → bin 2, 2 → bin 4 (twice), 5 → bin 10, 10 → the last bin (twice)
    const expected = new Array(20).fill(0);
    expected[0] = 1;
    expected[2] = 1;
    expected[4] = 2;
    expected[10] = 1;
    expected[19] = 2;
    expect(stats.histogram).toEqual(expected);
  });
});
