import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import { rocAuc } from "../metrics/index.ts";
import { type EpochLog, initBackend, type MlpConfig, trainClassifier } from "./index.ts";
import { mean, pickRows, syntheticDataset } from "./test-fixtures.ts";

const SMALL: Partial<MlpConfig> = { hiddenUnits: [16, 8], embeddingDim: 4, batchSize: 64 };

beforeAll(async () => {
  await initBackend("auto");
});

describe("trainClassifier", () => {
  const separable = syntheticDataset({ rows: 400, cols: 5, seed: 11 });

  it("learns a separable problem: validation AUC > 0.95 within 20 epochs", async () => {
    const { x, labels, train, val } = separable;
    const model = await trainClassifier(
      x,
      labels,
      { train, val },
      { ...SMALL, maxEpochs: 20, learningRate: 0.01 },
    );
    const best = model.history[model.bestEpoch - 1];
    expect(model.kind).toBe("classifier");
    expect(model.history.length).toBeLessThanOrEqual(20);
    expect(best?.valAuc).toBeGreaterThan(0.95);
    expect(
      rocAuc(
        model.predict(pickRows(x, val)),
        val.map((r) => labels[r] as number),
      ),
    ).toBeGreaterThan(0.95);
    model.dispose();
  });

  it("is reproducible: same seed gives identical weights and predictions, another seed does not", async () => {
    const { x, labels, train, val } = separable;
    const config = { ...SMALL, maxEpochs: 3, patience: 3, seed: 5 };
    const a = await trainClassifier(x, labels, { train, val }, config);
    const b = await trainClassifier(x, labels, { train, val }, config);
    const c = await trainClassifier(x, labels, { train, val }, { ...config, seed: 6 });
    expect((await a.toArtifacts()).weightsBase64).toBe((await b.toArtifacts()).weightsBase64);
    expect(b.predict(x)).toEqual(a.predict(x));
    expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
    expect(c.predict(x)).not.toEqual(a.predict(x));
    for (const m of [a, b, c]) m.dispose();
  });

  it("keeps averaged weights: off and on give different models, both learn", async () => {
    const { x, labels, train, val } = separable;
    const config = { ...SMALL, maxEpochs: 4, patience: 4, seed: 5 };
    const raw = await trainClassifier(x, labels, { train, val }, { ...config, weightAveraging: 0 });
    const averaged = await trainClassifier(x, labels, { train, val }, { ...config, weightAveraging: 0.9 });
    expect(averaged.predict(x)).not.toEqual(raw.predict(x));
    // the averaged model's reported best validation AUC is the one its predictions give
    const best = averaged.history.find((h) => h.epoch === averaged.bestEpoch)?.valAuc;
    const recomputed = rocAuc(
      averaged.predict(pickRows(x, val)),
      val.map((r) => labels[r] as number),
    );
    expect(recomputed).toBe(best);
    for (const m of [raw, averaged]) m.dispose();
  });

  it("stops early on a plateau and restores the best epoch's weights", async () => {
    // Noisy target, small validation set: the validation AUC peaks then wanders.
    const noisy = syntheticDataset({ rows: 400, cols: 6, seed: 3, noise: 1, trainShare: 0.7 });
    const { x, labels, train, val } = noisy;
    const logs: EpochLog[] = [];
    const tensorCounts: number[] = [];
    const model = await trainClassifier(
      x,
      labels,
      { train, val },
      { ...SMALL, maxEpochs: 40, patience: 3, learningRate: 0.02 },
      {
        onEpoch: (log) => {
          logs.push(log);
          tensorCounts.push(tf.memory().numTensors);
        },
      },
    );
    expect(logs).toEqual(model.history);
    // No growth across epochs: weights, Adam state and the best-weights snapshot only.
    expect(new Set(tensorCounts).size).toBe(1);
    expect(model.history.length).toBeLessThan(40);
    expect(model.history.length).toBe(model.bestEpoch + 3);
    const aucs = model.history.map((h) => h.valAuc as number);
    const best = model.history[model.bestEpoch - 1] as EpochLog;
    expect(best.best).toBe(true);
    expect(best.valAuc).toBe(Math.max(...aucs));
    // Recomputed from the returned model: exactly the best epoch's AUC, not the last epoch's.
    const recomputed = rocAuc(
      model.predict(pickRows(x, val)),
      val.map((r) => labels[r] as number),
    );
    expect(recomputed).toBe(best.valAuc);
    expect(aucs.at(-1)).not.toBe(best.valAuc);
    model.dispose();
  });

  describe("class imbalance (5 % positives)", () => {
    // Weakly informative features: with balanced weights the model has little reason to stray far
    // from ½; unweighted it should stay near the base rate.
    const rare = syntheticDataset({ rows: 600, cols: 4, seed: 21, noise: 3, threshold: 5.57 });
    const trainRate = mean(rare.train.map((r) => rare.labels[r] as number));
    const meanTrainProbability = async (imbalance: MlpConfig["imbalance"]) => {
      const model = await trainClassifier(
        rare.x,
        rare.labels,
        { train: rare.train, val: rare.val },
        {
          hiddenUnits: [8],
          embeddingDim: 4,
          batchSize: 32,
          imbalance,
          maxEpochs: 10,
          patience: 10,
          learningRate: 0.02,
          // isolates the loss weighting: averaging would lag the short run's final weights
          weightAveraging: 0,
        },
      );
      const p = mean(model.predict(pickRows(rare.x, rare.train)));
      model.dispose();
      return p;
    };

    it("has about 5 % positives", () => {
      expect(trainRate).toBeGreaterThan(0.03);
      expect(trainRate).toBeLessThan(0.08);
    });

    it("class weights and balanced sampling lift the mean probability towards ½; none stays near the base rate", async () => {
      const weighted = await meanTrainProbability("class-weight");
      const sampled = await meanTrainProbability("sampling");
      const none = await meanTrainProbability("none");
      // far above the 5 % base rate that the unweighted model keeps
      expect(weighted).toBeGreaterThan(0.25);
      expect(sampled).toBeGreaterThan(0.25);
      expect(weighted).toBeGreaterThan(4 * none);
      expect(none).toBeLessThan(0.1);
      expect(Math.abs(none - trainRate)).toBeLessThan(0.03);
    });
  });

  it("embeds rows × embeddingDim, finite, and frees every tensor on dispose", async () => {
    const { x, labels, train, val } = separable;
    const before = tf.memory().numTensors;
    const model = await trainClassifier(
      x,
      labels,
      { train, val },
      { ...SMALL, embeddingDim: 32, maxEpochs: 2 },
    );
    const embedding = model.embed(x, 100);
    expect(model.embeddingDim).toBe(32);
    expect(embedding.length).toBe(x.rows * 32);
    expect(embedding.every(Number.isFinite)).toBe(true);
    expect(model.embed(x)).toEqual(embedding);
    await model.toArtifacts();
    model.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => model.predict(x)).toThrow(expect.objectContaining({ code: "MODEL_NOT_TRAINED" }));
  });

  it("uses the default architecture 128 → 64 → 32 → 1", async () => {
    const { x, labels, train, val } = separable;
    const model = await trainClassifier(x, labels, { train, val }, { maxEpochs: 1 });
    const artifacts = await model.toArtifacts();
    expect(artifacts.weightSpecs.map((s) => s.shape)).toEqual([
      [5, 128],
      [128],
      [128, 64],
      [64],
      [64, 32],
      [32],
      [32, 1],
      [1],
    ]);
    expect(model.config).toMatchObject({
      dropout: 0.2,
      learningRate: 1e-3,
      batchSize: 512,
      imbalance: "class-weight",
    });
    model.dispose();
  });
});

