import { KindredError } from "../errors/index.ts";
import type { AutoencoderConfig, MlpConfig, NetworkConfig } from "./types.ts";

export const DEFAULT_MLP_CONFIG: Readonly<MlpConfig> = Object.freeze({
  hiddenUnits: [128, 64],
  embeddingDim: 32,
  embeddingActivation: "relu",
  dropout: 0.2,
  imbalance: "class-weight",
  learningRate: 1e-3,
  batchSize: 512,
  maxEpochs: 30,
  patience: 4,
  minDelta: 1e-4,
  weightAveraging: 0.99,
  seed: 42,
});

/** The autoencoder defaults to a linear bottleneck: no dead units in the fingerprint. */
export const DEFAULT_AUTOENCODER_CONFIG: Readonly<AutoencoderConfig> = Object.freeze({
  hiddenUnits: [128, 64],
  embeddingDim: 32,
  embeddingActivation: "linear",
  dropout: 0.2,
  learningRate: 1e-3,
  batchSize: 512,
  maxEpochs: 30,
  patience: 4,
  minDelta: 1e-4,
  weightAveraging: 0.99,
  seed: 42,
});

function invalid(field: string, message: string): KindredError {
  return new KindredError("INVALID_CONFIG", `${field}: ${message}`, { field });
}

function positiveInteger(field: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw invalid(field, `must be a positive integer, got ${String(value)}`);
  }
}

function validateNetwork(config: NetworkConfig): void {
  if (!Array.isArray(config.hiddenUnits)) {
    throw invalid("hiddenUnits", "must be an array of positive integers");
  }
  config.hiddenUnits.forEach((units, i) => {
    positiveInteger(`hiddenUnits[${i}]`, units);
  });
  positiveInteger("embeddingDim", config.embeddingDim);
  if (config.embeddingActivation !== "relu" && config.embeddingActivation !== "linear") {
    throw invalid(
      "embeddingActivation",
      `must be "relu" or "linear", got ${String(config.embeddingActivation)}`,
    );
  }
  if (typeof config.dropout !== "number" || !(config.dropout >= 0 && config.dropout < 1)) {
    throw invalid("dropout", `must be in [0, 1), got ${String(config.dropout)}`);
  }
  if (
    typeof config.learningRate !== "number" ||
    !(config.learningRate > 0 && config.learningRate < Infinity)
  ) {
    throw invalid("learningRate", `must be a finite number > 0, got ${String(config.learningRate)}`);
  }
  positiveInteger("batchSize", config.batchSize);
  positiveInteger("maxEpochs", config.maxEpochs);
  positiveInteger("patience", config.patience);
  if (typeof config.minDelta !== "number" || !(config.minDelta >= 0 && config.minDelta < Infinity)) {
    throw invalid("minDelta", `must be a finite number ≥ 0, got ${String(config.minDelta)}`);
  }
  const averaging = config.weightAveraging;
  if (typeof averaging !== "number" || !(averaging >= 0 && averaging < 1)) {
    throw invalid("weightAveraging", `must be in [0, 1), got ${String(averaging)}`);
  }
  if (typeof config.seed !== "number" || !Number.isInteger(config.seed)) {
    throw invalid("seed", `must be an integer, got ${String(config.seed)}`);
  }
}

/** Fills defaults and validates; throws INVALID_CONFIG naming the field. */
export function resolveMlpConfig(partial: Partial<MlpConfig> = {}): MlpConfig {
  const config: MlpConfig = {
    ...DEFAULT_MLP_CONFIG,
    ...withoutUndefined(partial),
    hiddenUnits: [...(partial.hiddenUnits ?? DEFAULT_MLP_CONFIG.hiddenUnits)],
  };
  validateNetwork(config);
  if (!["class-weight", "sampling", "none"].includes(config.imbalance)) {
    throw invalid(
      "imbalance",
      `must be "class-weight", "sampling" or "none", got ${String(config.imbalance)}`,
    );
  }
  return config;
}

export function resolveAutoencoderConfig(partial: Partial<AutoencoderConfig> = {}): AutoencoderConfig {
  const config: AutoencoderConfig = {
    ...DEFAULT_AUTOENCODER_CONFIG,
    ...withoutUndefined(partial),
    hiddenUnits: [...(partial.hiddenUnits ?? DEFAULT_AUTOENCODER_CONFIG.hiddenUnits)],
  };
  // A stray classifier-only key (e.g. from a shared settings form) is dropped, not stored.
  delete (config as Partial<MlpConfig>).imbalance;
  validateNetwork(config);
  return config;
}

function withoutUndefined<T extends object>(partial: T): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}
