import { describe, expect, it } from "vitest";
import { parseDate } from "./dates.ts";
import { timeKey } from "./time-key.ts";

describe("parseDate", () => {
  it("reads ISO dates and date-times as UTC", () => {
    expect(parseDate("2010-12-01")).toBe(Date.UTC(2010, 11, 1));
    expect(parseDate(" 2010-12-01 08:26 ")).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate("2010-12-01 08:26:30")).toBe(Date.UTC(2010, 11, 1, 8, 26, 30));
    expect(parseDate("2010-12-01T08:26:30.250Z")).toBe(Date.UTC(2010, 11, 1, 8, 26, 30, 250));
    expect(parseDate("2010/12/01")).toBe(Date.UTC(2010, 11, 1));
  });

  it("reads day-first and month-first dates only when unambiguous or told", () => {
    expect(parseDate("25/12/2010")).toBe(Date.UTC(2010, 11, 25));
    expect(parseDate("12/25/2010")).toBe(Date.UTC(2010, 11, 25));
    expect(parseDate("03/04/2010")).toBeNaN();
    expect(parseDate("03/04/2010", "dmy")).toBe(Date.UTC(2010, 3, 3));
    expect(parseDate("03/04/2010", "mdy")).toBe(Date.UTC(2010, 2, 4));
    expect(parseDate("25.12.2010 10:00")).toBe(Date.UTC(2010, 11, 25, 10));
  });

  it("rejects impossible dates and other text", () => {
    for (const raw of [
      "2010-02-30",
      "2010-13-01",
      "2010-12-01 24:00",
      "2010-12/01",
      "20101201",
      "",
      "may",
      "1.5",
    ]) {
      expect(parseDate(raw)).toBeNaN();
    }
    expect(parseDate("2012-02-29")).toBe(Date.UTC(2012, 1, 29));
  });
});

describe("timeKey", () => {
  it("orders by date, by number, and gives NaN for missing cells", () => {
    const date = { kind: "date" as const, dateOrder: "dmy" as const, missingMarkers: ["NA"] };
    expect(timeKey(date, "03/04/2010")).toBe(Date.UTC(2010, 3, 3));
    expect(timeKey(date, "NA")).toBeNaN();
    expect(timeKey({ kind: "numeric", missingMarkers: [] }, " 201004 ")).toBe(201004);
    expect(timeKey({ kind: "numeric", missingMarkers: [] }, "")).toBeNaN();
  });
});
