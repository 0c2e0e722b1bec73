import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../random/index.ts";
import { initBackend, type Matrix, trainAutoencoder } from "./index.ts";
import { pickRows } from "./test-fixtures.ts";

/** 300 rows × 8 features driven by 2 latent factors plus a little noise. */
function lowRank(seed: number): Matrix {
  const rng = createRng(seed);
  const rows = 300;
  const cols = 8;
  const mixing = Array.from({ length: 2 * cols }, () => rng() * 2 - 1);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const a = rng() * 2 - 1;
    const b = rng() * 2 - 1;
    for (let c = 0; c < cols; c++) {
      data[r * cols + c] =
        a * (mixing[c] as number) + b * (mixing[cols + c] as number) + 0.05 * (rng() - 0.5);
    }
  }
  return { data, rows, cols };
}

beforeAll(async () => {
  await initBackend("auto");
});

describe("trainAutoencoder", () => {
  const x = lowRank(4);
  const all = Array.from({ length: x.rows }, (_, i) => i);
  const rows = { train: all.slice(0, 240), val: all.slice(240) };
  const config = { hiddenUnits: [16], embeddingDim: 3, batchSize: 32, learningRate: 0.01, maxEpochs: 15 };

  it("reduces validation reconstruction error and embeds rows × embeddingDim", async () => {
    const before = tf.memory().numTensors;
    const model = await trainAutoencoder(x, rows, config);
    const first = model.history[0];
    const best = model.history[model.bestEpoch - 1];
    expect(model.kind).toBe("autoencoder");
    expect(model.config.embeddingActivation).toBe("linear");
    expect(model.history.every((h) => h.valAuc === null)).toBe(true);
    expect(best?.valLoss).toBeLessThan((first?.valLoss ?? 0) * 0.5);
    expect(best?.valLoss).toBe(Math.min(...model.history.map((h) => h.valLoss)));

    const embedding = model.embed(x);
    expect(model.embeddingDim).toBe(3);
    expect(embedding.length).toBe(x.rows * 3);
    expect(embedding.every(Number.isFinite)).toBe(true);

    // The restored weights reproduce the best epoch's validation MSE.
    const errors = model.reconstructionError(pickRows(x, rows.val));
    expect(errors.length).toBe(rows.val.length);
    const valMse = errors.reduce((s, e) => s + e, 0) / errors.length;
    expect(valMse).toBeCloseTo(best?.valLoss ?? Number.NaN, 6);

    expect(() => model.predict(x)).toThrow(expect.objectContaining({ code: "MODEL_NOT_TRAINED" }));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("is reproducible for a seed", async () => {
    const short = { ...config, maxEpochs: 2 };
    const a = await trainAutoencoder(x, rows, short);
    const b = await trainAutoencoder(x, rows, short);
    expect(b.embed(x)).toEqual(a.embed(x));
    a.dispose();
    b.dispose();
  });

  it("rejects bad settings with INVALID_CONFIG naming the field", async () => {
    await expect(trainAutoencoder(x, rows, { embeddingDim: 0 })).rejects.toMatchObject({
      code: "INVALID_CONFIG",
      location: { field: "embeddingDim" },
    });
    await expect(trainAutoencoder(x, { train: rows.train, val: [] })).rejects.toMatchObject({
      code: "INVALID_CONFIG",
      location: { field: "rows.val" },
    });
  });
});
