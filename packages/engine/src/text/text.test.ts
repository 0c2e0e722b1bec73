import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DatasetSchema } from "../data/index.ts";
import { failure } from "../test-support/errors.ts";
import { column, tableOf } from "../test-support/schema.ts";
import {
  dictionaryEntry,
  dictionaryFromRows,
  dictionaryFromTable,
  encodeAll,
  findDictionarySheet,
  matchDictionary,
  openXlsx,
  readXlsxSheet,
  renderRows,
  type TextEncoder,
} from "./index.ts";

const XLSX = new URL("../../../../../shared/data/Bank_Personal_Loan_Modelling.xlsx", import.meta.url);

describe("data dictionaries", () => {
  it("reads the Description sheet of the Thera Bank workbook", () => {
    const rows = readXlsxSheet(new Uint8Array(readFileSync(XLSX)), "Description");
    const dictionary = dictionaryFromRows(rows);
    expect(dictionary.map((e) => e.name)).toEqual([
      "ID",
      "Age",
      "Experience",
      "Income",
      "ZIPCode",
      "Family",
      "CCAvg",
      "Education",
      "Mortgage",
      "Personal Loan",
      "Securities Account",
      "CD Account",
      "Online",
      "CreditCard",
    ]);
    const education = dictionary.find((e) => e.name === "Education");
    expect(education?.description).toBe("Education Level");
    expect([...(education?.codes ?? [])]).toEqual([
      ["1", "Undergrad"],
      ["2", "Graduate"],
      ["3", "Advanced/Professional"],
    ]);
    expect(dictionary.find((e) => e.name === "Income")).toMatchObject({
      description: "Annual income of the customer",
      thousandsOfDollars: true,
    });
    expect(dictionary.find((e) => e.name === "Experience")).toMatchObject({
      description: "Number of years of professional experience",
      unit: "years",
    });
    expect(() => readXlsxSheet(new Uint8Array(readFileSync(XLSX)), "Codes")).toThrow(
      /no sheet "Codes".*"Description"/,
    );
  });

  it("finds the workbook's dictionary sheet by the columns it lists, not the data sheet", () => {
    const workbook = openXlsx(new Uint8Array(readFileSync(XLSX)));
    expect(workbook.sheets.length).toBeGreaterThan(1);
    const schema: DatasetSchema = {
      rowCount: 0,
      idColumn: "ID",
      columns: ["ID", "Age", "Income", "Family", "Education"].map((name) => column(name, "numeric")),
    };
    expect(findDictionarySheet(workbook.sheets, workbook.read, schema)).toBe("Description");
    // A workbook naming none of the dataset's columns: the error lists its sheets.
    const other: DatasetSchema = {
      ...schema,
      columns: [column("Spend", "numeric"), column("Tenure", "numeric")],
    };
    const error = failure(() => findDictionarySheet(workbook.sheets, workbook.read, other));
    expect(error).toMatchObject({ code: "INVALID_CONFIG", location: { field: "sheet" } });
    expect(error.message).toContain('"Description"');
  });

  it("reads a CSV dictionary with units and codes columns; refuses one without its columns", () => {
    const table = tableOf(
      ["column", "description", "unit", "codes"],
      [
        ["Family", "Family size of the customer", "persons", ""],
        ["Tier", "Loyalty tier", "", "1=Bronze;2=Silver;3=Gold"],
      ],
    );
    const [family, tier] = dictionaryFromTable(table);
    expect(family).toMatchObject({
      name: "Family",
      description: "Family size of the customer",
      unit: "persons",
    });
    expect([...(tier?.codes ?? [])]).toEqual([
      ["1", "Bronze"],
      ["2", "Silver"],
      ["3", "Gold"],
    ]);
    expect(failure(() => dictionaryFromTable(tableOf(["name", "text"], [["a", "b"]]))).location.field).toBe(
      "dictionary",
    );
    expect(dictionaryEntry("Age", "Age in years").codes).toBeUndefined();
  });
});

