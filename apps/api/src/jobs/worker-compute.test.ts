import { inferSchema, type RawTable } from "@kindred/engine/data";
import { isKindredError, type KindredError } from "@kindred/engine/errors";
import { initBackend } from "@kindred/engine/model";
import {
  type AnalyzeConfig,
  type AnalyzeInput,
  type AnalyzeStage,
  DEFAULT_ANALYZE_CONFIG,
  type RunProgress,
  resolveRunConfig,
} from "@kindred/engine/pipeline";
import { createRng } from "@kindred/engine/random";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessCompute } from "../services/compute.ts";
import { createWorkerCompute } from "./worker-compute.ts";

// Both sides on tfjs's pure-JS cpu backend, so the same seed gives the same network bit for bit.
const compute = createWorkerCompute({ tfBackend: "cpu" });

beforeAll(async () => {
  await initBackend("cpu");
});

afterAll(async () => {
  await compute.close();
});

/** 240 customers: `bought` depends on spend and segment; `joined` dates in shuffled order. */
function customers(): RawTable {
  const rng = createRng(11);
  const n = 240;
  const order = Array.from({ length: n }, (_, i) => i).sort(() => rng() - 0.5);
  const rows = Array.from({ length: n }, (_, i) => {
    const spend = rng() * 100;
    const segment = ["a", "b", "c"][i % 3] as string;
    const bought = spend + (segment === "a" ? 30 : 0) + rng() * 20 > 80 ? "yes" : "no";
    const joined = new Date(Date.UTC(2021, 0, 1) + (order[i] as number) * 86_400_000);
    return [spend.toFixed(1), segment, joined.toISOString().slice(0, 10), bought];
  });
  // Column-major like the engine's test-support tableOf (a relative import of it would put engine
  // sources under this app's tsconfig rootDir).
  const header = ["spend", "segment", "joined", "bought"];
  return { header, columns: header.map((_, c) => rows.map((row) => row[c] as string)), rowCount: n };
}

const table = customers();
const schema = inferSchema(table, { target: "bought" });
const small = { hiddenUnits: [12], embeddingDim: 6, batchSize: 32, learningRate: 0.01 };

