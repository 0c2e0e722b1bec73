import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isKindredError, type KindredErrorCode } from "@kindred/engine/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredRun } from "../../apps/api/src/services/analyze-run.ts";
import { importDataset } from "../../apps/api/src/services/import-dataset.ts";
import { chooseRunK, editPersona, runPersonas } from "../../apps/api/src/services/personas.ts";
import { scoreBatch } from "../../apps/api/src/services/score-batch.ts";
import { trainDatasetRun } from "../../apps/api/src/services/train-run.ts";
import { loadLabels } from "../../apps/api/src/store/analysis-store.ts";
import { BANK_MARKETING, THERA_BANK } from "../support/data.ts";
import { trainTheraBank } from "../support/runs.ts";
import { createTestStore, type TestStore } from "../support/stores.ts";

const THERA_SEGMENTS = new URL(
  "../../packages/engine/src/segment/__fixtures__/thera-bank-segments.json",
  import.meta.url,
);

async function rejection(promise: Promise<unknown>, code: KindredErrorCode): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKindredError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  return error as Error;
}

describe("analysis of a Thera Bank run", () => {
  let store: TestStore;
  let runId = "";
  beforeAll(async () => {
    store = await createTestStore("embedded");
    runId = (await trainTheraBank(store.ctx)).runId;
  });
  afterAll(async () => {
    await store.dispose();
  });

  it("sweeps K = 2..14, projects, builds personas beside business rules, and reports drift", async () => {
    const business = JSON.parse(readFileSync(THERA_SEGMENTS, "utf8"));
    const stages = new Set<string>();
    const summary = await analyzeStoredRun(store.ctx, {
      runId,
      sampleSize: 1500,
      business,
      onProgress: (stage) => stages.add(stage),
    });
    expect(summary.sweep.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(summary.sweep.every((p) => p.silhouetteExact)).toBe(true); // 5,000 rows: exact
    expect(summary.recommendedK).toBeGreaterThanOrEqual(2);
    expect(summary.personas).toHaveLength(summary.recommendedK);
    expect(summary.personas.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 9);
    expect(summary.pca.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(summary.projections).toEqual(["pca", "tsne", "umap"]);
    expect(summary.psi).toMatchObject({ baseline: "train", against: "oot2" });
    expect(summary.psi?.dims).toHaveLength(32);
    expect(summary.businessPersonas.map((p) => p.name)).toContain("Mainstream Depositors");
    expect(stages).toEqual(
      new Set(["sweep", "pca", "tsne", "umap", "density", "personas", "drift", "business"]),
    );
    // HDBSCAN on the UMAP map of the 1,500 sampled rows, noise kept as its own group.
    const density = summary.density;
    console.log(
      `Thera Bank density clusters (HDBSCAN on UMAP, 1,500 rows, min size ${density?.minClusterSize}): ${density?.clusterCount} clusters, noise ${((density?.noiseShare ?? 0) * 100).toFixed(1)} %, ARI with k-means K=${density?.k} ${density?.agreementWithKMeans.toFixed(3)} (${summary.timings.densityMs} ms)`,
    );
    expect(density).toMatchObject({ on: "umap", rows: 1500, minClusterSize: 15, k: summary.recommendedK });
    expect(density?.clusterCount).toBeGreaterThanOrEqual(2);
    expect(density?.clusters).toHaveLength((density?.clusterCount ?? 0) + 1);
    expect(density?.clusters.at(-1)).toMatchObject({ cluster: -1, size: density?.noiseCount });
    expect(density?.clusters.reduce((s, c) => s + c.size, 0)).toBe(1500);
    expect(density?.clusters.every((c) => (c.conversionRate !== null) === c.size > 0)).toBe(true);
    expect(density?.agreementWithKMeans).toBeGreaterThan(-1);
    expect(density?.agreementWithKMeans).toBeLessThanOrEqual(1);

    const prisma = store.ctx.db.prisma;
    const pcaMap = await prisma.projection.findFirstOrThrow({
      where: { analysisId: summary.analysisId, method: "pca" },
    });
    expect(pcaMap.coords.byteLength).toBe(5000 * 2 * 4);
    const tsneMap = await prisma.projection.findFirstOrThrow({
      where: { analysisId: summary.analysisId, method: "tsne" },
    });
    expect(tsneMap.rowIndices.byteLength).toBe(1500 * 4);
    expect(await prisma.analysisLabels.count({ where: { analysisId: summary.analysisId } })).toBe(15);
    const stored = await prisma.analysis.findUniqueOrThrow({ where: { id: summary.analysisId } });
    // Stored as JSON (the embedded store may round the last digit of a float).
    expect(stored.density).toMatchObject({
      on: "umap",
      rows: 1500,
      clusterCount: density?.clusterCount,
      noiseCount: density?.noiseCount,
      clusters: density?.clusters.map(({ cluster, size }) => ({ cluster, size })),
    });
    // Density labels of every customer: −2 outside the sample, −1 noise, else the cluster.
    const densityLabels = await loadLabels(prisma, summary.analysisId, "density");
    expect(densityLabels).toHaveLength(5000);
    expect(densityLabels?.filter((l) => l !== -2)).toHaveLength(1500);
    expect(densityLabels?.filter((l) => l === -1)).toHaveLength(density?.noiseCount ?? -1);

    const personas = await runPersonas(store.ctx, runId);
    expect(personas.kmeans).toHaveLength(summary.recommendedK);
    expect(personas.rules.length).toBeGreaterThan(1);
    const renamed = await editPersona(store.ctx, personas.kmeans[0]!.id, {
      name: "  Affluent digital savers ",
      strategy: "Premium card offer",
    });
    expect(renamed).toMatchObject({ name: "Affluent digital savers", strategy: "Premium card offer" });
    expect(renamed.editedAt).not.toBeNull();
    await rejection(editPersona(store.ctx, renamed.id, { name: " " }), "INVALID_CONFIG");

    // Another K of the sweep becomes current; the edited persona of the first K is kept.
    const otherK = summary.recommendedK === 5 ? 6 : 5;
    const chosen = await chooseRunK(store.ctx, runId, otherK);
    expect(chosen.k).toBe(otherK);
    expect(chosen.kmeans).toHaveLength(otherK);
    expect(chosen.kmeans.reduce((sum, p) => sum + p.size, 0)).toBe(5000);
    expect((await prisma.persona.findUniqueOrThrow({ where: { id: renamed.id } })).name).toBe(
      "Affluent digital savers",
    );
    await rejection(chooseRunK(store.ctx, runId, 20), "INVALID_CONFIG");
  });

  it("refuses K above the row count and a reversed K range, writing nothing", async () => {
    const before = await store.ctx.db.prisma.analysis.count();
    const tooMany = await rejection(analyzeStoredRun(store.ctx, { runId, kMax: 6000 }), "INVALID_CONFIG");
    expect(tooMany.message).toMatch(/6000|5000|5,000/);
    const reversed = await rejection(
      analyzeStoredRun(store.ctx, { runId, kMin: 9, kMax: 3 }),
      "INVALID_CONFIG",
    );
    expect(reversed.message).toMatch(/kMin 9 is above kMax 3/);
    expect(await store.ctx.db.prisma.analysis.count()).toBe(before);
  });

  it("scores a new batch with the saved model and stores a drift report", async () => {
    const lines = readFileSync(THERA_BANK, "utf8")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/);
    const batch = join(store.dataDir, "batch.csv");
    writeFileSync(batch, `${lines.slice(0, 501).join("\n")}\n`);
    const out = join(store.dataDir, "scored.csv");
    const result = await scoreBatch(store.ctx, { runId, path: batch, out });
    expect(result.rows).toBe(500);
    const scored = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(scored[0]).toBe("customer_id,probability");
    expect(scored).toHaveLength(501);
    // the same customers as at training time get the same probabilities
    const stored = await store.ctx.db.prisma.runCustomer.findFirstOrThrow({
      where: { runId, customer: { customerKey: "1" } },
    });
    expect(Number(scored[1]?.split(",")[1])).toBeCloseTo(stored.probability as number, 6);
    expect(scored[1]?.split(",")[0]).toBe("1");
    expect(result.drift.features.map((f) => f.name)).toContain("Income");
    const report = await store.ctx.db.prisma.driftReport.findUniqueOrThrow({
      where: { id: result.drift.reportId },
    });
    expect(report).toMatchObject({ against: "batch", source: "batch.csv", currentRows: 500 });
  });

  it("refuses a batch whose columns differ from the run's, writing nothing", async () => {
    const batch = join(store.dataDir, "wrong.csv");
    writeFileSync(batch, "ID,Age,Salary\n1,30,50\n2,40,60\n");
    const out = join(store.dataDir, "wrong-scored.csv");
    const reports = await store.ctx.db.prisma.driftReport.count();
    const error = await rejection(scoreBatch(store.ctx, { runId, path: batch, out }), "UNKNOWN_COLUMN");
    expect(error.message).toMatch(/missing \d+ feature column\(s\) .*"Income"/);
    expect(await store.ctx.db.prisma.driftReport.count()).toBe(reports);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe("drift on bank-additional-full (rows span the 2008–2010 crisis)", () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore("embedded");
  });
  afterAll(async () => {
    await store.dispose();
  });

  const quick = { kMin: 2, kMax: 3, tsne: false, umap: false, density: false };

  it("flags embedding dimensions over 0.25 for OOT2, and none over 0.10 on a random split", async () => {
    const { dataset } = await importDataset(store.ctx, { path: BANK_MARKETING, target: "y" });
    const outOfTime = await trainDatasetRun(store.ctx, { dataset: dataset.id });
    const oot = await analyzeStoredRun(store.ctx, { runId: outOfTime.runId, ...quick });
    expect(oot.psi?.against).toBe("oot2");
    expect(oot.psi?.flagged.length).toBeGreaterThan(0);
    expect(oot.psi?.maxPsi).toBeGreaterThan(0.25);
    expect(oot.density).toBeNull(); // switched off

    const random = await trainDatasetRun(store.ctx, {
      dataset: dataset.id,
      config: { split: { method: "random" } },
    });
    const shuffled = await analyzeStoredRun(store.ctx, { runId: random.runId, ...quick });
    expect(shuffled.psi?.against).toBe("test");
    expect(shuffled.psi?.maxPsi).toBeLessThan(0.1);
    console.log(
      `bank drift: OOT2 max PSI ${oot.psi?.maxPsi.toFixed(3)} (${oot.psi?.flagged.length} of 32 dims ≥ 0.25); random split max PSI ${shuffled.psi?.maxPsi.toFixed(3)}`,
    );
  });
});
