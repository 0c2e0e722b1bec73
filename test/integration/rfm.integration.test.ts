// biome-ignore-all lint/suspicious/noExplicitAny: the CLI's JSON is shaped by the command and checked by the assertions
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kindredIn } from "../support/cli.ts";
import { ONLINE_RETAIL } from "../support/data.ts";

// `kindred rfm` on the real online retail transactions, and on broken files.
describe("kindred rfm", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kindred-rfm-"));
  const kindred = kindredIn(dataDir);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("turns online_retail.csv into 4,338 customers with RFM segments, every removed line counted; imports them with snapshots", () => {
    const result = kindred(
      "rfm",
      ONLINE_RETAIL,
      "--snapshots",
      "2011-06-01,2011-09-01,2011-12-10",
      "--import",
      "retail",
      "--json",
    );
    expect(result.stderr).not.toContain("Error");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    // 541,909 lines; 135,080 without a customer (UCI's count). 4,372 customer ids before
    // cleaning; the ones who only ever cancelled are gone. 392,692 lines remain, as in the
    // usual cleaning of this dataset.
    expect(summary.inputRows).toBe(541_909);
    expect(summary.removed).toEqual({
      "unparseable date": 0,
      "non-numeric amount": 0,
      "missing customer": 135_080,
      "cancellation or return": 8_905,
      "zero or negative price": 40,
      duplicate: 5_192,
    });
    const removed = Object.values(summary.removed as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(541_909 - removed).toBe(392_692);
    expect(summary.customers).toBe(4_338);
    expect(summary.asOf).toBe("2011-12-10");
    expect(summary.columns).toMatchObject({
      customer: "CustomerID",
      time: "InvoiceDate",
      invoice: "InvoiceNo",
    });
    const segments = summary.segments as {
      name: string;
      customers: number;
      share: number;
      revenueShare: number;
    }[];
    expect(segments.reduce((a, s) => a + s.customers, 0)).toBe(4_338);
    expect(segments.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 9);
    expect(segments.reduce((a, s) => a + s.revenueShare, 0)).toBeCloseTo(1, 9);
    const champions = segments.find((s) => s.name === "Champions");
    // A seventh of the customers bring about half of the revenue.
    expect(champions?.share).toBeGreaterThan(0.1);
    expect(champions?.revenueShare).toBeGreaterThan(0.4);
    expect(summary.history.snapshots.map((s: any) => s.customers)).toEqual([2_718, 3_317, 4_338]);
    expect(summary.history.migrations[0].common).toBe(2_718);
    expect(summary.history.migrations[0].stability).toBeGreaterThan(0);
    expect(summary.dataset).toMatchObject({ name: "retail", rows: 4_338 });
  });

  it("the imported customers train an autoencoder run", () => {
    const result = kindred("train", "--dataset", "retail", "--epochs", "3", "--json");
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(typeof run.runId).toBe("string");
    expect(run).toMatchObject({ kind: "autoencoder", indexed: true });
  });

  it("refuses unparseable dates and non-numeric amounts, naming the rows; exits 2", () => {
    const file = join(dataDir, "broken.csv");
    writeFileSync(
      file,
      "customer,date,amount\na,2024-01-01,10\nb,2024-02-30,5\nc,yesterday,5\nd,2024-01-03,12\n",
    );
    const dates = kindred("rfm", file);
    expect(dates.code).toBe(2);
    expect(dates.stderr).toContain('column "date"');
    expect(dates.stderr).toContain("row 2");
    expect(dates.stderr).toContain("row 3");
    writeFileSync(file, "customer,date,amount\na,2024-01-01,10\nb,2024-01-02,ten\n");
    const amounts = kindred("rfm", file);
    expect(amounts.code).toBe(2);
    expect(amounts.stderr).toContain('column "amount"');
    expect(amounts.stderr).toContain("row 2");
    writeFileSync(file, "when,amount\n2024-01-01,10\n");
    const noCustomer = kindred("rfm", file);
    expect(noCustomer.code).toBe(2);
    expect(noCustomer.stderr).toContain("no customer column");
    const unknown = kindred("rfm", file, "--customer", "nobody");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"nobody"');
  });
});
