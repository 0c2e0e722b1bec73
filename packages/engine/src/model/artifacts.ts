import * as tf from "@tensorflow/tfjs";
import { KindredError } from "../errors/index.ts";
import { base64ToBytes, bytesToBase64 } from "./base64.ts";
import { kernelShapes, type Network, type NetworkSpec } from "./network.ts";
import type {
  AutoencoderConfig,
  EpochLog,
  JsonValue,
  MlpConfig,
  ModelArtifacts,
  WeightSpec,
} from "./types.ts";

export const ARTIFACT_FORMAT = "kindred-tfjs-1";

/**
 * The spec as a standard tfjs Sequential model (Dense + Dropout layers, the classifier ending in a
 * sigmoid), so the artifact also loads with a plain `tf.loadLayersModel`. Weights start at zero:
 * they are overwritten right away, so no randomness is spent.
 */
function toLayersModel(spec: NetworkSpec): tf.Sequential {
  const model = tf.sequential();
  spec.layers.forEach((layer, i) => {
    model.add(
      tf.layers.dense({
        units: layer.units,
        activation: layer.activation,
        name: layer.name,
        kernelInitializer: "zeros",
        biasInitializer: "zeros",
        ...(i === 0 ? { inputShape: [spec.inputDim] } : {}),
      }),
    );
    if (layer.dropout > 0)
      model.add(tf.layers.dropout({ rate: layer.dropout, name: `${layer.name}_dropout` }));
  });
  return model;
}

function weightDataBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  return new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data);
}

export async function networkToArtifacts(
  network: Network,
  config: MlpConfig | AutoencoderConfig,
  history: EpochLog[],
  bestEpoch: number,
): Promise<ModelArtifacts> {
  const { spec } = network;
  const model = toLayersModel(spec);
  try {
    model.setWeights(network.variables());
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
      }),
    );
    if (!saved?.modelTopology || !saved.weightSpecs)
      throw new Error("tfjs returned no model topology or weights");
    return {
      format: ARTIFACT_FORMAT,
      kind: spec.kind,
      config: { ...config, hiddenUnits: [...config.hiddenUnits] },
      inputDim: spec.inputDim,
      embeddingDim: spec.layers[spec.embeddingIndex]?.units ?? 0,
      modelTopology: JSON.parse(JSON.stringify(saved.modelTopology)) as { [key: string]: JsonValue },
      weightSpecs: saved.weightSpecs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: s.dtype })),
      weightsBase64: bytesToBase64(weightDataBytes(saved.weightData)),
      history: history.map((log) => ({ ...log })),
      bestEpoch,
    };
  } finally {
    model.dispose();
  }
}

function mismatch(field: string, message: string): KindredError {
  return new KindredError("ARTIFACT_MISMATCH", `${field}: ${message}`, { field });
}

/** Checks the loaded dense layers against the architecture the artifact's config describes. */
export function checkWeightShapes(spec: NetworkSpec, weights: tf.Tensor[]): void {
  const expected = kernelShapes(spec).flatMap(([fanIn, units]) => [[fanIn, units], [units]]);
  if (weights.length !== expected.length) {
    throw mismatch("weightSpecs", `expected ${expected.length} weight tensors, got ${weights.length}`);
  }
  expected.forEach((shape, i) => {
    const actual = weights[i]?.shape ?? [];
    if (actual.length !== shape.length || actual.some((d, k) => d !== shape[k])) {
      throw mismatch(
        "weightSpecs",
        `weight ${i} (${spec.layers[i >> 1]?.name ?? "?"}) expected shape [${shape.join(", ")}], got [${actual.join(", ")}]`,
      );
    }
  });
}

export function checkArtifactHeader(artifacts: ModelArtifacts): void {
  if (artifacts === null || typeof artifacts !== "object") throw mismatch("artifacts", "must be an object");
  if (artifacts.format !== ARTIFACT_FORMAT) {
    throw mismatch(
      "format",
      `expected "${ARTIFACT_FORMAT}", got ${JSON.stringify(artifacts.format) ?? "nothing"}`,
    );
  }
  if (artifacts.kind !== "classifier" && artifacts.kind !== "autoencoder") {
    throw mismatch(
      "kind",
      `expected "classifier" or "autoencoder", got ${JSON.stringify(artifacts.kind) ?? "nothing"}`,
    );
  }
  if (!Number.isInteger(artifacts.inputDim) || artifacts.inputDim < 1) {
    throw mismatch("inputDim", `expected a positive integer, got ${String(artifacts.inputDim)}`);
  }
  if (!Array.isArray(artifacts.weightSpecs)) throw mismatch("weightSpecs", "expected an array");
  if (typeof artifacts.weightsBase64 !== "string")
    throw mismatch("weightsBase64", "expected a base64 string");
  if (artifacts.modelTopology === null || typeof artifacts.modelTopology !== "object") {
    throw mismatch("modelTopology", "expected an object");
  }
}

/** Loads the tfjs model from memory and returns its weights (kernel, bias per dense layer), owned by the caller. */
export async function loadWeightTensors(artifacts: ModelArtifacts): Promise<tf.Tensor[]> {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(artifacts.weightsBase64);
  } catch {
    throw mismatch("weightsBase64", "is not valid base64");
  }
  const expectedBytes = artifacts.weightSpecs.reduce(
    (sum: number, s: WeightSpec) => sum + 4 * s.shape.reduce((p, d) => p * d, 1),
    0,
  );
  if (bytes.length !== expectedBytes) {
    throw mismatch(
      "weightsBase64",
      `expected ${expectedBytes} bytes for the weight specs, got ${bytes.length}`,
    );
  }
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: artifacts.modelTopology as object,
        weightSpecs: artifacts.weightSpecs as tf.io.WeightsManifestEntry[],
        weightData,
      }),
    );
  } catch (error) {
    throw mismatch("modelTopology", `tfjs could not load the model: ${(error as Error).message}`);
  }
  try {
    return model.layers
      .filter((layer) => layer.getClassName() === "Dense")
      .flatMap((layer) => layer.getWeights().map((w) => tf.clone(w)));
  } finally {
    model.dispose();
  }
}
