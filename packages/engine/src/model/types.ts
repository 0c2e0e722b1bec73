/**
 * Public types of the model module. Plain data only: no tfjs types cross this boundary, so callers
 * (API, jobs, CLI) never need to import TensorFlow.js.
 */

/** A dense feature matrix, row-major. The encoded matrix from `features/` satisfies this. */
export interface Matrix {
  /** rows × cols values, row-major: value (r, c) is data[r * cols + c]. */
  data: Float32Array;
  rows: number;
  cols: number;
}

/** How the classifier compensates for rare positives. */
export type ImbalanceStrategy = "class-weight" | "sampling" | "none";

export type EmbeddingActivation = "relu" | "linear";

/** Settings shared by the classifier and the autoencoder. */
export interface NetworkConfig {
  /** Units of the hidden layers between the input and the embedding (ReLU, dropout after each). */
  hiddenUnits: number[];
  /** Width of the embedding layer (the customer fingerprint). */
  embeddingDim: number;
  embeddingActivation: EmbeddingActivation;
  /** Dropout rate after each hidden layer during training; 0 ≤ dropout < 1. */
  dropout: number;
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  /** Epochs without an improvement larger than `minDelta` before training stops. */
  patience: number;
  minDelta: number;
  /**
   * Decay of an exponential moving average of the weights, updated after every batch (Polyak
   * averaging); 0 turns it off. Validation, early stopping and the saved model use the averaged
   * weights: they are smoother than any single step's, and on bank-additional-full they score
   * out-of-time windows higher and with less spread between seeds.
   */
  weightAveraging: number;
  /** Seeds initial weights, batch order, sampling and dropout. */
  seed: number;
}

/** Classifier settings (input → hidden → embedding → 1 sigmoid, binary cross-entropy). */
export interface MlpConfig extends NetworkConfig {
  imbalance: ImbalanceStrategy;
}

/** Autoencoder settings (encoder → embedding → mirrored decoder, MSE reconstruction). */
export type AutoencoderConfig = NetworkConfig;

export type ModelKind = "classifier" | "autoencoder";

export interface EpochLog {
  /** 1-based. */
  epoch: number;
  /** Mean training loss over the epoch's batches (with dropout; weighted as in training). */
  loss: number;
  /**
   * Validation loss without dropout: binary cross-entropy weighted by the training class weights
   * (unweighted when imbalance is "none"), or reconstruction MSE for the autoencoder.
   */
  valLoss: number;
  /** Validation ROC AUC; null for the autoencoder. */
  valAuc: number | null;
  /** Wall time of the epoch including validation. */
  ms: number;
  /** This epoch is the best so far (its weights are the ones kept). */
  best: boolean;
}

export interface TrainHooks {
  onEpoch?(log: EpochLog): void;
  /** Aborting stops training after the current batch; the promise rejects with an "AbortError". */
  signal?: AbortSignal;
}

export interface TrainRows {
  train: ArrayLike<number>;
  val: ArrayLike<number>;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

/** A trained model as plain JSON: the app decides where to store it. */
export interface ModelArtifacts {
  format: "kindred-tfjs-1";
  kind: ModelKind;
  config: MlpConfig | AutoencoderConfig;
  inputDim: number;
  embeddingDim: number;
  /** tfjs LayersModel topology (Keras JSON); loadable by `tf.loadLayersModel` too. */
  modelTopology: { [key: string]: JsonValue };
  weightSpecs: WeightSpec[];
  /** Little-endian float32 weights, concatenated in `weightSpecs` order, base64. */
  weightsBase64: string;
  /** Training summary, kept so a loaded model reports what it was trained with. */
  history?: EpochLog[];
  bestEpoch?: number;
}

export interface TrainedModel {
  readonly kind: ModelKind;
  readonly config: MlpConfig | AutoencoderConfig;
  readonly inputDim: number;
  readonly embeddingDim: number;
  readonly history: EpochLog[];
  /** 1-based epoch whose weights the model holds (0 when unknown, e.g. foreign artifacts). */
  readonly bestEpoch: number;
  /** Conversion probability per row (classifier only). */
  predict(x: Matrix, batchSize?: number): Float32Array;
  /** rows × embeddingDim, row-major; no dropout. */
  embed(x: Matrix, batchSize?: number): Float32Array;
  /** Mean squared reconstruction error per row (autoencoder only). */
  reconstructionError(x: Matrix, batchSize?: number): Float32Array;
  toArtifacts(): Promise<ModelArtifacts>;
  /** Frees the weights; the model cannot be used afterwards. Safe to call twice. */
  dispose(): void;
}
