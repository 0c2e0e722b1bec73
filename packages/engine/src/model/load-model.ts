import type * as tf from "@tensorflow/tfjs";
import { isKindredError, KindredError } from "../errors/index.ts";
import { checkArtifactHeader, checkWeightShapes, loadWeightTensors } from "./artifacts.ts";
import { ensureBackend } from "./backend.ts";
import { resolveAutoencoderConfig, resolveMlpConfig } from "./config.ts";
import { autoencoderSpec, classifierSpec, Network } from "./network.ts";
import { createTrainedModel } from "./trained-model.ts";
import type { AutoencoderConfig, MlpConfig, ModelArtifacts, TrainedModel } from "./types.ts";

function resolveStoredConfig(artifacts: ModelArtifacts): MlpConfig | AutoencoderConfig {
  try {
    return artifacts.kind === "classifier"
      ? resolveMlpConfig(artifacts.config as Partial<MlpConfig>)
      : resolveAutoencoderConfig(artifacts.config);
  } catch (error) {
    if (isKindredError(error, "INVALID_CONFIG")) {
      throw new KindredError("ARTIFACT_MISMATCH", `config.${error.message}`, {
        field: `config.${error.location.field ?? ""}`,
      });
    }
    throw error;
  }
}

/** Rebuilds a model from `toArtifacts()` output (e.g. after JSON.stringify → file → JSON.parse). */
export async function loadModel(artifacts: ModelArtifacts): Promise<TrainedModel> {
  checkArtifactHeader(artifacts);
  const config = resolveStoredConfig(artifacts);
  const spec =
    artifacts.kind === "classifier"
      ? classifierSpec(artifacts.inputDim, config as MlpConfig)
      : autoencoderSpec(artifacts.inputDim, config);
  if (artifacts.embeddingDim !== config.embeddingDim) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `embeddingDim: expected ${config.embeddingDim} (from config), got ${String(artifacts.embeddingDim)}`,
      { field: "embeddingDim" },
    );
  }
  await ensureBackend();
  const weights: tf.Tensor[] = await loadWeightTensors(artifacts);
  try {
    checkWeightShapes(spec, weights);
  } catch (error) {
    for (const w of weights) w.dispose();
    throw error;
  }
  const network = Network.fromTensors(spec, weights);
  return createTrainedModel(network, config, artifacts.history ?? [], artifacts.bestEpoch ?? 0);
}
