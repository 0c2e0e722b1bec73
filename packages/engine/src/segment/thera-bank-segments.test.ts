import { createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type DatasetSchema, inferSchema, mapTarget, type RawTable, readCsv } from "../data/index.ts";
import config from "./__fixtures__/thera-bank-segments.json" with { type: "json" };
import { applyBusinessSegmentation, type BusinessSegmentationResult } from "./index.ts";

// The shared datasets (read-only), next to the repository: /work/shared/data/.
const DATA = new URL("../../../../../shared/data/", import.meta.url);

describe("the Thera Bank example configuration", () => {
  let table: RawTable;
  let schema: DatasetSchema;
  let labels: Uint8Array;
  let result: BusinessSegmentationResult;
  beforeAll(async () => {
    const file = fileURLToPath(new URL("Bank_Personal_Loan_Modelling.csv", DATA));
    table = await readCsv(createReadStream(file));
    schema = inferSchema(table, { target: "Personal Loan" });
    labels = mapTarget(table, "Personal Loan").labels;
    result = applyBusinessSegmentation(table, schema, config, { labels });
  });

  it("assigns every one of the 5,000 customers to one of the 5 personas; shares sum to 1", () => {
    expect(result.assignment).toHaveLength(5000);
    expect(result.assignment.every((a) => a >= 0 && a < 5)).toBe(true);
    expect(result.personas.map((p) => p.name)).toEqual([
      "Affluent Engaged",
      "High-Income Professionals",
      "Stretched Borrowers",
      "Digital Regulars",
      "Mainstream Depositors",
    ]);
    expect(result.personas.reduce((sum, p) => sum + p.size, 0)).toBe(5000);
    expect(result.personas.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1, 12);
    expect(result.personas.every((p) => p.size > 0)).toBe(true);
  });

  it("computes every score for every customer (no missing values in this file)", () => {
    expect(Object.keys(result.scores)).toEqual([
      "engagement",
      "affluence",
      "card_spend_ratio",
      "financial_exposure",
    ]);
    for (const values of Object.values(result.scores))
      expect(values.every((v) => Number.isFinite(v))).toBe(true);
    expect(Math.max(...result.scores.engagement!)).toBe(5);
  });

  it("separates converters: the affluent personas convert far above the 9.6 % average", () => {
    const rate = (name: string) => result.personas.find((p) => p.name === name)?.conversionRate ?? 0;
    expect(rate("Affluent Engaged")).toBeGreaterThan(0.3);
    expect(rate("High-Income Professionals")).toBeGreaterThan(0.3);
    expect(rate("Mainstream Depositors")).toBeLessThan(0.096);
  });
});
