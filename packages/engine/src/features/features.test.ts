import { describe, expect, it } from "vitest";
import type { RawTable } from "../data/types.ts";
import { isKindredError, type KindredError, type KindredErrorCode } from "../errors/index.ts";
import { column } from "../test-support/schema.ts";
import {
  describeEncoder,
  type ENCODER_SPEC_VERSION,
  type EncoderSpec,
  fitEncoder,
  type NumericEncoding,
  OUTPUT_LIMIT,
  transform,
} from "./index.ts";

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
  const columns = [column("x", "numeric"), column("c", "categorical")];
  const spec = fitEncoder(t, columns, [0, 1, 2, 3], { minLevelCount: 1 });

  it("uses the train mean, population std (like StandardScaler) and median", () => {
    const x = spec.features[0] as NumericEncoding;
    expect(x.mean).toBe(2.5);
    expect(x.std).toBe(1.118033988749895);
    expect(x.median).toBe(2.5);
    expect([x.min, x.max, x.log1p, x.trainCount]).toEqual([1, 4, false, 4]);
    const z = (v: number) => (v - 2.5) / 1.118033988749895;
    // the non-train extremes are clipped to the train range [1, 4] before scaling
    expect(rowsOf(spec, t).map((row) => row[0])).toEqual(f32([z(1), z(2), z(3), z(4), z(4), z(1)]));
  });

  it("keeps out-of-range values when clipping is off", () => {
    const unclipped = fitEncoder(t, columns, [0, 1, 2, 3], { minLevelCount: 1, clipToTrainRange: false });
    const z = (v: number) => (v - 2.5) / 1.118033988749895;
    expect(rowsOf(unclipped, t, [4, 5]).map((row) => row[0])).toEqual(f32([z(1000), z(-1000)]));
  });

  it("takes levels from the train rows; other levels are rare", () => {
    const raw = fitEncoder(t, columns, [0, 1, 2, 3], { minLevelCount: 1, standardizeIndicators: false });
    expect(raw.columnNames).toEqual(["x", "c=a", "c=b", "c=__rare__"]);
    expect(raw.indicatorScaling).toBeUndefined();
    expect(rowsOf(raw, t, [0, 2, 4]).map((row) => row.slice(1))).toEqual([
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
    const spec = fitEncoder(t, [column("x", "numeric", { missingMarkers: ["NA"] })], [0, 1, 2], {
      standardizeIndicators: false,
    });
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

  it("flags each sentinel and fills it at the nearest end of the train range", () => {
    const t = table({ x: [1, 999, 3, 5, -1] });
    const spec = fitEncoder(
      t,
      [column("x", "numeric", { sentinels: [999, -1], missingMarkers: ["?"] })],
      [0, 1, 2, 3],
      { standardizeIndicators: false },
    );
    const x = spec.features[0] as NumericEncoding;
    // usable train values 1, 3, 5 (the sentinel 999 is not a value)
    expect([x.mean, x.std, x.median, x.min, x.max]).toEqual([3, Math.sqrt(8 / 3), 3, 1, 5]);
    expect(spec.columnNames).toEqual(["x", "x__missing", "x__is_999", "x__is_-1"]);
    const z = (v: number) => Math.fround((v - 3) / Math.sqrt(8 / 3));
    expect(rowsOf(spec, t)).toEqual([
      [z(1), 0, 0, 0],
      [z(5), 0, 1, 0], // 999 > train max 5 → scaled max
      [z(3), 0, 0, 0],
      [z(5), 0, 0, 0],
      [z(1), 0, 0, 1], // −1 < train min 1 → scaled min
    ]);
  });

  it("fills a sentinel above the train max with the scaled max", () => {
    const t = table({ x: [0, 3, 6, 999, 999] });
    const spec = fitEncoder(t, [column("x", "numeric", { sentinels: [999] })], range(5), {
      standardizeIndicators: false,
    });
    const x = spec.features[0] as NumericEncoding;
    // usable train values 0, 3, 6: mean 3, population std √6, median 3
    expect([x.trainCount, x.mean, x.std, x.median, x.min, x.max]).toEqual([3, 3, Math.sqrt(6), 3, 0, 6]);
    const top = Math.fround(3 / Math.sqrt(6)); // (6 − 3) / √6, not the median's 0
    expect(top).toBeCloseTo(1.224744871391589, 6);
    expect(rowsOf(spec, t)).toEqual([
      [Math.fround(-3 / Math.sqrt(6)), 0],
      [0, 0],
      [top, 0],
      [top, 1],
      [top, 1],
    ]);
  });

  it("fills a sentinel below the train min with the scaled min", () => {
    const t = table({ x: [2, 3, -1, 4, 5, -1] });
    const spec = fitEncoder(t, [column("x", "numeric", { sentinels: [-1] })], range(6), {
      standardizeIndicators: false,
    });
    const x = spec.features[0] as NumericEncoding;
    // usable train values 2, 3, 4, 5: mean 3.5, population std √1.25, median 3.5
    expect([x.mean, x.std, x.median, x.min, x.max]).toEqual([3.5, Math.sqrt(1.25), 3.5, 2, 5]);
    const bottom = Math.fround(-1.5 / Math.sqrt(1.25)); // (2 − 3.5) / √1.25
    expect(bottom).toBeCloseTo(-1.3416407864998738, 6);
    expect(rowsOf(spec, t, [0, 2, 5])).toEqual([
      [bottom, 0],
      [bottom, 1],
      [bottom, 1],
    ]);
  });

  it("fills a sentinel inside the train range with the median", () => {
    // usable train values 0, 1, 8: mean 3, median 1; the sentinel 4 lies between min and max
    const t = table({ x: [0, 1, 8, 4] });
    const spec = fitEncoder(t, [column("x", "numeric", { sentinels: [4] })], range(4), {
      standardizeIndicators: false,
    });
    const x = spec.features[0] as NumericEncoding;
    expect([x.mean, x.std, x.median]).toEqual([3, Math.sqrt(38 / 3), 1]);
    expect(rowsOf(spec, t, [3])).toEqual([[Math.fround(-2 / Math.sqrt(38 / 3)), 1]]);
  });

  it("fills a sentinel on a log1p feature with the scaled log1p of the train max", () => {
    const t = table({ x: [0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 999] });
    const spec = fitEncoder(t, [column("x", "numeric", { sentinels: [999] })], range(11), {
      standardizeIndicators: false,
    });
    const x = spec.features[0] as NumericEncoding;
    expect([x.log1p, x.max]).toEqual([true, 100]);
    const top = Math.fround((Math.log1p(100) - x.mean) / x.std);
    expect(rowsOf(spec, t, [9, 10])).toEqual([
      [top, 0],
      [top, 1],
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
    const plain = fitEncoder(table({ x: [1, 2, 3, 4] }), [column("x", "numeric")], range(4), {
      clipToTrainRange: false,
    });
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
      { standardizeIndicators: false },
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
    const spec = fitEncoder(table({ c: values }), [cat], range(35), { standardizeIndicators: false });
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
    const spec = fitEncoder(table({ c: ["x", "y", ""] }), [cat], [0, 1], {
      minLevelCount: 1,
      standardizeIndicators: false,
    });
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
    const raw = fitEncoder(t, columns, [0, 1, 2], { minLevelCount: 1, standardizeIndicators: false });
    const m = transform(raw, t, [0, 2]);
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
    expect(spec.indicatorScaling?.columns).toEqual([1, 2, 3, 4, 5, 6]);
    const copy = JSON.parse(JSON.stringify(spec)) as EncoderSpec;
    expect(copy).toEqual(spec);
    expect(transform(copy, t, [0, 1, 2]).data).toEqual(transform(spec, t, [0, 1, 2]).data);
    const raw = fitEncoder(t, columns, [0, 1, 2], { minLevelCount: 1, standardizeIndicators: false });
    expect(transform(copy, t, [0, 1, 2]).data).not.toEqual(transform(raw, t, [0, 1, 2]).data);
    catchError(
      () => transform({ ...copy, version: 99 as typeof ENCODER_SPEC_VERSION }, t),
      "ARTIFACT_MISMATCH",
    );
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
      "n → n, n__missing, n__is_-9: numeric, standardized (mean 20, std 10), clipped to the train range 10..30; missing → median 20; sentinel -9 → train min 10",
      'b → b=t: binary, "t" = 1, "f" = 0',
      "c → c=u, c=v, c=__rare__: categorical one-hot, 2 levels kept, 0 rare",
      "6 indicator columns standardized with train mean and std",
    ]);
  });
});

describe("indicator scaling (standardizeIndicators)", () => {
  // population std of a 0/1 column with share p of ones is √(p(1 − p)); p = 0.25 or 0.75 → √0.1875
  const SD_QUARTER = 0.4330127018922193;

  it("is on by default and off on request", () => {
    const t = table({ b: ["no", "yes"] });
    const on = fitEncoder(t, [column("b", "binary")], range(2));
    expect(on.options.standardizeIndicators).toBe(true);
    expect(on.indicatorScaling).toEqual({ columns: [0], mean: [0.5], scale: [0.5] });
    const off = fitEncoder(t, [column("b", "binary")], range(2), { standardizeIndicators: false });
    expect(off.options.standardizeIndicators).toBe(false);
    expect(off.indicatorScaling).toBeUndefined();
    expect("indicatorScaling" in off).toBe(false);
  });

  it("standardizes a binary column with the train mean and population std", () => {
    const t = table({ b: ["no", "yes", "yes", "yes"] });
    const spec = fitEncoder(t, [column("b", "binary")], range(4));
    expect(Math.sqrt(0.75 * 0.25)).toBe(SD_QUARTER);
    expect(spec.indicatorScaling).toEqual({ columns: [0], mean: [0.75], scale: [SD_QUARTER] });
    const no = Math.fround((0 - 0.75) / SD_QUARTER);
    const yes = Math.fround((1 - 0.75) / SD_QUARTER);
    expect(no).toBeCloseTo(-Math.sqrt(3), 6);
    expect(yes).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(rowsOf(spec, t)).toEqual([[no], [yes], [yes], [yes]]);
    // zero mean, unit population variance on the train rows
    const col = rowsOf(spec, t).map((row) => row[0]!);
    const mean = col.reduce((a, b) => a + b, 0) / 4;
    expect(mean).toBeCloseTo(0, 6);
    expect(col.reduce((a, b) => a + (b - mean) ** 2, 0) / 4).toBeCloseTo(1, 6);
  });

  it("leaves a column that is all 0 in train as 0/1 (mean 0, std 0 → scale 1)", () => {
    const t = table({ c: ["a", "a", "b", "b", "new"] });
    const spec = fitEncoder(t, [column("c", "categorical")], range(4), { minLevelCount: 1 });
    expect(spec.columnNames).toEqual(["c=a", "c=b", "c=__rare__"]);
    expect(spec.indicatorScaling).toEqual({ columns: [0, 1, 2], mean: [0.5, 0.5, 0], scale: [0.5, 0.5, 1] });
    expect(rowsOf(spec, t, [0, 2, 4])).toEqual([
      [1, -1, 0],
      [-1, 1, 0],
      [-1, -1, 1],
    ]);
  });

  it("scales missing and sentinel indicators but not the numeric value column", () => {
    const t = table({ x: ["0", "NA", "6", "999"] });
    const columns = [column("x", "numeric", { missingMarkers: ["NA"], sentinels: [999] })];
    const spec = fitEncoder(t, columns, range(4));
    const raw = fitEncoder(t, columns, range(4), { standardizeIndicators: false });
    expect(spec.columnNames).toEqual(["x", "x__missing", "x__is_999"]);
    // x__missing and x__is_999 are each 1 in one of the 4 train rows
    expect(spec.indicatorScaling).toEqual({
      columns: [1, 2],
      mean: [0.25, 0.25],
      scale: [SD_QUARTER, SD_QUARTER],
    });
    const hi = Math.fround(0.75 / SD_QUARTER);
    const lo = Math.fround(-0.25 / SD_QUARTER);
    // usable values 0, 6: mean 3, std 3, median 3; NA → median (0); 999 > max → scaled max (1)
    expect(rowsOf(raw, t)).toEqual([
      [-1, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
      [1, 0, 1],
    ]);
    expect(rowsOf(spec, t)).toEqual([
      [-1, lo, lo],
      [0, hi, lo],
      [1, lo, lo],
      [1, lo, hi],
    ]);
    expect(rowsOf(spec, t).map((row) => row[0])).toEqual(rowsOf(raw, t).map((row) => row[0]));
  });

  it("does not rescale ordinal value columns", () => {
    const levels = ["low", "mid", "high"];
    const t = table({ o: ["low", "high", "mid", "high"] });
    const spec = fitEncoder(t, [column("o", "ordinal", { levels, missingMarkers: [""] })], range(4));
    expect(spec.columnNames).toEqual(["o", "o__missing"]);
    expect(spec.indicatorScaling).toEqual({ columns: [1], mean: [0], scale: [1] });
    const o = spec.features[0] as NumericEncoding;
    expect(rowsOf(spec, t).map((row) => row[0])).toEqual(f32([0, 2, 1, 2].map((v) => (v - o.mean) / o.std)));
  });

  it("takes its statistics from the train rows only", () => {
    // train rows 0–3: a once, b three times; the other rows are all a
    const values = ["a", "b", "b", "b", "a", "a", "a", "a", "a", "a"];
    const options = { minLevelCount: 1 };
    const cat = column("c", "categorical");
    const spec = fitEncoder(table({ c: values }), [cat], [0, 1, 2, 3], options);
    expect(spec.columnNames).toEqual(["c=b", "c=a", "c=__rare__"]);
    expect(spec.indicatorScaling).toEqual({
      columns: [0, 1, 2],
      mean: [0.75, 0.25, 0],
      scale: [SD_QUARTER, SD_QUARTER, 1],
    });
    const trainOnly = fitEncoder(table({ c: values.slice(0, 4) }), [cat], range(4), options);
    expect(trainOnly.indicatorScaling).toEqual(spec.indicatorScaling);
    // a non-train "a" row is scaled with the train statistics
    expect(rowsOf(spec, table({ c: values }), [4])).toEqual([
      [Math.fround(-0.75 / SD_QUARTER), Math.fround(0.75 / SD_QUARTER), 0],
    ]);
    // train rows chosen in another order or with other rows in between give the same scaling
    expect(fitEncoder(table({ c: values }), [cat], [3, 0, 2, 1], options).indicatorScaling).toEqual(
      spec.indicatorScaling,
    );
  });

  it("transforms identically after a JSON round trip", () => {
    const t = table({
      n: ["10", "NA", "30", "-9", "50"],
      b: ["f", "t", "t", "f", "t"],
      c: ["u", "v", "u", "w", "zzz"],
    });
    const columns = [
      column("n", "numeric", { missingMarkers: ["NA"], sentinels: [-9] }),
      column("b", "binary", { levels: ["f", "t"] }),
      column("c", "categorical"),
    ];
    const spec = fitEncoder(t, columns, [0, 1, 2, 3], { minLevelCount: 1 });
    expect(spec.indicatorScaling?.columns).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const copy = JSON.parse(JSON.stringify(spec)) as EncoderSpec;
    expect(copy).toEqual(spec);
    expect(transform(copy, t).data).toEqual(transform(spec, t).data);
    expect(transform(copy, t, [4, 1]).data).toEqual(transform(spec, t, [4, 1]).data);
  });
});
