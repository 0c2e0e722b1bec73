import * as tf from "@tensorflow/tfjs";

/**
 * A dense layer y = act(x·W + b) with a hand-written gradient for training.
 *
 * Why: tfjs back-propagates a matMul with transposed matMuls (dy·Wᵀ, xᵀ·dy), and the wasm backend
 * runs transposed matMuls on a naive path, ~8× slower than explicit transpose + plain matMul
 * (measured: 5 ms vs 0.6 ms for 512×128 · 128×64). The gradient below only uses plain matMuls.
 * When `x` is the network input (`inputIsConstant`), its gradient is not computed at all.
 */
export function denseForTraining(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  relu: boolean,
  inputIsConstant: boolean,
): tf.Tensor2D {
  const forward = (input: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D => {
    const z = tf.add(tf.matMul(input, w), b) as tf.Tensor2D;
    return relu ? tf.relu(z) : z;
  };
  const preGradient = (dy: tf.Tensor, y: tf.Tensor): tf.Tensor2D =>
    (relu ? tf.mul(dy, tf.step(y)) : dy) as tf.Tensor2D;
  // dW = xᵀ·dz computed as (dzᵀ·x)ᵀ: one transpose of dz serves both dW and db (a row sum of dzᵀ
  // needs no transpose, unlike a column sum of dz), and the final transpose is only in × out.
  const weightGradients = (input: tf.Tensor, dz: tf.Tensor2D): [tf.Tensor, tf.Tensor] => {
    const dzT = tf.transpose(dz);
    return [tf.transpose(tf.matMul(dzT, input)), tf.sum(dzT, 1)];
  };

  if (inputIsConstant) {
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [w, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
      const y = forward(x, w, b);
      save([x, y]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [savedX, savedY] = saved as [tf.Tensor, tf.Tensor];
          return weightGradients(savedX, preGradient(dy, savedY));
        },
      };
    });
    return op(kernel, bias) as tf.Tensor2D;
  }

  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const y = forward(input, w, b);
    save([input, y, w]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedX, savedY, savedW] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const dz = preGradient(dy, savedY);
        const [dw, db] = weightGradients(savedX, dz);
        return [tf.matMul(dz, tf.transpose(savedW)), dw, db];
      },
    };
  });
  return op(x, kernel, bias) as tf.Tensor2D;
}
