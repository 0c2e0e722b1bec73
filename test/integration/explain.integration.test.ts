import { isKindredError } from "@kindred/engine/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainRun } from "../../apps/api/src/services/explain-run.ts";
import { runTipping } from "../../apps/api/src/services/tipping.ts";
import { explanationValues, latestExplanation } from "../../apps/api/src/store/explanation-store.ts";
import { trainTheraBank } from "../support/runs.ts";
import { createTestStore, postgresReachable, type StoreKind, type TestStore } from "../support/stores.ts";

// Explanations are stored on both relational stores; a refused request stores nothing.
describe.each<StoreKind>(["embedded", "postgresql"])("explanations on the %s store", (kind) => {
  let store: TestStore | undefined;
  let runId = "";

  beforeAll(async () => {
    if (kind === "postgresql" && !(await postgresReachable())) return;
    store = await createTestStore(kind);
    runId = (await trainTheraBank(store.ctx)).runId;
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("stores SHAP values of a sample and the global importance in one row", async (test) => {
    if (!store) return test.skip();
    const summary = await explainRun(store.ctx, { runId, sample: 40, settings: { seed: 3 } });
    expect(summary).toMatchObject({ rows: 40, method: "permutation", permutations: 32 });
    const saved = await latestExplanation(store.ctx.db.prisma, runId);
    expect(saved?.id).toBe(summary.explanationId);
    const { rowIndices, values } = explanationValues(saved!);
    expect(rowIndices).toHaveLength(40);
    expect(values).toHaveLength(40 * 11);
    expect(saved?.features).toHaveLength(11);
    // The stored importance is the mean |SHAP| of the stored values.
    const features = saved?.features as string[];
    const top = summary.importance[0]!;
    const column = features.indexOf(top.feature);
    let meanAbs = 0;
    for (let r = 0; r < 40; r++) meanAbs += Math.abs(values[r * 11 + column] as number) / 40;
    expect(meanAbs).toBeCloseTo(top.meanAbs, 12);
  });

  it("refused requests store nothing", async (test) => {
    if (!store) return test.skip();
    const prisma = store.ctx.db.prisma;
    const before = await prisma.explanation.count();
    for (const input of [
      { runId, sample: 0 },
      { runId, sample: 10, settings: { method: "permutation" as const, permutations: 3 } },
      { runId: "no-such-run", sample: 10 },
    ]) {
      const error = await explainRun(store.ctx, input).catch((e: unknown) => e);
      expect(isKindredError(error), String(error)).toBe(true);
    }
    expect(await prisma.explanation.count()).toBe(before);
  });

  it("tipping with pairs: single-feature tips first, pairs for the rest, all within the actionable set", async (test) => {
    if (!store) return test.skip();
    const report = await runTipping(store.ctx, {
      runId,
      config: { features: ["Family", "CCAvg"], locked: ["Age"], pairs: true },
      list: "similarity",
      limit: 15,
    });
    expect(report.candidates).toHaveLength(15);
    // Low-probability lookalikes often need both features (measured: 4 of 15).
    expect(report.candidates.some((c) => c.tipped && c.changes.length === 2)).toBe(true);
    for (const c of report.candidates) {
      expect(c.changes.length).toBeLessThanOrEqual(2);
      for (const change of c.changes) expect(["Family", "CCAvg"]).toContain(change.feature);
      if (c.tipped) expect(c.newProbability).toBeGreaterThanOrEqual(0.5);
    }
    // CCAvg (two decimals in the data) is searched in steps of 0.01.
    const ccavg = report.candidates.flatMap((c) => c.changes).find((ch) => ch.feature === "CCAvg");
    if (ccavg)
      expect(Math.round(Math.abs(ccavg.change ?? 0) * 100)).toBeCloseTo(Math.abs(ccavg.change ?? 0) * 100, 6);
  });
});