describe("trainClassifier aborts", () => {
  const data = syntheticDataset({ rows: 300, cols: 4, seed: 8 });

  it("stops after the current batch with an AbortError and leaks nothing", async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const epochs: number[] = [];
    const run = trainClassifier(
      data.x,
      data.labels,
      { train: data.train, val: data.val },
      { ...SMALL, maxEpochs: 50, patience: 50 },
      {
        signal: controller.signal,
        onEpoch: (log) => {
          epochs.push(log.epoch);
          if (log.epoch === 2) controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(epochs).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("notices an abort fired by a timer while training (the loop yields between batches)", async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    const run = trainClassifier(
      data.x,
      data.labels,
      { train: data.train, val: data.val },
      { ...SMALL, batchSize: 8, maxEpochs: 1000, patience: 1000 },
      { signal: controller.signal },
    );
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("rejects at once when the signal is already aborted", async () => {
    const run = trainClassifier(data.x, data.labels, { train: data.train, val: data.val }, SMALL, {
      signal: AbortSignal.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("trainClassifier validation", () => {
  const { x, labels, train, val } = syntheticDataset({ rows: 60, cols: 3, seed: 2 });
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      "hiddenUnits",
      () => trainClassifier(x, labels, { train, val }, { hiddenUnits: [16, 0] }),
      "hiddenUnits[1]",
    ],
    ["embeddingDim", () => trainClassifier(x, labels, { train, val }, { embeddingDim: 2.5 }), "embeddingDim"],
    ["dropout = 1", () => trainClassifier(x, labels, { train, val }, { dropout: 1 }), "dropout"],
    ["dropout < 0", () => trainClassifier(x, labels, { train, val }, { dropout: -0.1 }), "dropout"],
    ["learningRate", () => trainClassifier(x, labels, { train, val }, { learningRate: 0 }), "learningRate"],
    ["batchSize", () => trainClassifier(x, labels, { train, val }, { batchSize: 0 }), "batchSize"],
    ["maxEpochs", () => trainClassifier(x, labels, { train, val }, { maxEpochs: 1.5 }), "maxEpochs"],
    ["patience", () => trainClassifier(x, labels, { train, val }, { patience: 0 }), "patience"],
    ["minDelta", () => trainClassifier(x, labels, { train, val }, { minDelta: -1 }), "minDelta"],
    [
      "weightAveraging",
      () => trainClassifier(x, labels, { train, val }, { weightAveraging: 1 }),
      "weightAveraging",
    ],
    [
      "imbalance",
      () => trainClassifier(x, labels, { train, val }, { imbalance: "smote" as MlpConfig["imbalance"] }),
      "imbalance",
    ],
    ["empty train", () => trainClassifier(x, labels, { train: [], val }), "rows.train"],
    ["empty val", () => trainClassifier(x, labels, { train, val: [] }), "rows.val"],
    ["row out of range", () => trainClassifier(x, labels, { train: [0, 60], val }), "rows.train"],
    [
      "one class in train",
      () =>
        trainClassifier(x, labels, {
          train: train.filter((r) => labels[r] === 1),
          val,
        }),
      "rows.train",
    ],
    ["labels length", () => trainClassifier(x, labels.subarray(1), { train, val }), "labels"],
    [
      "non-finite feature",
      () => {
        const data = Float32Array.from(x.data);
        data[7] = Number.NaN;
        return trainClassifier({ ...x, data }, labels, { train, val });
      },
      "x",
    ],
  ];

  it.each(cases)("rejects %s with INVALID_CONFIG naming the field", async (_name, run, field) => {
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isKindredError(error, "INVALID_CONFIG")).toBe(true);
    expect((error as Error).message.startsWith(`${field}:`)).toBe(true);
  });
});
