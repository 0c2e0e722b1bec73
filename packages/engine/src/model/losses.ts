import * as tf from "@tensorflow/tfjs";

/**
 * Weighted binary cross-entropy on logits, mean over the batch: Σ wᵢ·ℓ(zᵢ, yᵢ) / n with
 * ℓ(z, y) = max(z, 0) − z·y + log(1 + e^−|z|) (stable for any z). Its gradient is fused by hand,
 * ∂/∂zᵢ = wᵢ·(σ(zᵢ) − yᵢ) / n, instead of back-propagating through the six ops of the formula.
 */
export function weightedBceWithLogits(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  weights: tf.Tensor1D,
): tf.Scalar {
  const n = labels.shape[0];
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
    // Tensors created in the forward pass are disposed before backprop unless saved.
    save([z, labels, weights]);
    const flat = tf.reshape(z, [n]);
    const perRow = tf.add(
      tf.sub(tf.relu(flat), tf.mul(flat, labels)),
      tf.log1p(tf.exp(tf.neg(tf.abs(flat)))),
    );
    return {
      value: tf.div(tf.sum(tf.mul(perRow, weights)), n) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedZ, savedLabels, savedWeights] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const residual = tf.sub(tf.sigmoid(tf.reshape(savedZ, [n])), savedLabels);
        const grad = tf.mul(tf.mul(residual, savedWeights), tf.div(dy, n));
        return tf.reshape(grad, savedZ.shape);
      },
    };
  });
  return loss(logits) as tf.Scalar;
}

/** Same loss in plain JS (float64) for validation scores. */
export function bceWithLogits(logit: number, label: number): number {
  return Math.max(logit, 0) - logit * label + Math.log1p(Math.exp(-Math.abs(logit)));
}

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}
