import { beforeAll, describe, expect, it } from "vitest";
import { inferSchema, type RawTable } from "../data/index.ts";
import { isKindredError } from "../errors/index.ts";
import { initBackend } from "../model/index.ts";
import { createRng } from "../random/index.ts";
import { rowsOf, SPLIT } from "../split/index.ts";
import { type RunProgress, resolveRunConfig, trainRun } from "./index.ts";

beforeAll(async () => {
  await initBackend("auto");
});

/** 300 customers; `bought` depends on spend and segment; `joined` dates in shuffled order. */
function customers(): RawTable {
  const rng = createRng(7);
  const n = 300;
  const spend: string[] = [];
  const segment: string[] = [];
  const bought: string[] = [];
  const joined: string[] = [];
  const order = Array.from({ length: n }, (_, i) => i).sort(() => rng() - 0.5);
  for (let i = 0; i < n; i++) {
    const s = rng() * 100;
    const seg = ["a", "b", "c"][i % 3] as string;
    spend.push(s.toFixed(1));
    segment.push(seg);
    bought.push(s + (seg === "a" ? 30 : 0) + rng() * 20 > 80 ? "yes" : "no");
    const day = new Date(Date.UTC(2020, 0, 1) + (order[i] as number) * 86_400_000);
    joined.push(day.toISOString().slice(0, 10));
  }
  return {
    header: ["spend", "segment", "joined", "bought"],
    columns: [spend, segment, joined, bought],
    rowCount: n,
  };
}

const small = {
  hiddenUnits: [16],
  embeddingDim: 8,
  batchSize: 32,
  maxEpochs: 20,
  patience: 20,
  learningRate: 0.01,
};

describe("trainRun", () => {
  it("trains a classifier out of time by the date column and scores every row", async () => {
    const table = customers();
    const schema = inferSchema(table, { target: "bought" });
    expect(schema.timeColumn).toBe("joined");
    const stages: string[] = [];
    const out = await trainRun(table, schema, resolveRunConfig({ model: small, seed: 3 }), {
      onProgress: (p: RunProgress) => stages.push(p.stage),
    });
    expect(out.kind).toBe("classifier");
    expect(out.splitOrderedBy).toBe("joined");
    expect(out.features).toEqual(["spend", "segment"]);
    expect(out.embeddings).toHaveLength(300 * 8);
    expect(out.probabilities).toHaveLength(300);
    expect(Object.keys(out.metrics)).toEqual(["train", "val", "oot1", "oot2"]);
    expect(out.metrics.oot1?.auc).toBeGreaterThan(0.8);
    // OOT windows hold the latest dates: every OOT2 row joined after every train row.
    const joined = table.columns[2] as string[];
    const latestTrain = Math.max(
      ...Array.from(rowsOf(out.splitCodes, "train"), (r) => Date.parse(joined[r] as string)),
    );
    const earliestOot2 = Math.min(
      ...Array.from(rowsOf(out.splitCodes, "oot2"), (r) => Date.parse(joined[r] as string)),
    );
    expect(earliestOot2).toBeGreaterThan(latestTrain);
    expect(out.roc.oot1?.fpr.at(-1)).toBe(1);
    expect(new Set(stages)).toEqual(new Set(["prepare", "encode", "train", "embed", "evaluate"]));
    out.model.dispose();
  });

  it("trains an autoencoder when the schema has no target", async () => {
    const table = customers();
    const schema = inferSchema(table, { drop: ["bought"] });
    const out = await trainRun(
      table,
      schema,
      resolveRunConfig({ model: small, split: { method: "random" } }),
    );
    expect(out.kind).toBe("autoencoder");
    expect(out.probabilities).toBeUndefined();
    expect(Object.keys(out.metrics)).toEqual(["train", "val", "test"]);
    expect(out.metrics.test?.reconstructionError).toBeGreaterThan(0);
    expect(out.splitCodes.filter((c) => c === SPLIT.test)).toHaveLength(45);
    out.model.dispose();
  });

  it("refuses a table with no feature columns and a bad configuration", async () => {
    const table = customers();
    const none = inferSchema(table, { target: "bought", drop: ["spend", "segment"] });
    await expect(trainRun(table, none, resolveRunConfig())).rejects.toSatisfy((e) =>
      isKindredError(e, "NO_FEATURES"),
    );
    expect(() => resolveRunConfig({ model: { maxEpochs: 0 } })).toThrow(/epochs must be a positive integer/);
    expect(() => resolveRunConfig({ seed: -1 })).toThrow(/seed/);
    expect(() => resolveRunConfig({ split: { method: "weekly" as "oot" } })).toThrow(/split/);
  });
});
