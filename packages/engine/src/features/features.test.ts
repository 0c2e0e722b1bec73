import { describe, expect, it } from "vitest";
import type { ColumnKind, ColumnSchema, RawTable } from "../data/types.ts";
import { isKindredError, type KindredError, type KindredErrorCode } from "../errors/index.ts";
import {
  describeEncoder,
  type EncoderSpec,
  fitEncoder,
  type NumericEncoding,
  OUTPUT_LIMIT,
  transform,
} from "./index.ts";

function column(name: string, kind: ColumnKind, extra: Partial<ColumnSchema> = {}): ColumnSchema {
  return {
    name,
    kind,
    role: "feature",
    stats: { present: 0, missing: 0, missingShare: 0, distinct: 0 },
    missingMarkers: [],
    sentinels: [],
    reason: "test",
    ...extra,
  };
}

function table(data: Record<string, (string | number)[]>): RawTable {
  const header = Object.keys(data);
  const columns = header.map((name) => data[name]!.map(String));
  return { header, columns, rowCount: columns[0]?.length ?? 0 };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const f32 = (values: number[]) => values.map(Math.fround);

/** Encoded rows as plain arrays. */
function rowsOf(spec: EncoderSpec, t: RawTable, rows?: number[]): number[][] {
  const m = transform(spec, t, rows);
  return range(m.rows).map((i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

function catchError(fn: () => unknown, code: KindredErrorCode): KindredError {
  try {
    fn();
  } catch (error) {
    expect(isKindredError(error, code), String(error)).toBe(true);
    return error as KindredError;
  }
  throw new Error("expected an error");
}

describe("fitEncoder: statistics come from the train rows only", () => {
  const t = table({ x: [1, 2, 3, 4, 1000, -1000], c: ["a", "a", "b", "b", "z", "z"] });
  const spec = fitEncoder(t, [column("x", "numeric"), column("c", "categorical")], [0, 1, 2, 3], {
    minLevelCount: 1,
  });

  it("uses the train mean, population std (like StandardScaler) and median", () => {
    const x = spec.features[0] as NumericEncoding;
    expect(x.mean).toBe(2.5);
    expect(x.std).toBe(1.118033988749895);
    expect(x.median).toBe(2.5);
    expect([x.min, x.max, x.log1p, x.trainCount]).toEqual([1, 4, false, 4]);
    const z = (v: number) => (v - 2.5) / 1.118033988749895;
    expect(rowsOf(spec, t).map((row) => row[0])).toEqual(f32([z(1), z(2), z(3), z(4), z(1000), z(-1000)]));
  });

  it("takes levels from the train rows; other levels are rare", () => {
    expect(spec.columnNames).toEqual(["x", "c=a", "c=b", "c=__rare__"]);
    expect(rowsOf(spec, t, [0, 2, 4]).map((row) => row.slice(1))).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });
});

describe("numeric and ordinal encodings", () => {
  // One 100 among nine 0s: skewness (1 − 2p)/√(p(1 − p)) with p = 0.1 → 8/3 > 2.
  const skewed = [0, 0, 0, 0, 0, 0, 0, 0, 0, 100];

  it("applies log1p when train skewness > threshold and min ≥ 0", () => {
    const spec = fitEncoder(table({ x: skewed }), [column("x", "numeric")], range(10));
    const x = spec.features[0] as NumericEncoding;
    expect(x.skewness).toBeCloseTo(8 / 3, 12);
    expect(x.log1p).toBe(true);
    const v = Math.log1p(100);
    expect(x.mean).toBeCloseTo(v / 10, 14);
    expect(x.std).toBeCloseTo(v * 0.3, 14);
    expect(x.median).toBe(0);
    const rows = rowsOf(spec, table({ x: [0, 100, 3] }));
    expect(rows).toEqual(
      [[(0 - x.mean) / x.std], [(v - x.mean) / x.std], [(Math.log1p(3) - x.mean) / x.std]].map(f32),
    );
  });

  it("does not apply log1p when skewness ≤ threshold or min < 0", () => {
    const t = table({ x: skewed, y: [-1, ...skewed.slice(1)] });
    expect(
      (
        fitEncoder(t, [column("x", "numeric")], range(10), { logSkewThreshold: 3 })
          .features[0] as NumericEncoding
      ).log1p,
    ).toBe(false);
    const y = fitEncoder(t, [column("y", "numeric")], range(10)).features[0] as NumericEncoding;
    expect(y.skewness).toBeGreaterThan(2);
    expect(y.log1p).toBe(false);
  });

  it("imputes missing values with the train median and flags them", () => {
    const t = table({ x: ["1", " NA ", "3", "NA"] });
    const spec = fitEncoder(t, [column("x", "numeric", { missingMarkers: ["NA"] })], [0, 1, 2]);
    expect(spec.columnNames).toEqual(["x", "x__missing"]);
    // train values 1, 3: mean 2, std 1, median 2
    expect(rowsOf(spec, t)).toEqual([
      [-1, 0],
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
  });

  it("adds the missing indicator when the column has markers, even with no missing train value", () => {
    const spec = fitEncoder(table({ x: [1, 3] }), [column("x", "numeric", { missingMarkers: [""] })], [0, 1]);
    expect(spec.columnNames).toEqual(["x", "x__missing"]);
    expect(rowsOf(spec, table({ x: [""] }))).toEqual([[0, 1]]);
    expect(fitEncoder(table({ x: [1, 3] }), [column("x", "numeric")], [0, 1]).columnNames).toEqual(["x"]);
  });

  it("flags each sentinel and imputes it with the median", () => {
    const t = table({ x: [1, 999, 3, 5, -1] });
    const spec = fitEncoder(
      t,
      [column("x", "numeric", { sentinels: [999, -1], missingMarkers: ["?"] })],
      [0, 1, 2, 3],
    );
    const x = spec.features[0] as NumericEncoding;
    expect([x.mean, x.std, x.median]).toEqual([3, Math.sqrt(8 / 3), 3]);
    expect(spec.columnNames).toEqual(["x", "x__missing", "x__is_999", "x__is_-1"]);
    const z = (v: number) => Math.fround((v - 3) / Math.sqrt(8 / 3));
    expect(rowsOf(spec, t)).toEqual([
      [z(1), 0, 0, 0],
      [0, 0, 1, 0],
      [z(3), 0, 0, 0],
      [z(5), 0, 0, 0],
      [0, 0, 0, 1],
    ]);
  });

  it("encodes ordinal levels as their positions; std 0 scales by 1", () => {
    const levels = ["low", "mid", "high"];
    const t = table({ o: ["low", "high", "mid", "high"], k: [7, 7, 7, 7] });
    const spec = fitEncoder(t, [column("o", "ordinal", { levels }), column("k", "numeric")], range(4));
    const o = spec.features[0] as NumericEncoding;
    expect([o.mean, o.median]).toEqual([1.25, 1.5]);
    expect((spec.features[1] as NumericEncoding).scale).toBe(1);
    expect(rowsOf(spec, t).map((row) => row[1])).toEqual([0, 0, 0, 0]);
    const err = catchError(() => transform(spec, table({ o: ["huge"], k: [7] })), "INVALID_CONFIG");
    expect(err.message).toBe('column "o", row 1: "huge" is not one of the ordinal levels');
  });

  it("never outputs a non-finite value", () => {
    const plain = fitEncoder(table({ x: [1, 2, 3, 4] }), [column("x", "numeric")], range(4));
    expect(rowsOf(plain, table({ x: ["1e300", "-1e300"] }))).toEqual([[OUTPUT_LIMIT], [-OUTPUT_LIMIT]]);
    expect(catchError(() => transform(plain, table({ x: ["1e400"] })), "INVALID_CONFIG").message).toBe(
      'column "x", row 1: "1e400" is not a number',
    );
    const logged = fitEncoder(table({ x: skewed }), [column("x", "numeric")], range(10));
    // below 0 on a log1p feature counts as 0 (log1p(−5) would be NaN)
    expect(rowsOf(logged, table({ x: ["-5"] }))).toEqual(rowsOf(logged, table({ x: ["0"] })));
    expect(Number.isFinite(rowsOf(logged, table({ x: ["-5"] }))[0]![0])).toBe(true);
  });
});

describe("binary encodings", () => {
  it("codes the second level as 1 and flags missing values", () => {
    const t = table({ b: ["no", "yes", "unknown", "yes"] });
    const spec = fitEncoder(
      t,
      [column("b", "binary", { levels: ["no", "yes"], missingMarkers: ["unknown"] })],
      range(4),
    );
    expect(spec.columnNames).toEqual(["b=yes", "b__missing"]);
    expect(rowsOf(spec, t)).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    const err = catchError(() => transform(spec, table({ b: ["yes", "maybe"] })), "INVALID_CONFIG");
    expect(err.message).toBe('column "b", row 2: "maybe" is not "no" or "yes"');
  });

  it("takes the levels from the train values in sorted order when the schema has none", () => {
    const spec = fitEncoder(table({ b: ["Y", "N", "N"] }), [column("b", "binary")], range(3));
    expect(spec.columnNames).toEqual(["b=Y"]);
    const err = catchError(
      () => fitEncoder(table({ b: ["a", "b", "c"] }), [column("b", "binary")], range(3)),
      "INVALID_CONFIG",
    );
    expect(err.message).toMatch(/binary column "b" needs exactly 2 levels/);
  });
});

describe("categorical encodings", () => {
  // a × 12, b × 10, c × 9, d × 1, missing × 3 (35 train rows)
  const values = [...Array(12).fill("a"), ...Array(10).fill("b"), ...Array(9).fill("c"), "d", "", "", ""];
  const cat = column("c", "categorical", { missingMarkers: [""] });

  it("keeps levels with ≥ minLevelCount train rows; the rest share the rare column", () => {
    const spec = fitEncoder(table({ c: values }), [cat], range(35));
    expect(spec.columnNames).toEqual(["c=a", "c=b", "c=__rare__", "c=__missing__"]);
    expect(spec.features[0]).toMatchObject({ levels: ["a", "b"], rareLevelCount: 2, missingLevel: true });
    expect(rowsOf(spec, table({ c: ["b", "c", "new", "", " a "] }))).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [1, 0, 0, 0],
    ]);
  });

  it("applies minLevelShare to the share of all train rows", () => {
    const spec = fitEncoder(table({ c: values }), [cat], range(35), {
      minLevelCount: 1,
      minLevelShare: 10 / 35,
    });
    expect(spec.columnNames).toEqual(["c=a", "c=b", "c=__rare__", "c=__missing__"]);
  });

  it("sends missing values to the rare column when training saw none", () => {
    const spec = fitEncoder(table({ c: ["x", "y", ""] }), [cat], [0, 1], { minLevelCount: 1 });
    expect(spec.columnNames).toEqual(["c=x", "c=y", "c=__rare__"]);
    expect(rowsOf(spec, table({ c: [""] }))).toEqual([[0, 0, 1]]);
  });
});

describe("spec and matrix", () => {
  const t = table({
    id: ["r1", "r2", "r3", "r4"],
    n: ["10", "NA", "30", "abc"],
    b: ["f", "t", "t", "f"],
    c: ["u", "v", "u", "w"],
  });
  const columns = [
    column("n", "numeric", { missingMarkers: ["NA"], sentinels: [-9] }),
    column("b", "binary", { levels: ["f", "t"] }),
    column("c", "categorical"),
  ];
  const spec = fitEncoder(t, columns, [0, 1, 2], { minLevelCount: 1 });

  it("maps encoded columns back to their feature", () => {
    const m = transform(spec, t, [0, 2]);
    expect([m.rows, m.cols, m.data.length]).toEqual([2, 7, 14]);
    expect(m.columnNames).toEqual(["n", "n__missing", "n__is_-9", "b=t", "c=u", "c=v", "c=__rare__"]);
    expect(m.groups).toEqual([
      { feature: "n", start: 0, end: 3 },
      { feature: "b", start: 3, end: 4 },
      { feature: "c", start: 4, end: 7 },
    ]);
    expect(Array.from(m.data)).toEqual([-1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0]);
  });

  it("is plain JSON that transforms identically after a round trip", () => {
    const copy = JSON.parse(JSON.stringify(spec)) as EncoderSpec;
    expect(copy).toEqual(spec);
    expect(transform(copy, t, [0, 1, 2]).data).toEqual(transform(spec, t, [0, 1, 2]).data);
    catchError(() => transform({ ...copy, version: 99 as 1 }, t), "ARTIFACT_MISMATCH");
  });

  it("names an absent feature column and a bad cell (1-based row)", () => {
    const missing = catchError(() => transform(spec, table({ n: ["1"], c: ["u"] })), "UNKNOWN_COLUMN");
    expect(missing.message).toBe('the table has no column "b" (needed as a feature)');
    expect(missing.location).toEqual({ column: "b" });
    const bad = catchError(() => transform(spec, t), "INVALID_CONFIG");
    expect(bad.message).toBe('column "n", row 4: "abc" is not a number');
    expect(bad.location).toEqual({ row: 4, column: "n" });
  });

  it("rejects no features, non-feature kinds and a table without the column at fit time", () => {
    catchError(() => fitEncoder(t, [], [0]), "NO_FEATURES");
    catchError(() => fitEncoder(t, columns, []), "SPLIT_TOO_SMALL");
    expect(
      catchError(() => fitEncoder(t, [column("id", "identifier")], [0]), "INVALID_CONFIG").message,
    ).toMatch(/column "id" is of kind identifier/);
    catchError(() => fitEncoder(t, [column("zzz", "numeric")], [0]), "UNKNOWN_COLUMN");
    expect(
      catchError(() => fitEncoder(t, columns, [0], { minLevelShare: 2 }), "INVALID_CONFIG").location,
    ).toEqual({
      field: "minLevelShare",
    });
  });

  it("describes each feature in one line", () => {
    expect(describeEncoder(spec)).toEqual([
      "n → n, n__missing, n__is_-9: numeric, standardized (mean 20, std 10); missing and sentinels -9 → median 20",
      'b → b=t: binary, "t" = 1, "f" = 0',
      "c → c=u, c=v, c=__rare__: categorical one-hot, 2 levels kept, 0 rare",
    ]);
  });
});
