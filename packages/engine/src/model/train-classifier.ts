import * as tf from "@tensorflow/tfjs";
import { rocAuc } from "../metrics/index.ts";
import { createRng } from "../random/index.ts";
import { ensureBackend } from "./backend.ts";
import { balancedSampler, shuffledOrder, subsetRows } from "./batches.ts";
import { resolveMlpConfig } from "./config.ts";
import { DEFAULT_INFERENCE_BATCH, layerOutput } from "./inference.ts";
import { checkFinite, checkLabels, checkMatrixShape, countClasses, toRowIndices } from "./inputs.ts";
import { bceWithLogits, sigmoid, weightedBceWithLogits } from "./losses.ts";
import { classifierSpec, Network } from "./network.ts";
import { abortError, runTrainingLoop, type Validation } from "./train-loop.ts";
import { createTrainedModel } from "./trained-model.ts";
import type { Matrix, MlpConfig, TrainedModel, TrainHooks, TrainRows } from "./types.ts";

/**
 * Trains input → hidden → embedding → sigmoid on a binary target with binary cross-entropy,
 * Adam and early stopping on validation AUC; the returned model holds the best epoch's weights.
 */
export async function trainClassifier(
  x: Matrix,
  labels: Uint8Array,
  rows: TrainRows,
  partialConfig: Partial<MlpConfig> = {},
  hooks: TrainHooks = {},
): Promise<TrainedModel> {
  const config = resolveMlpConfig(partialConfig);
  checkMatrixShape(x);
  checkLabels(labels, x.rows);
  const trainRows = toRowIndices(rows?.train, x.rows, "rows.train");
  const valRows = toRowIndices(rows?.val, x.rows, "rows.val");
  const counts = countClasses(labels, trainRows, "rows.train");
  countClasses(labels, valRows, "rows.val");
  checkFinite(x, trainRows);
  checkFinite(x, valRows);
  if (hooks.signal?.aborted) throw abortError(hooks.signal);
  await ensureBackend();

  // Class weights n / (2·n_c): each class carries half of the total loss.
  const classWeight =
    config.imbalance === "none"
      ? [1, 1]
      : [trainRows.length / (2 * counts.negatives), trainRows.length / (2 * counts.positives)];
  const sampleWeight = config.imbalance === "class-weight" ? classWeight : [1, 1];

  const rng = createRng(config.seed);
  const nextEpochRows =
    config.imbalance === "sampling" ? balancedSampler(trainRows, labels, rng) : shuffledOrder(trainRows, rng);

  const valX = subsetRows(x, valRows);
  const valLabels = Uint8Array.from(valRows, (r) => labels[r] as number);
  const labelBuffer = new Float32Array(config.batchSize);
  const weightBuffer = new Float32Array(config.batchSize);

  // Start at the base rate the loss aims for: the class prior without rebalancing, ½ with it.
  const outputBias = config.imbalance === "none" ? Math.log(counts.positives / counts.negatives) : 0;
  const network = Network.initialize(classifierSpec(x.cols, config), config.seed, outputBias);
  try {
    const { history, bestEpoch } = await runTrainingLoop(
      {
        network,
        x,
        config,
        nextEpochRows,
        dropoutRng: createRng(config.seed ^ 0x0d50d5),
        batchLoss(logits, _input, order, start, end) {
          const n = end - start;
          for (let i = 0; i < n; i++) {
            const y = labels[order[start + i] as number] as number;
            labelBuffer[i] = y;
            weightBuffer[i] = sampleWeight[y] as number;
          }
          return weightedBceWithLogits(
            logits,
            tf.tensor1d(labelBuffer.subarray(0, n)),
            tf.tensor1d(weightBuffer.subarray(0, n)),
          );
        },
        validate(): Validation {
          // One pass over all validation rows; probabilities computed exactly as predict() does.
          const logits = layerOutput(network, valX, network.spec.layers.length - 1, DEFAULT_INFERENCE_BATCH);
          const scores = new Float32Array(logits.length);
          let lossSum = 0;
          for (let i = 0; i < logits.length; i++) {
            const z = logits[i] as number;
            const y = valLabels[i] as number;
            lossSum += (classWeight[y] as number) * bceWithLogits(z, y);
            scores[i] = sigmoid(z);
          }
          const valAuc = rocAuc(scores, valLabels);
          return { valLoss: lossSum / logits.length, valAuc, score: valAuc };
        },
      },
      hooks,
    );
    return createTrainedModel(network, config, history, bestEpoch);
  } catch (error) {
    network.dispose();
    throw error;
  }
}