describe("rendering customers as text", () => {
  const schema: DatasetSchema = {
    rowCount: 3,
    idColumn: "ID",
    target: { column: "Loan", positive: "1", negative: "0" },
    columns: [
      column("ID", "identifier", { role: "id" }),
      column("Income", "numeric"),
      column("Family", "ordinal", { levels: ["1", "2", "3", "4"] }),
      column("Education", "ordinal", { levels: ["1", "2", "3"] }),
      column("Online", "binary", { levels: ["0", "1"] }),
      column("Experience", "numeric", { missingMarkers: ["NA"] }),
      column("ZIP Code", "numeric", { role: "ignore" }),
      column("Loan", "binary", { role: "target", levels: ["0", "1"] }),
    ],
  };
  const table = tableOf(
    ["ID", "Income", "Family", "Education", "Online", "Experience", "ZIP Code", "Loan"],
    [
      ["7", "49", "1", "1", "0", "9", "91107", "0"],
      ["8", "120", "4", "3", "1", "NA", "90089", "1"],
    ],
  );
  const dictionary = dictionaryFromRows([
    ["ID", "Customer ID"],
    ["Income", "Annual income of the customer ($000)"],
    ["Family", "Family size of the customer", "persons"],
    ["Education", "Education Level. 1: Undergrad; 2: Graduate; 3: Advanced/Professional"],
    ["Online", "Does the customer use internet banking facilities?"],
    ["Experience", "#years of professional experience"],
    ["ZIPCode", "Home Address ZIP code."],
    ["Loan", "Did this customer accept the personal loan?"],
  ]);

  it("writes description: readable value for every feature, leaving out ids, the target and ignored columns", () => {
    const texts = renderRows(table, schema, matchDictionary(dictionary, schema));
    expect(texts).toEqual([
      "Annual income of the customer: $49,000; Family size of the customer: 1 person; Education Level: Undergrad; Does the customer use internet banking facilities?: no; Number of years of professional experience: 9 years",
      "Annual income of the customer: $120,000; Family size of the customer: 4 persons; Education Level: Advanced/Professional; Does the customer use internet banking facilities?: yes; Number of years of professional experience: unknown",
    ]);
    // Without a dictionary the column names stand in for descriptions.
    expect(renderRows(table, schema, new Map(), [0])[0]).toBe(
      "Income: 49; Family: 1; Education: 1; Online: no; Experience: 9",
    );
  });

  it("refuses a dictionary naming columns the dataset does not have, and names them", () => {
    const error = failure(() =>
      matchDictionary([...dictionary, ...dictionaryFromRows([["Salary", "Monthly salary"]])], schema),
    );
    expect(error.code).toBe("UNKNOWN_COLUMN");
    expect(error.location.column).toBe("Salary");
    expect(error.message).toMatch(/"Salary"/);
  });
});

describe("encodeAll", () => {
  it("encodes in batches with progress, in order", async () => {
    const calls: number[] = [];
    const encoder: TextEncoder = {
      model: "fake",
      dim: 2,
      encode: async (texts) => {
        calls.push(texts.length);
        return Float32Array.from(texts.flatMap((t) => [t.length, 1]));
      },
      dispose: async () => {},
    };
    const progress: number[] = [];
    const out = await encodeAll(encoder, ["a", "bb", "ccc", "dddd", "eeeee"], {
      batchSize: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(calls).toEqual([2, 2, 1]);
    expect(progress).toEqual([2, 4, 5]);
    expect(Array.from(out)).toEqual([1, 1, 2, 1, 3, 1, 4, 1, 5, 1]);
    const wrong: TextEncoder = { ...encoder, encode: async () => new Float32Array(1) };
    await expect(encodeAll(wrong, ["a"])).rejects.toMatchObject({ code: "ARTIFACT_MISMATCH" });
  });
});
