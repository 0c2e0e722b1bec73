import { existsSync } from "node:fs";
import { join } from "node:path";
import { isKindredError, type KindredErrorCode } from "@kindred/engine/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportTargetList, runLookalike } from "../../apps/api/src/services/lookalike.ts";
import { trainTheraBank } from "../support/runs.ts";
import { createTestStore, type TestStore } from "../support/stores.ts";

async function rejection(promise: Promise<unknown>, code: KindredErrorCode, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKindredError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as Error).message).toMatch(message);
}

describe("lookalike on Thera Bank (embedded index)", () => {
  let store: TestStore;
  let runId = "";
  let buyers = new Set<string>();
  beforeAll(async () => {
    store = await createTestStore("embedded");
    const trained = await trainTheraBank(store.ctx);
    runId = trained.runId;
    const rows = await store.ctx.db.prisma.customer.findMany({
      where: { datasetId: trained.datasetId, label: 1 },
    });
    buyers = new Set(rows.map((r) => r.customerKey));
  });
  afterAll(async () => {
    await store.dispose();
  });

  it("seeds label = 1, candidates label = 0: only non-buyers, by similarity; held-out lift > 2 with centroid", async () => {
    const summary = await runLookalike(store.ctx, {
      runId,
      seeds: { filter: { label: 1 } },
      candidates: { label: 0 },
      strategy: "centroid",
      limit: 100,
      evaluate: true,
    });
    expect(summary.seeds).toBe(480);
    expect(summary.results).toHaveLength(100);
    expect(summary.results.every((r) => !buyers.has(r.customerId))).toBe(true);
    const similarities = summary.results.map((r) => r.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    expect(summary.evaluation?.lift).toBeGreaterThan(2);
    console.log(`Thera centroid lookalike: ${JSON.stringify(summary.evaluation)}`);
  });

  it.each(["best", "sum", "per-seed"] as const)("strategy %s returns ranked non-buyers", async (strategy) => {
    const summary = await runLookalike(store.ctx, {
      runId,
      seeds: { filter: { label: 1 } },
      candidates: { label: 0 },
      strategy,
      limit: 50,
    });
    expect(summary.results.length).toBeGreaterThan(0);
    expect(summary.results.every((r) => !buyers.has(r.customerId))).toBe(true);
    const scores = summary.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("reports unknown seed ids without failing, and exports a target list", async () => {
    const out = join(store.dataDir, "targets.csv");
    const result = await exportTargetList(store.ctx, {
      runId,
      seeds: { customerIds: ["10", "17", "no-such-customer"] },
      candidates: { label: 0 },
      exclude: ["1", "2"],
      strategy: "per-seed",
      limit: 25,
      out,
    });
    expect(result.summary.missingSeeds).toEqual(["no-such-customer"]);
    expect(result.summary.results.map((r) => r.customerId)).not.toContain("1");
    expect(existsSync(out)).toBe(true);
  });

  it("refuses an empty seed set and a filter on an unknown field, writing no list", async () => {
    const out = join(store.dataDir, "never.csv");
    const base = { runId, candidates: { label: 0 }, strategy: "centroid" as const, out };
    await rejection(
      exportTargetList(store.ctx, { ...base, seeds: { filter: { label: 7 } } }),
      "INVALID_CONFIG",
      /no seeds/i,
    );
    await rejection(
      exportTargetList(store.ctx, {
        ...base,
        seeds: { filter: { label: 1 } },
        candidates: { income: 3 } as never,
      }),
      "UNKNOWN_COLUMN",
      /income/,
    );
    await rejection(
      exportTargetList(store.ctx, { ...base, seeds: { customerIds: [] } }),
      "INVALID_CONFIG",
      /no seeds|empty/i,
    );
    expect(existsSync(out)).toBe(false);
  });
});
