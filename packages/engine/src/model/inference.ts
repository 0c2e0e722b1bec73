import * as tf from "@tensorflow/tfjs";
import { KindredError } from "../errors/index.ts";
import { checkMatrixShape } from "./inputs.ts";
import { sigmoid } from "./losses.ts";
import type { Network } from "./network.ts";
import type { Matrix } from "./types.ts";

export const DEFAULT_INFERENCE_BATCH = 8192;

function checkInput(network: Network, x: Matrix, batchSize: number): void {
  if (network.isDisposed) {
    throw new KindredError("MODEL_NOT_TRAINED", "model: it was disposed; train or load it again");
  }
  checkMatrixShape(x);
  if (x.cols !== network.spec.inputDim) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `x.cols: the model expects ${network.spec.inputDim} feature columns, got ${x.cols}`,
      { field: "x.cols" },
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new KindredError(
      "INVALID_CONFIG",
      `batchSize: must be a positive integer, got ${String(batchSize)}`,
      {
        field: "batchSize",
      },
    );
  }
}

/**
 * Runs `compute` on consecutive row blocks of `x` (zero-copy views of its data) and writes each
 * block's `width` outputs per row into one result array.
 */
function mapBlocks(
  network: Network,
  x: Matrix,
  batchSize: number,
  width: number,
  compute: (block: tf.Tensor2D) => tf.Tensor,
): Float32Array {
  checkInput(network, x, batchSize);
  const out = new Float32Array(x.rows * width);
  for (let start = 0; start < x.rows; start += batchSize) {
    const end = Math.min(start + batchSize, x.rows);
    // Return the tensor, not its data, from tidy: tidy walks a returned typed array element by
    // element looking for tensors (that walk cost 4× the network itself on 8192 × 32 outputs).
    const result = tf.tidy(() =>
      compute(tf.tensor2d(x.data.subarray(start * x.cols, end * x.cols), [end - start, x.cols])),
    );
    try {
      out.set(result.dataSync(), start * width);
    } finally {
      result.dispose();
    }
  }
  return out;
}

/** Output of layer `upTo` (logits for a sigmoid layer), rows × units, row-major. */
export function layerOutput(network: Network, x: Matrix, upTo: number, batchSize: number): Float32Array {
  const units = network.spec.layers[upTo]?.units ?? 0;
  return mapBlocks(network, x, batchSize, units, (block) => network.forward(block, upTo));
}

/** Classifier probabilities: sigmoid of the output logit, computed in float64 then stored. */
export function probabilities(network: Network, x: Matrix, batchSize: number): Float32Array {
  const logits = layerOutput(network, x, network.spec.layers.length - 1, batchSize);
  for (let i = 0; i < logits.length; i++) logits[i] = sigmoid(logits[i] as number);
  return logits;
}

export function embeddings(network: Network, x: Matrix, batchSize: number): Float32Array {
  return layerOutput(network, x, network.spec.embeddingIndex, batchSize);
}

/** Per-row mean squared difference between the input and the network's reconstruction. */
export function reconstructionErrors(network: Network, x: Matrix, batchSize: number): Float32Array {
  return mapBlocks(network, x, batchSize, 1, (block) =>
    tf.mean(tf.squaredDifference(network.forward(block), block), 1),
  );
}
