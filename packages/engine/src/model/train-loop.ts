import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../random/index.ts";
import { fillDropoutMask, gatherRows } from "./batches.ts";
import type { Network } from "./network.ts";
import type { EpochLog, Matrix, NetworkConfig, TrainHooks } from "./types.ts";

export interface Validation {
  valLoss: number;
  valAuc: number | null;
  /** Higher is better (AUC, or −MSE). */
  score: number;
}

export interface TrainingTask {
  network: Network;
  x: Matrix;
  config: NetworkConfig;
  /** Row order of one epoch (may return the same, reshuffled, buffer each time). */
  nextEpochRows(): Int32Array;
  /** Seeds the dropout masks. */
  dropoutRng: Rng;
  /**
   * Loss of one batch, called inside `optimizer.minimize`. `rows[start..end)` are the batch's
   * matrix rows, `output` the last layer's output (logits for the classifier).
   */
  batchLoss(output: tf.Tensor2D, input: tf.Tensor2D, rows: Int32Array, start: number, end: number): tf.Scalar;
  validate(): Validation;
}

export interface TrainingResult {
  history: EpochLog[];
  bestEpoch: number;
}

export function abortError(signal: AbortSignal): Error {
  const error = new Error("Training was aborted", { cause: signal.reason });
  error.name = "AbortError";
  return error;
}

/** Lets timers and abort events run between batches (setImmediate costs microseconds, not 1 ms). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === "function") setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/**
 * Mini-batch Adam with early stopping on the validation score, restoring the best epoch's
 * weights. Owns the optimizer and the weight snapshot; on success the network holds the best
 * weights, on abort or error the network is left for the caller to dispose.
 */
export async function runTrainingLoop(task: TrainingTask, hooks: TrainHooks = {}): Promise<TrainingResult> {
  const { network, x, config } = task;
  const { batchSize } = config;
  const layers = network.spec.layers;
  const variables = network.variables();
  const lastLayer = layers.length - 1;

  // Reused host buffers: one batch of inputs and one dropout mask per dropout layer.
  const inputBuffer = new Float32Array(batchSize * x.cols);
  const maskBuffers = layers.map((layer) =>
    layer.dropout > 0 ? new Float32Array(batchSize * layer.units) : null,
  );

  const optimizer = tf.train.adam(config.learningRate);
  const history: EpochLog[] = [];
  let best: { epoch: number; score: number; weights: tf.Tensor[] } | null = null;
  let sinceBest = 0;
  // Variables start by sharing the weights' buffers (ref-counted); each assign gives them their own.
  const averages = config.weightAveraging > 0 ? variables.map((v) => tf.variable(v, false)) : null;
  let step = 0;

  try {
    for (let epoch = 1; epoch <= config.maxEpochs; epoch++) {
      const started = performance.now();
      const rows = task.nextEpochRows();
      let lossSum = 0;

      for (let start = 0; start < rows.length; start += batchSize) {
        if (hooks.signal?.aborted) throw abortError(hooks.signal);
        const end = Math.min(start + batchSize, rows.length);
        const n = end - start;
        gatherRows(x, rows, start, end, inputBuffer);
        for (let i = 0; i < layers.length; i++) {
          const buffer = maskBuffers[i];
          if (buffer)
            fillDropoutMask(buffer, n * (layers[i]?.units ?? 0), layers[i]?.dropout ?? 0, task.dropoutRng);
        }
        const batchLoss = tf.tidy(() => {
          const input = tf.tensor2d(inputBuffer.subarray(0, n * x.cols), [n, x.cols]);
          const masks = maskBuffers.map((buffer, i) =>
            buffer
              ? tf.tensor2d(buffer.subarray(0, n * (layers[i]?.units ?? 0)), [n, layers[i]?.units ?? 0])
              : null,
          );
          const cost = optimizer.minimize(
            () => task.batchLoss(network.forward(input, lastLayer, masks), input, rows, start, end),
            true,
            variables,
          );
          return cost ? (cost.dataSync()[0] as number) : Number.NaN;
        });
        if (averages) updateAverages(averages, variables, config.weightAveraging, ++step);
        lossSum += batchLoss * n;
        await yieldToEventLoop();
      }
      if (hooks.signal?.aborted) throw abortError(hooks.signal);

      // Validate (and snapshot) the averaged weights; training continues from the raw ones.
      const rawWeights = averages ? network.snapshot() : null;
      if (averages) network.restore(averages);
      const validation = task.validate();
      // A diverged epoch (NaN loss or AUC) never counts as an improvement.
      const score = Number.isNaN(validation.score) ? Number.NEGATIVE_INFINITY : validation.score;
      const improved = best === null || score > best.score + config.minDelta;
      if (improved) {
        if (best) tf.dispose(best.weights);
        best = { epoch, score, weights: network.snapshot() };
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      if (rawWeights) {
        network.restore(rawWeights);
        tf.dispose(rawWeights);
      }
      const log: EpochLog = {
        epoch,
        loss: lossSum / rows.length,
        valLoss: validation.valLoss,
        valAuc: validation.valAuc,
        ms: performance.now() - started,
        best: improved,
      };
      history.push(log);
      hooks.onEpoch?.({ ...log });
      if (sinceBest >= config.patience) break;
    }
    if (best) network.restore(best.weights);
    return { history, bestEpoch: best?.epoch ?? 0 };
  } finally {
    if (best) tf.dispose(best.weights);
    if (averages) tf.dispose(averages);
    optimizer.dispose();
  }
}

/**
 * average ← d·average + (1 − d)·weight, with d warming up as (1 + step) / (10 + step) so the
 * first epoch is not dominated by the random initial weights.
 */
function updateAverages(
  averages: tf.Variable[],
  variables: tf.Variable[],
  decay: number,
  step: number,
): void {
  const d = Math.min(decay, (1 + step) / (10 + step));
  tf.tidy(() => {
    averages.forEach((average, i) => {
      average.assign(tf.add(tf.mul(average, d), tf.mul(variables[i] as tf.Variable, 1 - d)));
    });
  });
}
