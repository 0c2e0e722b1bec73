import { type Rng, shuffleInPlace } from "../random/index.ts";
import type { Matrix } from "./types.ts";

/** Copies rows[start..end) of `x` into `out` (reused across batches), row-major. */
export function gatherRows(x: Matrix, rows: Int32Array, start: number, end: number, out: Float32Array): void {
  const { data, cols } = x;
  for (let i = start; i < end; i++) {
    const base = (rows[i] as number) * cols;
    out.set(data.subarray(base, base + cols), (i - start) * cols);
  }
}

/** Copies the given rows into a new contiguous matrix (validation rows, once per training). */
export function subsetRows(x: Matrix, rows: Int32Array): Matrix {
  const data = new Float32Array(rows.length * x.cols);
  gatherRows(x, rows, 0, rows.length, data);
  return { data, rows: rows.length, cols: x.cols };
}

/** Each epoch: the training rows in a fresh seeded order (the buffer is reshuffled in place). */
export function shuffledOrder(trainRows: Int32Array, rng: Rng): () => Int32Array {
  const order = Int32Array.from(trainRows);
  return () => shuffleInPlace(order, rng);
}

/**
 * Each epoch: as many rows as the training set, drawn with replacement so that every draw is a
 * positive or a negative with probability ½ — balanced batches without per-sample weights.
 */
export function balancedSampler(trainRows: Int32Array, labels: Uint8Array, rng: Rng): () => Int32Array {
  const positives = trainRows.filter((r) => labels[r] === 1);
  const negatives = trainRows.filter((r) => labels[r] !== 1);
  const order = new Int32Array(trainRows.length);
  return () => {
    for (let i = 0; i < order.length; i++) {
      const pool = rng() < 0.5 ? positives : negatives;
      order[i] = pool[Math.floor(rng() * pool.length)] as number;
    }
    return order;
  };
}

/**
 * Fills `out[0..n)` with inverted-dropout multipliers: 0 with probability `rate`, else 1/(1−rate).
 * The seeded `rng` seeds an inline xorshift32 per call, each step giving two 16-bit uniforms (rate
 * resolution 1/65536): ~5× cheaper than one closure call per unit on 100k units per batch.
 */
export function fillDropoutMask(out: Float32Array, n: number, rate: number, rng: Rng): void {
  const keep = 1 / (1 - rate);
  const threshold = Math.round(rate * 65536);
  let state = (rng() * 4294967296) >>> 0 || 0x9e3779b9;
  for (let i = 0; i < n; i += 2) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = (state & 0xffff) < threshold ? 0 : keep;
    if (i + 1 < n) out[i + 1] = state >>> 16 < threshold ? 0 : keep;
  }
}
