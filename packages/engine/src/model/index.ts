/**
 * The neural network behind Kindred's embeddings (TensorFlow.js): a classifier trained on the
 * conversion target, or an autoencoder when there is none, whose embedding layer is the
 * customer fingerprint.
 */

export { ARTIFACT_FORMAT } from "./artifacts.ts";
export { type BackendPreference, initBackend } from "./backend.ts";
export { DEFAULT_AUTOENCODER_CONFIG, DEFAULT_MLP_CONFIG } from "./config.ts";
export { loadModel } from "./load-model.ts";
export { trainAutoencoder } from "./train-autoencoder.ts";
export { trainClassifier } from "./train-classifier.ts";
export type {
  AutoencoderConfig,
  EmbeddingActivation,
  EpochLog,
  ImbalanceStrategy,
  JsonValue,
  Matrix,
  MlpConfig,
  ModelArtifacts,
  ModelKind,
  NetworkConfig,
  TrainedModel,
  TrainHooks,
  TrainRows,
  WeightSpec,
} from "./types.ts";
