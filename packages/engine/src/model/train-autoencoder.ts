import * as tf from "@tensorflow/tfjs";
import { createRng } from "../random/index.ts";
import { ensureBackend } from "./backend.ts";
import { shuffledOrder, subsetRows } from "./batches.ts";
import { resolveAutoencoderConfig } from "./config.ts";
import { DEFAULT_INFERENCE_BATCH, reconstructionErrors } from "./inference.ts";
import { checkFinite, checkMatrixShape, toRowIndices } from "./inputs.ts";
import { autoencoderSpec, Network } from "./network.ts";
import { abortError, runTrainingLoop, type Validation } from "./train-loop.ts";
import { createTrainedModel } from "./trained-model.ts";
import type { AutoencoderConfig, Matrix, TrainedModel, TrainHooks, TrainRows } from "./types.ts";

/**
 * For datasets without a target: encoder → embedding → mirrored decoder trained to reconstruct
 * its input (MSE), early stopping on validation MSE; the returned model holds the best weights.
 */
export async function trainAutoencoder(
  x: Matrix,
  rows: TrainRows,
  partialConfig: Partial<AutoencoderConfig> = {},
  hooks: TrainHooks = {},
): Promise<TrainedModel> {
  const config = resolveAutoencoderConfig(partialConfig);
  checkMatrixShape(x);
  const trainRows = toRowIndices(rows?.train, x.rows, "rows.train");
  const valRows = toRowIndices(rows?.val, x.rows, "rows.val");
  checkFinite(x, trainRows);
  checkFinite(x, valRows);
  if (hooks.signal?.aborted) throw abortError(hooks.signal);
  await ensureBackend();

  const valX = subsetRows(x, valRows);
  const network = Network.initialize(autoencoderSpec(x.cols, config), config.seed);
  try {
    const { history, bestEpoch } = await runTrainingLoop(
      {
        network,
        x,
        config,
        nextEpochRows: shuffledOrder(trainRows, createRng(config.seed)),
        dropoutRng: createRng(config.seed ^ 0x0d50d5),
        batchLoss: (reconstruction, input) => tf.mean(tf.squaredDifference(reconstruction, input)),
        validate(): Validation {
          const perRow = reconstructionErrors(network, valX, DEFAULT_INFERENCE_BATCH);
          let sum = 0;
          for (const e of perRow) sum += e;
          const valLoss = sum / perRow.length;
          return { valLoss, valAuc: null, score: -valLoss };
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
