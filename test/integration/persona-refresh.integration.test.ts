import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredRun } from "../../apps/api/src/services/analyze-run.ts";
import { personaKind } from "../../apps/api/src/services/persona-refresh.ts";
import { scoreBatch } from "../../apps/api/src/services/score-batch.ts";
import { storedSegmentHistory } from "../../apps/api/src/services/segment-history.ts";
import { latestSnapshotState } from "../../apps/api/src/store/segment-snapshot-store.ts";
import { THERA_BANK } from "../support/data.ts";
import { trainTheraBank } from "../support/runs.ts";
import { createTestStore, type TestStore } from "../support/stores.ts";

// Weekly refresh of personas without a new K sweep: each scored batch moves the persona centres
// (mini-batch k-means, history keeping its weight) and is kept as a snapshot to follow over time.
describe("personas refreshed by scored batches", () => {
  let store: TestStore;
  let runId = "";
  let datasetId = "";
  beforeAll(async () => {
    store = await createTestStore("embedded");
    ({ runId, datasetId } = await trainTheraBank(store.ctx));
    await analyzeStoredRun(store.ctx, { runId, sampleSize: 500, tsne: false, umap: false });
  });
  afterAll(async () => {
    await store.dispose();
  });

  it("assigns every batch customer a persona, carries the centres over, and shows the migration", async () => {
    const lines = readFileSync(THERA_BANK, "utf8")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split(/\r?\n/);
    const batch = join(store.dataDir, "week.csv");
    writeFileSync(batch, `${lines.slice(0, 401).join("\n")}\n`);
    const first = await scoreBatch(store.ctx, { runId, path: batch });
    const second = await scoreBatch(store.ctx, { runId, path: batch });
    for (const result of [first, second]) {
      expect(result.personas?.assigned.reduce((sum, p) => sum + p.customers, 0)).toBe(400);
    }
    // The same customers again: the centres barely move the second time.
    expect(second.personas?.moved).toBeLessThan(first.personas?.moved as number);
    const state = (await latestSnapshotState(store.ctx.db.prisma, datasetId, personaKind(runId))) as {
      counts: number[];
    };
    expect(state.counts.reduce((a, b) => a + b, 0)).toBe(5_000 + 400 + 400);

    const history = await storedSegmentHistory(store.ctx, datasetId, personaKind(runId), 0.2);
    expect(history.snapshots.map((s) => s.customers)).toEqual([5_000, 400, 400]);
    const [fromTraining, betweenBatches] = history.migrations;
    // The batch customers are training customers 1–400, scored with the same model.
    expect(fromTraining?.matrix.common).toBe(400);
    expect(fromTraining?.matrix.left).toBe(4_600);
    expect(fromTraining?.matrix.stability).toBeGreaterThan(0.9);
    expect(betweenBatches?.matrix).toMatchObject({ common: 400, entered: 0, left: 0 });
    expect(betweenBatches?.matrix.stability).toBeGreaterThan(0.95);
  });
});
