import { createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type DatasetSchema, inferSchema, mapTarget, type RawTable, readCsv } from "./index.ts";

// The shared datasets (read-only), next to the repository: /work/shared/data/.
const DATA = new URL("../../../../../shared/data/", import.meta.url);

async function read(file: string): Promise<RawTable & { delimiter: string }> {
  return readCsv(createReadStream(fileURLToPath(new URL(file, DATA))));
}

function byName(schema: DatasetSchema, name: string) {
  const column = schema.columns.find((c) => c.name === name);
  if (!column) throw new Error(`no column ${name}`);
  return column;
}

function sum(labels: Uint8Array): number {
  return labels.reduce((a, b) => a + b, 0);
}

describe("bank-additional-full.csv", () => {
  let table: RawTable & { delimiter: string };
  let schema: DatasetSchema;
  beforeAll(async () => {
    table = await read("bank-additional-full.csv");
    schema = inferSchema(table, { target: "y" });
  });

  it("parses 41,188 rows of 21 columns separated by ';'", () => {
    expect(table.delimiter).toBe(";");
    expect(table.rowCount).toBe(41188);
    expect(table.header).toHaveLength(21);
    expect(table.header[0]).toBe("age");
    expect(table.columns[1]?.[0]).toBe("housemaid");
  });

  it("finds pdays = 999 as a sentinel", () => {
    const pdays = byName(schema, "pdays");
    expect(pdays.sentinels).toEqual([999]);
    expect(pdays.stats.max).toBeLessThan(999);
    const others = schema.columns.filter((c) => c.name !== "pdays" && c.sentinels.length > 0);
    expect(others.map((c) => c.name)).toEqual([]);
  });

  it("records `unknown` as the missing marker of the six categorical columns", () => {
    const withUnknown = schema.columns.filter((c) => c.missingMarkers.includes("unknown")).map((c) => c.name);
    expect(withUnknown).toEqual(["job", "marital", "education", "default", "housing", "loan"]);
  });

  it("maps y: yes → 1 with 4,640 positives", () => {
    expect(schema.target).toEqual({ column: "y", positive: "yes", negative: "no" });
    expect(byName(schema, "y")).toMatchObject({ kind: "binary", role: "target" });
    expect(sum(mapTarget(table, "y").labels)).toBe(4640);
  });
});

describe("Bank_Personal_Loan_Modelling.csv (Thera Bank)", () => {
  let table: RawTable & { delimiter: string };
  let schema: DatasetSchema;
  beforeAll(async () => {
    table = await read("Bank_Personal_Loan_Modelling.csv");
    schema = inferSchema(table, { target: "Personal Loan" });
  });

  it("strips the byte-order mark and reads 5,000 rows", () => {
    expect(table.header[0]).toBe("ID");
    expect(table.delimiter).toBe(",");
    expect(table.rowCount).toBe(5000);
  });

  it("infers ID as the identifier and Education as ordinal 1–3", () => {
    expect(byName(schema, "ID")).toMatchObject({ kind: "identifier", role: "id" });
    expect(schema.idColumn).toBe("ID");
    expect(byName(schema, "Education")).toMatchObject({ kind: "ordinal", levels: ["1", "2", "3"] });
  });

  it("maps Personal Loan (binary) with 480 positives", () => {
    expect(byName(schema, "Personal Loan").kind).toBe("binary");
    expect(schema.target).toEqual({ column: "Personal Loan", positive: "1", negative: "0" });
    expect(sum(mapTarget(table, "Personal Loan").labels)).toBe(480);
  });

  it("finds no sentinel, not even on Experience with its negative values", () => {
    const experience = byName(schema, "Experience");
    expect(experience.stats.min).toBeLessThan(0);
    expect(schema.columns.filter((c) => c.sentinels.length > 0).map((c) => c.name)).toEqual([]);
  });
});