function maxAbsDiff(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): number {
  expect(a?.length).toBe(b?.length);
  let max = 0;
  for (let i = 0; i < (a?.length ?? 0); i++) max = Math.max(max, Math.abs((a?.[i] ?? 0) - (b?.[i] ?? 0)));
  return max;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

function kindredFailure(error: unknown): KindredError {
  if (!isKindredError(error)) throw new Error(`expected a KindredError, got ${String(error)}`);
  return error;
}

// Each task starts a thread that loads tsx and tfjs (about a second and a half) before working.
describe("worker compute", { timeout: 20_000 }, () => {
  it("trains in a worker thread exactly as in process, reporting progress", async () => {
    const config = resolveRunConfig({ model: { ...small, maxEpochs: 3, patience: 3 }, seed: 5 });
    const progress: RunProgress[] = [];
    const inWorker = await compute.train(table, schema, config, { onProgress: (p) => progress.push(p) });
    const inProcess = await inProcessCompute.train(table, schema, config, {});

    expect(compute.running).toBe(0);
    expect("model" in inWorker).toBe(false);
    expect(JSON.stringify(inWorker.encoder)).toBe(JSON.stringify(inProcess.encoder));
    expect(inWorker.artifacts.weightsBase64).toBe(inProcess.artifacts.weightsBase64);
    expect(inWorker.features).toEqual(inProcess.features);
    expect(inWorker.splitCodes).toEqual(inProcess.splitCodes);
    expect(inWorker.labels).toEqual(inProcess.labels);
    expect(maxAbsDiff(inWorker.probabilities, inProcess.probabilities)).toBeLessThan(1e-6);
    expect(maxAbsDiff(inWorker.embeddings, inProcess.embeddings)).toBeLessThan(1e-6);
    for (const split of ["train", "val", "oot1", "oot2"] as const) {
      expect(inWorker.metrics[split]?.n).toBe(inProcess.metrics[split]?.n);
      expect(inWorker.metrics[split]?.auc).toBeCloseTo(inProcess.metrics[split]?.auc ?? Number.NaN, 6);
      expect(inWorker.metrics[split]?.ks).toBeCloseTo(inProcess.metrics[split]?.ks ?? Number.NaN, 6);
    }
    expect(inWorker.history.map((log) => log.valLoss)).toEqual(inProcess.history.map((log) => log.valLoss));
    expect(inWorker.bestEpoch).toBe(inProcess.bestEpoch);

    expect(new Set(progress.map((p) => p.stage))).toEqual(
      new Set(["prepare", "encode", "train", "embed", "evaluate"]),
    );
    expect(progress.filter((p) => p.epoch).map((p) => p.epoch?.epoch)).toEqual([1, 2, 3]);
    expect(progress.at(-1)?.progress).toBe(1);
  });

  it("stops a training at once when the signal aborts, and its thread ends", async () => {
    const config = resolveRunConfig({ model: { ...small, maxEpochs: 10_000, patience: 10_000 }, seed: 5 });
    const controller = new AbortController();
    let abortedAt = 0;
    const run = compute.train(table, schema, config, {
      signal: controller.signal,
      onProgress: (p) => {
        // Abort mid-training, once the first epoch is reported.
        if (p.epoch && !controller.signal.aborted) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    const error = await rejection(run);
    expect(error.name).toBe("AbortError");
    expect(abortedAt).toBeGreaterThan(0);
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    expect(compute.running).toBe(0);

    const already = await rejection(compute.train(table, schema, config, { signal: AbortSignal.abort() }));
    expect(already.name).toBe("AbortError");
    expect(compute.running).toBe(0);
  });

  it("hands bad input back as the same KindredError as in process", async () => {
    const cases = [
      resolveRunConfig({ model: small, split: { timeColumn: "signup" } }),
      resolveRunConfig({ model: small, split: { method: "random", valShare: 0.2, testShare: 0.9 } }),
    ];
    const failures = await Promise.all(
      cases.map(async (config) => ({
        inProcess: kindredFailure(await rejection(inProcessCompute.train(table, schema, config, {}))),
        inWorker: kindredFailure(await rejection(compute.train(table, schema, config, {}))),
      })),
    );
    for (const { inProcess, inWorker } of failures) {
      expect(inWorker.code).toBe(inProcess.code);
      expect(inWorker.message).toBe(inProcess.message);
      expect(inWorker.location).toEqual(inProcess.location);
    }
    expect(failures.map((f) => [f.inWorker.code, f.inWorker.location])).toEqual([
      ["UNKNOWN_COLUMN", { column: "signup" }],
      ["INVALID_CONFIG", { field: "valShare + testShare" }],
    ]);
    expect(compute.running).toBe(0);
  });

  it("analyzes in a worker thread with the same numbers as in process", async () => {
    const rng = createRng(3);
    const rows = table.rowCount;
    const cols = 6;
    // Three loose blobs, so the sweep has some structure to find.
    const data = Float32Array.from(
      { length: rows * cols },
      (_, i) => ((Math.floor(i / cols) % 3) * 2 + rng()) * (1 + (i % cols)),
    );
    const splitNames = ["train", "train", "train", "val", "oot1", "oot2"];
    const input: AnalyzeInput = {
      embeddings: { data, rows, cols },
      table,
      schema,
      splits: Array.from({ length: rows }, (_, r) => splitNames[r % splitNames.length] as string),
      labels: Uint8Array.from({ length: rows }, (_, r) => (table.columns[3]?.[r] === "yes" ? 1 : 0)),
      probabilities: Float32Array.from({ length: rows }, () => rng()),
    };
    const config: AnalyzeConfig = { ...DEFAULT_ANALYZE_CONFIG, kMin: 2, kMax: 5, tsne: false, umap: false };
    const stages = new Set<AnalyzeStage>();
    const inWorker = await compute.analyze(input, config, { onProgress: (stage) => stages.add(stage) });
    const inProcess = await inProcessCompute.analyze(input, config, {});

    expect(inWorker.sweep.points.map((p) => p.k)).toEqual([2, 3, 4, 5]);
    inWorker.sweep.points.forEach((p, i) => {
      const q = inProcess.sweep.points[i];
      expect(p.inertia).toBeCloseTo(q?.inertia ?? Number.NaN, 6);
      expect(p.silhouette).toBeCloseTo(q?.silhouette ?? Number.NaN, 6);
      expect(p.daviesBouldin).toBeCloseTo(q?.daviesBouldin ?? Number.NaN, 6);
    });
    expect(inWorker.sweep.recommendedK).toBe(inProcess.sweep.recommendedK);
    expect(inWorker.labelsByK).toEqual(inProcess.labelsByK);
    expect(inWorker.pca.explainedVarianceRatio).toEqual(inProcess.pca.explainedVarianceRatio);
    expect(inWorker.personas.map((p) => p.size)).toEqual(inProcess.personas.map((p) => p.size));
    expect(inWorker.drift?.embedding.maxPsi).toBe(inProcess.drift?.embedding.maxPsi);
    // Density clusters cross the thread boundary with their typed arrays intact.
    expect(inWorker.density?.labels).toBeInstanceOf(Int32Array);
    expect(inWorker.density?.rowIndices).toBeInstanceOf(Int32Array);
    expect(inWorker.density).toEqual(inProcess.density);
    expect(stages.has("sweep")).toBe(true);
    expect(stages.has("density")).toBe(true);
    expect(stages.has("personas")).toBe(true);
    expect(compute.running).toBe(0);
  });
});
