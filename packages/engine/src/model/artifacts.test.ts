import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import {
  ARTIFACT_FORMAT,
  initBackend,
  loadModel,
  type ModelArtifacts,
  type TrainedModel,
  trainAutoencoder,
  trainClassifier,
} from "./index.ts";
import { syntheticDataset } from "./test-fixtures.ts";

const { x, labels, train, val } = syntheticDataset({ rows: 200, cols: 5, seed: 9 });
const SMALL = { hiddenUnits: [12, 6], embeddingDim: 4, batchSize: 64, maxEpochs: 3 };

let classifier: TrainedModel;
let artifacts: ModelArtifacts;

beforeAll(async () => {
  await initBackend("auto");
  classifier = await trainClassifier(x, labels, { train, val }, SMALL);
  artifacts = await classifier.toArtifacts();
});

function roundTrip(a: ModelArtifacts): ModelArtifacts {
  return JSON.parse(JSON.stringify(a)) as ModelArtifacts;
}

async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return null;
}

describe("model artifacts", () => {
  it("are plain JSON describing the model", () => {
    expect(artifacts.format).toBe(ARTIFACT_FORMAT);
    expect(artifacts).toMatchObject({
      kind: "classifier",
      inputDim: 5,
      embeddingDim: 4,
      bestEpoch: classifier.bestEpoch,
    });
    expect(artifacts.weightSpecs.map((s) => s.shape)).toEqual([
      [5, 12],
      [12],
      [12, 6],
      [6],
      [6, 4],
      [4],
      [4, 1],
      [1],
    ]);
    expect(roundTrip(artifacts)).toEqual(artifacts);
  });

  it("load back (after JSON) into a model that predicts and embeds identically", async () => {
    const before = tf.memory().numTensors;
    const loaded = await loadModel(roundTrip(artifacts));
    expect(loaded.predict(x)).toEqual(classifier.predict(x));
    expect(loaded.embed(x)).toEqual(classifier.embed(x));
    expect(loaded.history).toEqual(classifier.history);
    expect(loaded.config).toEqual(classifier.config);
    expect((await loaded.toArtifacts()).weightsBase64).toBe(artifacts.weightsBase64);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("are a standard tfjs layers model whose output is the probability", async () => {
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: artifacts.modelTopology,
        weightSpecs: artifacts.weightSpecs as tf.io.WeightsManifestEntry[],
        weightData: Uint8Array.from(atob(artifacts.weightsBase64), (c) => c.charCodeAt(0)).buffer,
      }),
    );
    const output = tf.tidy(() =>
      (model.predict(tf.tensor2d(x.data, [x.rows, x.cols])) as tf.Tensor).dataSync(),
    );
    const ours = classifier.predict(x);
    output.forEach((p, i) => {
      expect(p).toBeCloseTo(ours[i] as number, 5);
    });
    model.dispose();
  });

  it("reject a matrix with the wrong column count with ARTIFACT_MISMATCH naming both counts", () => {
    const narrow = { data: new Float32Array(8), rows: 2, cols: 4 };
    for (const run of [() => classifier.predict(narrow), () => classifier.embed(narrow)]) {
      expect(run).toThrow(expect.objectContaining({ code: "ARTIFACT_MISMATCH" }));
      expect(run).toThrow(/expects 5 feature columns, got 4/);
    }
  });

  it("reject an unknown format, a corrupt config and truncated weights with ARTIFACT_MISMATCH", async () => {
    const wrongFormat = await errorOf(() =>
      loadModel({ ...artifacts, format: "kindred-onnx-9" as typeof ARTIFACT_FORMAT }),
    );
    expect(isKindredError(wrongFormat, "ARTIFACT_MISMATCH")).toBe(true);
    expect((wrongFormat as Error).message).toBe('format: expected "kindred-tfjs-1", got "kindred-onnx-9"');

    const badConfig = await errorOf(() =>
      loadModel({ ...artifacts, config: { ...artifacts.config, dropout: 3 } }),
    );
    expect(isKindredError(badConfig, "ARTIFACT_MISMATCH")).toBe(true);
    expect((badConfig as Error).message).toMatch(/^config\.dropout:/);

    const otherShape = await errorOf(() =>
      loadModel({ ...artifacts, config: { ...artifacts.config, hiddenUnits: [12, 7] } }),
    );
    expect(isKindredError(otherShape, "ARTIFACT_MISMATCH")).toBe(true);

    const truncated = await errorOf(() =>
      loadModel({ ...artifacts, weightsBase64: artifacts.weightsBase64.slice(0, 40) }),
    );
    expect(isKindredError(truncated, "ARTIFACT_MISMATCH")).toBe(true);
    expect((truncated as Error).message).toMatch(/^weightsBase64: expected \d+ bytes/);
  });

  it("round-trip an autoencoder, whose reconstruction errors survive", async () => {
    const all = Array.from({ length: x.rows }, (_, i) => i);
    const auto = await trainAutoencoder(x, { train: all.slice(0, 150), val: all.slice(150) }, SMALL);
    const saved = roundTrip(await auto.toArtifacts());
    expect(saved.kind).toBe("autoencoder");
    const loaded = await loadModel(saved);
    expect(loaded.reconstructionError(x)).toEqual(auto.reconstructionError(x));
    expect(loaded.embed(x)).toEqual(auto.embed(x));
    expect(() => loaded.predict(x)).toThrow(expect.objectContaining({ code: "MODEL_NOT_TRAINED" }));
    expect(() => classifier.reconstructionError(x)).toThrow(
      expect.objectContaining({ code: "MODEL_NOT_TRAINED" }),
    );
    auto.dispose();
    loaded.dispose();
  });
});
