/**
 * Lookalike benchmark on the embedded exact index: build time for 1,000,000 synthetic 32-d
 * vectors, exact top-100 latency (p50/p99 over 50 queries), and a 500-seed `best` query over
 * 41,188 candidates. Prints figures; asserts nothing.   npm run bench:lookalike
 * A full scan reads 128 MB; memory bandwidth here allows ~15–30 ms.
 */
import { ExactIndex, type IndexedPoint, lookalike } from "../../packages/engine/src/lookalike/index.ts";
import { createRng } from "../../packages/engine/src/random/index.ts";

const DIM = 32;
const rng = createRng(7);

function randomPoints(n: number, labelShare: number): IndexedPoint[] {
  return Array.from({ length: n }, (_, id) => {
    const vector = new Float32Array(DIM);
    for (let d = 0; d < DIM; d++) vector[d] = rng() - 0.5;
    const label = rng() < labelShare ? 1 : 0;
    return {
      id,
      vectors: { mlp: vector },
      payload: {
        customerId: String(id),
        datasetId: "bench",
        runId: "bench",
        label,
        split: "train",
        probability: rng(),
        persona: null,
      },
    };
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

const points = randomPoints(1_000_000, 0.1);
let started = performance.now();
const index = new ExactIndex();
await index.upsert(points);
console.log(`index build, 1,000,000 × ${DIM}: ${((performance.now() - started) / 1000).toFixed(2)} s`);

for (const [label, filter] of [
  ["no filter", undefined],
  ["filter label = 0", { label: 0 }],
] as const) {
  const times: number[] = [];
  for (let q = 0; q < 50; q++) {
    const vector = Float32Array.from({ length: DIM }, () => rng() - 0.5);
    started = performance.now();
    await index.search({ space: "mlp", vector, limit: 100, ...(filter ? { filter } : {}) });
    times.push(performance.now() - started);
  }
  console.log(
    `exact top-100 (${label}): p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms`,
  );
}

const small = new ExactIndex();
await small.upsert(randomPoints(41_188, 500 / 41_188));
const seeds = (await small.scroll({ label: 1 })).length;
started = performance.now();
await lookalike(small, {
  space: "mlp",
  seeds: { filter: { label: 1 } },
  candidates: { label: 0 },
  strategy: "best",
  limit: 100,
});
console.log(`best over ${seeds} seeds × 41,188 customers: ${(performance.now() - started).toFixed(0)} ms`);
