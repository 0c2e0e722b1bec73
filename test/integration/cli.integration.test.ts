import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kindredIn, THERA_TRAIN } from "../support/cli.ts";
import { THERA_BANK } from "../support/data.ts";

const dataDir = mkdtempSync(join(tmpdir(), "kindred-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const kindred = kindredIn(dataDir);

describe("kindred CLI", () => {
  let runId = "";

  it("train --data … --json prints one JSON document with the documented fields", () => {
    const result = kindred("train", ...THERA_TRAIN, "--split", "oot", "--epochs", "5", "--json");
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(["runId", "rows", "features", "epochs", "embeddingDim", "splits", "timings"]),
    );
    expect(summary).toMatchObject({ rows: 5000, features: 11, embeddingDim: 32 });
    expect(summary.epochs).toBeLessThanOrEqual(5);
    for (const split of ["train", "val", "oot1", "oot2"]) {
      expect(Object.keys(summary.splits[split]).sort()).toEqual(["auc", "ks", "n", "positives"]);
    }
    // progress went to stderr, one line per epoch when not a terminal
    expect(result.stderr).toMatch(/train epoch 1 · val AUC/);
    runId = summary.runId;
  });

  it("embeddings --run --out writes customer id + 32 columns", () => {
    const out = join(dataDir, "emb.csv");
    const result = kindred("embeddings", "--run", runId, "--out", out);
    expect(result.code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(5001);
    expect(lines[0]?.split(",")).toHaveLength(33);
  });

  it("analyze --json prints the sweep, recommended K, PCA, PSI and personas", () => {
    const result = kindred("analyze", "--run", runId, "--k-max", "5", "--no-tsne", "--no-umap", "--json");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.sweep.map((p: { k: number }) => p.k)).toEqual([2, 3, 4, 5]);
    expect(Object.keys(summary.sweep[0])).toEqual(
      expect.arrayContaining(["k", "inertia", "silhouette", "daviesBouldin"]),
    );
    expect(summary.recommendedK).toBeGreaterThanOrEqual(2);
    expect(summary.pca.explainedVarianceRatio).toHaveLength(32);
    expect(summary.psi).toMatchObject({ baseline: "train", against: "oot2" });
    expect(summary.psi.dims).toHaveLength(32);
    expect(Object.keys(summary.personas[0])).toEqual(
      expect.arrayContaining(["name", "share", "conversionRate"]),
    );
    const personas = JSON.parse(kindred("personas", "--run", runId, "--json").stdout);
    expect(personas.kmeans).toHaveLength(summary.recommendedK);
  });

  it("score --run --data --out writes customer ids and probabilities", () => {
    const out = join(dataDir, "scored.csv");
    const result = kindred("score", "--run", runId, "--data", THERA_BANK, "--out", out, "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 5000, out });
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("customer_id,probability");
    expect(lines).toHaveLength(5001);
  });

  it("lookalike --json returns the documented shape; export writes the target list", () => {
    const result = kindred(
      "lookalike",
      "--run",
      runId,
      "--seeds",
      "label=1",
      "--candidates",
      "label=0",
      "--limit",
      "20",
      "--json",
    );
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ strategy: "centroid", seeds: 480, missingSeeds: [] });
    expect(summary.results).toHaveLength(20);
    expect(Object.keys(summary.results[0])).toEqual(
      expect.arrayContaining(["customerId", "similarity", "probability"]),
    );
    expect(Object.keys(summary.evaluation)).toEqual(expect.arrayContaining(["recallAtK", "lift"]));
    const out = join(dataDir, "targets.csv");
    const exported = kindred("export", "--run", runId, "--strategy", "best", "--limit", "15", "--out", out);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("rank,customer_id,similarity,probability,score");
    expect(lines).toHaveLength(16);
    const bad = kindred(
      "export",
      "--run",
      runId,
      "--candidates",
      "income=3",
      "--out",
      join(dataDir, "bad.csv"),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error: cannot filter on "income"/);
    expect(() => readFileSync(join(dataDir, "bad.csv"))).toThrow();
    expect(kindred("lookalike", "--run", runId, "--strategy", "nearest").stderr).toMatch(
      /--strategy must be one of/,
    );
    expect(kindred("lookalike", "--run", runId, "--blend", "1.5").stderr).toMatch(
      /--blend must be between 0 and 1/,
    );
    expect(kindred("lookalike", "--run", runId, "--limit", "0").stderr).toMatch(/--limit must be at least 1/);
  });

  it("reuses an identical import and lists datasets and runs", () => {
    const datasets = JSON.parse(kindred("datasets", "--json").stdout);
    expect(datasets).toHaveLength(1);
    const runs = JSON.parse(kindred("runs", "--json").stdout);
    expect(runs[0]).toMatchObject({ id: runId, status: "succeeded" });
  });

  it("--config sets split sizes and architecture, --overrides corrects the schema", () => {
    const config = join(dataDir, "run.json");
    writeFileSync(
      config,
      JSON.stringify({
        split: { inTimeShare: 0.6, oot1Share: 0.2, oot2Share: 0.2 },
        model: { hiddenUnits: [32], maxEpochs: 2 },
      }),
    );
    const overrides = join(dataDir, "overrides.json");
    writeFileSync(overrides, JSON.stringify({ columns: { Education: { kind: "categorical" } } }));
    const result = kindred("train", ...THERA_TRAIN, "--config", config, "--overrides", overrides, "--json");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.splits.oot1.n).toBe(1000);
    expect(summary.splits.train.n + summary.splits.val.n).toBe(3000);
    expect(summary.epochs).toBeLessThanOrEqual(2);
    // Education one-hot (3 levels + rare) instead of one ordinal column: 11 → 14 encoded columns
    expect(summary.encodedColumns).toBe(14);
  });

  it("bad config and overrides files name the field", () => {
    const config = join(dataDir, "bad-run.json");
    writeFileSync(config, JSON.stringify({ model: { maxEpochs: -3 } }));
    const bad = kindred("train", "--data", THERA_BANK, "--target", "Personal Loan", "--config", config);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/field model\.maxEpochs/);
    writeFileSync(config, JSON.stringify({ modle: {} }));
    expect(kindred("train", "--data", THERA_BANK, "--config", config).stderr).toMatch(/modle/);
    writeFileSync(config, "{ not json");
    expect(kindred("train", "--data", THERA_BANK, "--config", config).stderr).toMatch(/not readable JSON/);
    const overrides = join(dataDir, "bad-overrides.json");
    writeFileSync(overrides, JSON.stringify({ columns: { Nope: { kind: "numeric" } } }));
    const unknown = kindred("import", THERA_BANK, "--overrides", overrides);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Nope/);
  });

  it("bad input exits 2 with a message naming the problem", () => {
    const ragged = join(dataDir, "ragged.csv");
    writeFileSync(ragged, "a,b,c\n1,2,3\n4,5\n");
    const result = kindred("import", ragged);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: .*line 3/m);
    expect(kindred("train", "--dataset", "nope").stderr).toMatch(/error: no dataset "nope"/);
    expect(kindred("train", "--data", ragged, "--epochs", "x").stderr).toMatch(/--epochs must be an integer/);
    expect(kindred("frobnicate").code).toBe(2);
  });
});
