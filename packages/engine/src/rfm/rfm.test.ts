import { describe, expect, it } from "vitest";
import { failure } from "../test-support/errors.ts";
import { tableOf } from "../test-support/schema.ts";
import {
  cleanTransactions,
  quintileScores,
  REMOVAL_REASONS,
  resolveTransactionColumns,
  rfm,
  segmentHistory,
} from "./index.ts";

const HEADER = ["Order Ref", "Client Id", "Bought At", "Qty", "Unit Price", "Item", "Notes"];
/** Three customers over January 2024, plus one line for each removal reason. */
const ROWS = [
  ["1", "A", "2024-01-01 09:00:00", "2", "5", "P1", "x"],
  ["1", "A", "2024-01-01 09:00:00", "1", "10", "P2", "x"],
  ["2", "B", "2024-01-05 10:00:00", "3", "10", "P3", "x"],
  ["3", "A", "2024-01-11 12:00:00", "1", "30", "P1", "x"],
  ["4", "7.0", "2024-01-20 08:00:00", "1", "5", "P1", "x"],
  ["5", "7", "2024-01-30 18:00:00", "2", "10", "P2", "x"],
  ["6", "", "2024-01-12 10:00:00", "1", "10", "P1", "no customer"],
  ["C7", "A", "2024-01-13 10:00:00", "-1", "30", "P1", "cancelled"],
  ["8", "B", "2024-01-14 10:00:00", "1", "0", "P9", "free sample"],
  ["1", "A", "2024-01-01 09:00:00", "2", "5", "P1", "x"],
];
const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe("transactions to RFM", () => {
  it("recognises the columns from their names and values", () => {
    expect(resolveTransactionColumns(tableOf(HEADER, ROWS))).toEqual({
      customer: "Client Id",
      time: "Bought At",
      quantity: "Qty",
      price: "Unit Price",
      invoice: "Order Ref",
      product: "Item",
    });
  });

  it("counts every removed line by reason", () => {
    const result = rfm(tableOf(HEADER, ROWS));
    expect(result.removed).toEqual({
      "unparseable date": 0,
      "non-numeric amount": 0,
      "missing customer": 1,
      "cancellation or return": 1,
      "zero or negative price": 1,
      duplicate: 1,
    });
    expect(Object.keys(result.removed)).toEqual(REMOVAL_REASONS);
    // "7.0" and "7" are one customer (ids exported as floats).
    expect(result.transactions.customerKeys).toEqual(["A", "B", "7"]);
  });

  it("computes each customer's features as of the day after the last purchase (hand-checked)", () => {
    const { features } = rfm(tableOf(HEADER, ROWS));
    expect(features.asOf).toBe(at("2024-01-31"));
    expect(features.keys).toEqual(["A", "B", "7"]);
    // A: invoices 1 (Jan 1, 10 + 10) and 3 (Jan 11, 30); B: invoice 2 (Jan 5, 30);
    // 7: invoices 4 (Jan 20, 5) and 5 (Jan 30, 20).
    expect(Array.from(features.recencyDays)).toEqual([20, 26, 1]);
    expect(Array.from(features.tenureDays)).toEqual([30, 26, 11]);
    expect(Array.from(features.frequency)).toEqual([2, 1, 2]);
    expect(Array.from(features.monetary)).toEqual([50, 30, 25]);
    expect(Array.from(features.averageBasket)).toEqual([25, 30, 12.5]);
    expect(Array.from(features.productBreadth ?? [])).toEqual([2, 1, 2]);
    // Jan 1 09:00 → Jan 11 12:00 is 10 days 3 hours over one gap; Jan 20 08:00 → Jan 30 18:00.
    expect(features.meanInterPurchaseDays[0]).toBeCloseTo(10 + 3 / 24, 12);
    expect(features.meanInterPurchaseDays[1]).toBeNaN();
    expect(features.meanInterPurchaseDays[2]).toBeCloseTo(10 + 10 / 24, 12);
  });

  it("scores quintiles by percentile rank, ties sharing a score, and names the segments", () => {
    // Ranks of [20, 26, 1] are 2/3, 1, 1/3 → quintiles 4, 5, 2 → recency scores 2, 1, 4.
    expect(Array.from(quintileScores(Float64Array.from([20, 26, 1]), false))).toEqual([2, 1, 4]);
    // [2, 1, 2]: the tie shares rank 2.5 of 3 → 0.833 → 5; the 1 has 1/3 → 2.
    expect(Array.from(quintileScores(Float64Array.from([2, 1, 2]), true))).toEqual([5, 2, 5]);
    expect(Array.from(quintileScores(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), true))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
    const result = rfm(tableOf(HEADER, ROWS));
    expect(Array.from(result.scores.m)).toEqual([5, 4, 2]);
    // A: R2 F5 → Can't Lose Them; B: R1 F2 → Hibernating; 7: R4 F5 → Loyal Customers.
    const names = result.summary
      .filter((s) => s.customers > 0)
      .map((s) => [s.name, s.customers, s.revenueShare]);
    expect(names).toEqual([
      ["Loyal Customers", 1, 25 / 105],
      ["Can't Lose Them", 1, 50 / 105],
      ["Hibernating", 1, 30 / 105],
    ]);
    expect(result.summary.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
  });

  it("builds the customer table to import, with a 'bought in the next N days' target at a cut-off", () => {
    const result = rfm(tableOf(HEADER, ROWS), { cutoff: at("2024-01-08"), horizonDays: 10 });
    // Before Jan 8 only A (Jan 1) and B (Jan 5) had bought; A bought again on Jan 11.
    expect(result.features.keys).toEqual(["A", "B"]);
    expect(Array.from(result.features.recencyDays)).toEqual([7, 3]);
    expect(result.target?.column).toBe("purchased_next_10d");
    expect(Array.from(result.target?.labels ?? [])).toEqual([1, 0]);
    expect(result.table.header).toEqual([
      "Client Id",
      "recency_days",
      "frequency",
      "monetary",
      "tenure_days",
      "average_basket",
      "product_breadth",
      "mean_interpurchase_days",
      "r_score",
      "f_score",
      "m_score",
      "rfm_segment",
      "purchased_next_10d",
    ]);
    expect(result.table.columns.map((c) => c[0])).toEqual([
      "A",
      "7",
      "1",
      "20",
      "7",
      "20",
      "2",
      "",
      "1",
      "4",
      "3",
      "At Risk",
      "1",
    ]);
  });

  it("follows segments over time: snapshots, migration, stability and alerts", () => {
    const tx = rfm(tableOf(HEADER, ROWS)).transactions;
    const history = segmentHistory(tx, [at("2024-01-31"), at("2024-01-10")], { alertThreshold: 0.1 });
    expect(history.snapshots.map((s) => s.cutoff)).toEqual([at("2024-01-10"), at("2024-01-31")]);
    // Jan 10: A (R1 F4) At Risk, B (R3 F4) Loyal; Jan 31: A Can't Lose Them, B Hibernating, 7 Loyal.
    const [migration] = history.migrations;
    expect(migration?.matrix).toMatchObject({ stayed: 0, common: 2, stability: 0, entered: 1, left: 0 });
    const moved = (from: string, to: string) =>
      migration?.matrix.counts[migration.matrix.from.indexOf(from)]?.[migration.matrix.to.indexOf(to)];
    expect(moved("At Risk", "Can't Lose Them")).toBe(1);
    expect(moved("Loyal Customers", "Hibernating")).toBe(1);
    expect(moved("(new)", "Loyal Customers")).toBe(1);
    expect(migration?.alerts.map((a) => [a.segment, a.direction])).toContainEqual(["At Risk", "vanished"]);
  });
});

describe("bad transaction files", () => {
  const with_ = (row: number, column: number, value: string) =>
    ROWS.map((r, i) => (i === row ? r.map((v, c) => (c === column ? value : v)) : r));

  it("refuses unparseable dates, naming the column and the rows; --drop-invalid counts them instead", () => {
    const rows = with_(2, 2, "2024-13-45");
    const error = failure(() => rfm(tableOf(HEADER, rows)));
    expect(error.code).toBe("INVALID_VALUE");
    expect(error.location).toMatchObject({ column: "Bought At", row: 3 });
    expect(error.message).toContain("row 3");
    const dropped = rfm(tableOf(HEADER, rows), { dropInvalid: true });
    expect(dropped.removed["unparseable date"]).toBe(1);
    expect(dropped.features.keys).toEqual(["A", "7"]);
  });

  it("refuses non-numeric amounts, naming the column and the rows", () => {
    const error = failure(() => rfm(tableOf(HEADER, with_(4, 3, "two"))));
    expect(error.code).toBe("INVALID_VALUE");
    expect(error.location).toMatchObject({ column: "Qty", row: 5 });
    const amounts = tableOf(
      ["customer", "date", "amount"],
      [
        ["a", "2024-01-01", "10"],
        ["b", "2024-01-02", "n/a"],
        ["c", "2024-01-03", "1,5"],
      ],
    );
    const both = failure(() => rfm(amounts));
    expect(both.location).toMatchObject({ column: "amount", row: 2 });
    expect(both.message).toContain("2 value(s)");
    expect(rfm(amounts, { dropInvalid: true }).removed["non-numeric amount"]).toBe(2);
  });

  it("without a customer, time or amount column says which is missing", () => {
    const noCustomer = tableOf(["when", "amount"], [["2024-01-01", "5"]]);
    expect(failure(() => rfm(noCustomer))).toMatchObject({
      code: "MISSING_COLUMN",
      location: { field: "customer" },
    });
    const noTime = tableOf(["customer", "amount"], [["a", "5"]]);
    expect(failure(() => rfm(noTime))).toMatchObject({ code: "MISSING_COLUMN", location: { field: "time" } });
    const noAmount = tableOf(["customer", "date", "qty"], [["a", "2024-01-01", "5"]]);
    expect(failure(() => rfm(noAmount))).toMatchObject({
      code: "MISSING_COLUMN",
      location: { field: "amount" },
    });
    // A lone "date" column holding no dates is still the time column: the error names its rows.
    const wrongDates = tableOf(["customer", "date", "amount"], [["a", "soon", "5"]]);
    expect(failure(() => rfm(wrongDates))).toMatchObject({
      code: "INVALID_VALUE",
      location: { column: "date", row: 1 },
    });
    // Between two candidates, the one whose values are dates wins.
    const twoDates = tableOf(
      ["customer", "due date", "order date", "amount"],
      [["a", "later", "2024-01-01", "5"]],
    );
    expect(resolveTransactionColumns(twoDates).time).toBe("order date");
  });

  it("names a given column that does not exist, and refuses bad options", () => {
    const table = tableOf(HEADER, ROWS);
    expect(failure(() => rfm(table, { columns: { customer: "Customer" } }))).toMatchObject({
      code: "UNKNOWN_COLUMN",
      location: { column: "Customer", field: "customer" },
    });
    expect(failure(() => rfm(table, { horizonDays: 0 })).location.field).toBe("horizonDays");
    expect(failure(() => rfm(table, { cutoff: at("2023-01-01") })).location.field).toBe("cutoff");
    const tx = cleanTransactions(table, resolveTransactionColumns(table));
    expect(failure(() => segmentHistory(tx, [at("2024-01-10")])).location.field).toBe("snapshots");
  });

  it("refuses a file where every line is removed", () => {
    const allCancelled = tableOf(["customer", "date", "amount"], [["a", "2024-01-01", "-5"]]);
    expect(failure(() => rfm(allCancelled))).toMatchObject({
      code: "INVALID_VALUE",
      location: { field: "transactions" },
    });
  });
});
