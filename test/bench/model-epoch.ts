/**
 * One-off speed check (not a test): ms per epoch of the training loop on data shaped like the real
 * workload (24,500 train × 63 features, 6,100 val, batch 512), against tfjs's own `model.fit`
 * with the same architecture, and embed() throughput on 41k rows.
 *
 *   npx tsx packages/engine/src/model/measure-epoch.script.ts [backend] [epochs] [no-baseline]
 */
import * as tf from "@tensorflow/tfjs";
import {
  type BackendPreference,
  initBackend,
  trainClassifier,
} from "../../packages/engine/src/model/index.ts";
import { createRng } from "../../packages/engine/src/random/index.ts";

const backend = await initBackend((process.argv[2] as BackendPreference | undefined) ?? "wasm");
const epochs = Number(process.argv[3] ?? 4);
const baseline = process.argv[4] !== "no-baseline";
const rows = 41_000;
const cols = 63;
const trainCount = 24_500;
const valCount = 6_100;

const rng = createRng(7);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const data = new Float32Array(rows * cols);
for (let i = 0; i < data.length; i++) data[i] = gauss();
const beta = Array.from({ length: cols }, () => gauss() * 0.3);
const labels = new Uint8Array(rows);
for (let r = 0; r < rows; r++) {
  let z = -2.5;
  for (let c = 0; c < cols; c++) z += (beta[c] as number) * (data[r * cols + c] as number);
  labels[r] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
}
const x = { data, rows, cols };
const train = Array.from({ length: trainCount }, (_, i) => i);
const val = Array.from({ length: valCount }, (_, i) => trainCount + i);

console.log(
  `backend ${backend}; ${trainCount} train × ${cols}, ${valCount} val, batch 512, ${epochs} epochs`,
);

// Baseline: the same architecture through tfjs's model.fit (its own shuffle, no early stopping).
if (baseline) {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 128, activation: "relu", inputShape: [cols] }),
      tf.layers.dropout({ rate: 0.2 }),
      tf.layers.dense({ units: 64, activation: "relu" }),
      tf.layers.dropout({ rate: 0.2 }),
      tf.layers.dense({ units: 32, activation: "relu" }),
      tf.layers.dense({ units: 1, activation: "sigmoid" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "binaryCrossentropy" });
  const xs = tf.tensor2d(data.subarray(0, trainCount * cols), [trainCount, cols]);
  const ys = tf.tensor2d(Float32Array.from(labels.subarray(0, trainCount)), [trainCount, 1]);
  const xv = tf.tensor2d(data.subarray(trainCount * cols, (trainCount + valCount) * cols), [valCount, cols]);
  const yv = tf.tensor2d(Float32Array.from(labels.subarray(trainCount, trainCount + valCount)), [
    valCount,
    1,
  ]);
  const times: number[] = [];
  let t = performance.now();
  await model.fit(xs, ys, {
    batchSize: 512,
    epochs: Math.min(epochs, 3),
    validationData: [xv, yv],
    verbose: 0,
    callbacks: {
      onEpochEnd: () => {
        const now = performance.now();
        times.push(now - t);
        t = now;
      },
    },
  });
  console.log(`model.fit baseline ms/epoch: ${times.map((v) => v.toFixed(0)).join(", ")}`);
  tf.dispose([xs, ys, xv, yv]);
  model.dispose();
}

const before = tf.memory().numTensors;
const model = await trainClassifier(
  x,
  labels,
  { train, val },
  { maxEpochs: epochs, patience: epochs },
  {
    onEpoch: (log) =>
      console.log(
        `epoch ${log.epoch}: ${log.ms.toFixed(0)} ms, loss ${log.loss.toFixed(4)}, valLoss ${log.valLoss.toFixed(4)}, valAuc ${log.valAuc?.toFixed(4)}, tensors ${tf.memory().numTensors}`,
      ),
  },
);
const perEpoch = model.history.map((h) => h.ms);
const mean = perEpoch.reduce((a, b) => a + b, 0) / perEpoch.length;
console.log(
  `trainClassifier ms/epoch: ${perEpoch.map((v) => v.toFixed(0)).join(", ")} (mean ${mean.toFixed(0)})`,
);

for (let run = 1; run <= 3; run++) {
  const started = performance.now();
  const embedding = model.embed(x);
  const embedMs = performance.now() - started;
  const t0 = performance.now();
  model.predict(x);
  const predictMs = performance.now() - t0;
  console.log(
    `run ${run}: embed ${rows} rows × ${model.embeddingDim} in ${embedMs.toFixed(0)} ms = ${Math.round(rows / (embedMs / 1000))} rows/s (${embedding.length} values); predict ${predictMs.toFixed(0)} ms`,
  );
}
model.dispose();
console.log(`tensors before ${before}, after dispose ${tf.memory().numTensors}`);
