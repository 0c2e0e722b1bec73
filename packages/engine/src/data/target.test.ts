import { describe, expect, it } from "vitest";
import { failure } from "../test-support/errors.ts";
import { mapTarget, type RawTable } from "./index.ts";

function table(values: string[], name = "y"): RawTable {
  return {
    header: ["id", name],
    columns: [values.map((_, i) => String(i + 1)), values],
    rowCount: values.length,
  };
}

describe("mapTarget", () => {
  it.each([
    [["yes", "no", "yes"], "yes", "no"],
    [["YES", "No", "YES"], "YES", "No"],
    [["Y", "N", "Y"], "Y", "N"],
    [["TRUE", "false", "TRUE"], "TRUE", "false"],
    [["t", "F", "t"], "t", "F"],
    [["1", "0", "1"], "1", "0"],
    [["1.0", "0.0", "1.0"], "1.0", "0.0"],
    [[" Positive ", "negative", "Positive"], "Positive", "negative"],
  ])("recognises the pair in %j", (values, positive, negative) => {
    const { labels, mapping } = mapTarget(table(values), "y");
    expect(mapping).toEqual({ column: "y", positive, negative });
    expect([...labels]).toEqual([1, 0, 1]);
  });

  it("treats spellings differing in case as different values", () => {
    expect(failure(() => mapTarget(table(["NO", "Yes", "YES"]), "y")).code).toBe("TARGET_NOT_BINARY");
  });

  it("needs positiveValue for an unknown pair, and says how to choose", () => {
    const data = table(["churned", "stayed", "stayed"]);
    const error = failure(() => mapTarget(data, "y"));
    expect(error.code).toBe("TARGET_NOT_BINARY");
    expect(error.message).toContain('"churned"');
    expect(error.message).toContain('"stayed"');
    expect(error.message).toContain("positive value");
    const { labels, mapping } = mapTarget(data, "y", { positiveValue: "Churned" });
    expect(mapping).toEqual({ column: "y", positive: "churned", negative: "stayed" });
    expect([...labels]).toEqual([1, 0, 0]);
    expect(failure(() => mapTarget(data, "y", { positiveValue: "left" })).code).toBe("INVALID_OVERRIDE");
  });

  it("positiveValue overrides a known pair", () => {
    expect(mapTarget(table(["yes", "no"]), "y", { positiveValue: "no" }).mapping.positive).toBe("no");
  });

  it("TARGET_ONE_CLASS names the single value", () => {
    const error = failure(() => mapTarget(table(["yes", "yes", ""]), "y"));
    expect(error.code).toBe("TARGET_ONE_CLASS");
    expect(error.message).toContain('only one value, "yes" (2 rows)');
  });

  it("TARGET_NOT_BINARY lists up to five values with counts", () => {
    const values = ["a", "a", "a", "b", "b", "c", "d", "e", "f", "g"];
    const error = failure(() => mapTarget(table(values), "y"));
    expect(error.code).toBe("TARGET_NOT_BINARY");
    expect(error.message).toContain("7 distinct values");
    expect(error.message).toContain(
      '"a" (3 rows), "b" (2 rows), "c" (1 row), "d" (1 row), "e" (1 row) … and 2 more',
    );
  });

  it("MISSING_TARGET names the first row without a value and the count", () => {
    const error = failure(() => mapTarget(table(["yes", "no", "NA", "yes", " ", "no"]), "y"));
    expect(error.code).toBe("MISSING_TARGET");
    expect(error.message).toContain("2 rows");
    expect(error.message).toContain("data row 3 (file line 4 when the header is line 1)");
    expect(error.location).toMatchObject({ row: 3, column: "y" });
    // With explicit markers, only those (and blanks) are missing.
    expect(failure(() => mapTarget(table(["yes", "no", "NA"]), "y", { missingMarkers: [] })).code).toBe(
      "TARGET_NOT_BINARY",
    );
  });

  it("MISSING_TARGET for a column that does not exist, listing the columns", () => {
    const error = failure(() => mapTarget(table(["yes", "no"]), "target"));
    expect(error.code).toBe("MISSING_TARGET");
    expect(error.message).toContain('"target"');
    expect(error.message).toContain('available columns: "id", "y"');
  });
});
