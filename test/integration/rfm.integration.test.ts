// biome-ignore-all lint/suspicious/noExplicitAny: the CLI's JSON is shaped by the command and checked by the assertions
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN, ApiClient, startTestApi, type TestApi } from "../support/api.ts";
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
    // Without --import nothing is stored: no database is even opened.
    const untouched = join(dataDir, "never-created");
    writeFileSync(file, "customer,date,amount\na,2024-01-01,10\nb,2024-01-02,5\n");
    const plain = kindredIn(untouched)("rfm", file, "--json");
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).customers).toBe(2);
    expect(existsSync(untouched)).toBe(false);
    const unknown = kindred("rfm", file, "--customer", "nobody");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"nobody"');
  });
});

/** Twelve customers buying over four months, with a cancellation and a duplicate line. */
function transactionsCsv(): string {
  const lines = ["order_id,client,ordered_at,total,channel"];
  let order = 1;
  for (let c = 0; c < 12; c++) {
    const purchases = 1 + (c % 4);
    for (let p = 0; p < purchases; p++) {
      const month = 1 + ((c + p) % 4);
      const day = 1 + ((c * 3 + p * 5) % 27);
      lines.push(
        `${order++},cust-${c},2024-0${month}-${String(day).padStart(2, "0")} 10:00:00,${10 + c * 5 + p},${c % 2 ? "web" : "store"}`,
      );
    }
  }
  lines.push(`C${order},cust-1,2024-02-10 10:00:00,-15,web`);
  lines.push(lines[1] as string);
  return `${lines.join("\n")}\n`;
}

describe("transactions over GraphQL", () => {
  let api: TestApi;
  let client: ApiClient;
  const IMPORT = `mutation ($file: Upload!, $input: ImportTransactionsInput) { importTransactions(file: $file, input: $input) {
    ok error { code message column row field }
    summary { inputRows customers columns { customer time amount invoice channel } removed { reason rows } segments { name customers share revenueShare } dataset { id name rowCount } }
  } }`;

  afterAll(async () => {
    await api?.dispose();
  });

  it("imports transactions as customers with RFM segments and snapshots; serves segments over time", async () => {
    api = await startTestApi("embedded");
    client = new ApiClient(api.url);
    await client.login(ADMIN.email, ADMIN.password);
    const result = await client.upload(
      IMPORT,
      { input: { name: "shop", snapshots: ["2024-03-01", "2024-05-01"] } },
      { file: { name: "orders.csv", content: transactionsCsv() } },
    );
    const { importTransactions } = result.data as any;
    expect(importTransactions.error).toBeNull();
    expect(importTransactions.summary).toMatchObject({
      inputRows: 32,
      customers: 12,
      columns: {
        customer: "client",
        time: "ordered_at",
        amount: "total",
        invoice: "order_id",
        channel: "channel",
      },
      dataset: { name: "shop", rowCount: 12 },
    });
    const { dataset } = await client.data(
      `query ($id: ID!) { dataset(id: $id) { idColumn columns { name kind role } } }`,
      {
        id: importTransactions.summary.dataset.id,
      },
    );
    expect(dataset.idColumn).toBe("client");
    // Measured features import as numeric features, even where every value is distinct.
    for (const name of [
      "recency_days",
      "frequency",
      "monetary",
      "average_basket",
      "mean_interpurchase_days",
    ]) {
      expect(dataset.columns.find((c: any) => c.name === name)).toMatchObject({
        kind: "numeric",
        role: "feature",
      });
    }
    const removed = Object.fromEntries(
      importTransactions.summary.removed.map((r: any) => [r.reason, r.rows]),
    );
    expect(removed).toMatchObject({ "cancellation or return": 1, duplicate: 1, "missing customer": 0 });
    const { segmentHistory } = await client.data(
      `query ($id: ID!) { segmentHistory(datasetId: $id, alertThreshold: 0.1) {
        kind snapshots { cutoff customers segments { name customers share } }
        migrations { from to stability stayed common entered left rows columns counts nodes { name side } links { source target value } alerts { segment direction change } }
      } }`,
      { id: importTransactions.summary.dataset.id },
    );
    expect(segmentHistory.kind).toBe("rfm");
    expect(segmentHistory.snapshots.map((s: any) => s.cutoff.slice(0, 10))).toEqual([
      "2024-03-01",
      "2024-05-01",
    ]);
    const [migration] = segmentHistory.migrations;
    expect(migration.common).toBe(segmentHistory.snapshots[0].customers);
    expect(migration.entered).toBe(12 - migration.common);
    expect(migration.stayed / migration.common).toBeCloseTo(migration.stability, 12);
    const linked = migration.links.reduce((sum: number, l: any) => sum + l.value, 0);
    expect(linked).toBe(12);
    expect(migration.counts.flat().reduce((a: number, b: number) => a + b, 0)).toBe(12);
  });

  it("refuses a file with unreadable dates, naming the row, and writes nothing", async () => {
    const bad = await client.upload(
      IMPORT,
      { input: { name: "broken" } },
      { file: { name: "broken.csv", content: "client,ordered_at,total\na,2024-01-01,5\nb,someday,5\n" } },
    );
    expect((bad.data as any).importTransactions).toMatchObject({
      ok: false,
      error: { code: "INVALID_VALUE", column: "ordered_at", row: 2 },
    });
    // A snapshot before the first purchase, or a date that is not one: refused before any write.
    for (const snapshots of [
      ["2000-01-01", "2024-05-01"],
      ["2024-03-01", "March"],
    ]) {
      const early = await client.upload(
        IMPORT,
        { input: { name: "early", snapshots } },
        { file: { name: "orders.csv", content: transactionsCsv() } },
      );
      expect((early.data as any).importTransactions).toMatchObject({
        ok: false,
        error: { code: "INVALID_CONFIG" },
      });
    }
    const { datasets } = await client.data(`{ datasets { items { id name } } }`);
    expect(datasets.items.map((d: any) => d.name)).toEqual(["shop"]);
    const negative = await client.request(
      `query ($id: ID!) { segmentHistory(datasetId: $id, alertThreshold: -1) { kind } }`,
      { id: datasets.items[0].id },
    );
    expect(negative.errors?.[0]?.extensions?.code).toBe("INVALID_CONFIG");
    const unknown = await client.request(`{ segmentHistory(datasetId: "nope") { kind } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
