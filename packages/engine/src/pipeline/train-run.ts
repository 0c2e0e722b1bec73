import { type DatasetSchema, featureColumns, mapTarget, type RawTable } from "../data/index.ts";
import { KindredError } from "../errors/index.ts";
import { type EncoderSpec, type FeatureMatrix, fitEncoder, transform } from "../features/index.ts";
import { type BinaryEvaluation, evaluateBinary, type RocCurve, rocCurve } from "../metrics/index.ts";
import {
  type EpochLog,
  type TrainedModel,
  type TrainHooks,
  trainAutoencoder,
  trainClassifier,
} from "../model/index.ts";
import { rowsOf, type SplitName, splitNames } from "../split/index.ts";
import { assignSplits } from "./assign-splits.ts";
import type { RunConfig } from "./run-config.ts";

export type RunStage = "prepare" | "encode" | "train" | "embed" | "evaluate";

export interface RunProgress {
  stage: RunStage;
  /** 0–1 over the whole run. */
  progress: number;
  epoch?: EpochLog;
}

export interface SplitMetrics extends Partial<BinaryEvaluation> {
  n: number;
  /** Autoencoder runs: mean reconstruction error of the split's rows. */
  reconstructionError?: number;
}

export interface RunOutput {
  kind: TrainedModel["kind"];
  model: TrainedModel;
  encoder: EncoderSpec;
  /** Input feature names (before encoding). */
  features: string[];
  /** Encoded column count the network sees. */
  inputDim: number;
  splitCodes: Uint8Array;
  splitOrderedBy: string;
  labels?: Uint8Array;
  /** Classifier probability per row (all rows). */
  probabilities?: Float32Array;
  /** rows × embeddingDim, row-major. */
  embeddings: Float32Array;
  embeddingDim: number;
  metrics: Partial<Record<SplitName, SplitMetrics>>;
  roc: Partial<Record<SplitName, RocCurve>>;
  history: EpochLog[];
  bestEpoch: number;
  timings: Record<"encodeMs" | "trainMs" | "embedMs" | "evaluateMs", number>;
}

export interface RunHooks {
  onProgress?(progress: RunProgress): void;
  signal?: AbortSignal;
}

const ROC_POINTS = 200;

/**
 * The training pipeline on an in-memory table: target → splits → encoders fitted on train rows →
 * network (classifier with a target, autoencoder without) → probabilities, embeddings and
 * per-split metrics for every row. Pure: the caller persists what it returns.
 */
export async function trainRun(
  table: RawTable,
  schema: DatasetSchema,
  config: RunConfig,
  hooks: RunHooks = {},
): Promise<RunOutput> {
  const report = (stage: RunStage, progress: number, epoch?: EpochLog) =>
    hooks.onProgress?.({ stage, progress, epoch });
  report("prepare", 0);

  const target = schema.target;
  const labels = target
    ? mapTarget(table, target.column, {
        positiveValue: target.positive,
        missingMarkers: schema.columns.find((c) => c.name === target.column)?.missingMarkers,
      }).labels
    : undefined;
  const columns = featureColumns(schema);
  if (columns.length === 0) {
    throw new KindredError("NO_FEATURES", "no feature columns left: check the dropped and ignored columns");
  }
  const { codes, orderedBy } = assignSplits(table, schema, labels, config);
  const train = rowsOf(codes, "train");
  const val = rowsOf(codes, "val");

  report("encode", 0.02);
  let t = performance.now();
  const encoder = fitEncoder(table, columns, train, config.encoder);
  const x = transform(encoder, table);
  const encodeMs = performance.now() - t;

  t = performance.now();
  const maxEpochs = config.model.maxEpochs ?? 30;
  const trainHooks: TrainHooks = {
    signal: hooks.signal,
    onEpoch: (log) => report("train", 0.05 + (0.85 * log.epoch) / maxEpochs, log),
  };
  const model = labels
    ? await trainClassifier(x, labels, { train, val }, config.model, trainHooks)
    : await trainAutoencoder(x, { train, val }, config.model, trainHooks);
  const trainMs = performance.now() - t;

  report("embed", 0.9);
  t = performance.now();
  const embeddings = model.embed(x);
  const probabilities = labels ? model.predict(x) : undefined;
  const embedMs = performance.now() - t;

  report("evaluate", 0.95);
  t = performance.now();
  const { metrics, roc } = evaluateSplits(model, x, codes, labels, probabilities);
  const evaluateMs = performance.now() - t;
  report("evaluate", 1);

  return {
    kind: model.kind,
    model,
    encoder,
    features: columns.map((c) => c.name),
    inputDim: x.cols,
    splitCodes: codes,
    splitOrderedBy: orderedBy,
    labels,
    probabilities,
    embeddings,
    embeddingDim: model.embeddingDim,
    metrics,
    roc,
    history: model.history,
    bestEpoch: model.bestEpoch,
    timings: { encodeMs, trainMs, embedMs, evaluateMs },
  };
}

function evaluateSplits(
  model: TrainedModel,
  x: FeatureMatrix,
  codes: Uint8Array,
  labels: Uint8Array | undefined,
  probabilities: Float32Array | undefined,
): Pick<RunOutput, "metrics" | "roc"> {
  const metrics: RunOutput["metrics"] = {};
  const roc: RunOutput["roc"] = {};
  const errors = labels ? undefined : model.reconstructionError(x);
  for (const split of splitNames) {
    const rows = rowsOf(codes, split);
    if (rows.length === 0) continue;
    if (labels && probabilities) {
      const scores = Float64Array.from(rows, (r) => probabilities[r] as number);
      const truth = Uint8Array.from(rows, (r) => labels[r] as number);
      metrics[split] = evaluateBinary(scores, truth);
      roc[split] = rocCurve(scores, truth, ROC_POINTS);
    } else if (errors) {
      let sum = 0;
      for (const r of rows) sum += errors[r] as number;
      metrics[split] = { n: rows.length, reconstructionError: sum / rows.length };
    }
  }
  return { metrics, roc };
}
