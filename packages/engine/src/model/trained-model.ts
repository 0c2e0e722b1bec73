import { KindredError } from "../errors/index.ts";
import { networkToArtifacts } from "./artifacts.ts";
import { DEFAULT_INFERENCE_BATCH, embeddings, probabilities, reconstructionErrors } from "./inference.ts";
import type { Network } from "./network.ts";
import type {
  AutoencoderConfig,
  EpochLog,
  Matrix,
  MlpConfig,
  ModelArtifacts,
  TrainedModel,
} from "./types.ts";

export function createTrainedModel(
  network: Network,
  config: MlpConfig | AutoencoderConfig,
  history: EpochLog[],
  bestEpoch: number,
): TrainedModel {
  const { kind, inputDim } = network.spec;
  const embeddingDim = network.spec.layers[network.spec.embeddingIndex]?.units ?? 0;
  const frozenConfig = Object.freeze({ ...config, hiddenUnits: [...config.hiddenUnits] });
  const frozenHistory = history.map((log) => ({ ...log }));

  function requireKind(wanted: TrainedModel["kind"], method: string): void {
    if (kind !== wanted) {
      throw new KindredError(
        "MODEL_NOT_TRAINED",
        `${method}: needs a ${wanted} model, this is an ${kind}` +
          (kind === "autoencoder" ? " (trained without a target: use embed or reconstructionError)" : ""),
        { field: "kind" },
      );
    }
  }

  return {
    kind,
    config: frozenConfig,
    inputDim,
    embeddingDim,
    history: frozenHistory,
    bestEpoch,
    predict(x: Matrix, batchSize = DEFAULT_INFERENCE_BATCH): Float32Array {
      requireKind("classifier", "predict");
      return probabilities(network, x, batchSize);
    },
    embed(x: Matrix, batchSize = DEFAULT_INFERENCE_BATCH): Float32Array {
      return embeddings(network, x, batchSize);
    },
    reconstructionError(x: Matrix, batchSize = DEFAULT_INFERENCE_BATCH): Float32Array {
      requireKind("autoencoder", "reconstructionError");
      return reconstructionErrors(network, x, batchSize);
    },
    toArtifacts(): Promise<ModelArtifacts> {
      if (network.isDisposed) {
        return Promise.reject(
          new KindredError("MODEL_NOT_TRAINED", "model: it was disposed; train or load it again"),
        );
      }
      return networkToArtifacts(network, frozenConfig, frozenHistory, bestEpoch);
    },
    dispose(): void {
      network.dispose();
    },
  };
}
