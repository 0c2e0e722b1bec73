import { UMAP } from "umap-js";
import { KindredError } from "../errors/index.ts";
import { createRng } from "../random/index.ts";
import type { Points } from "./types.ts";

export interface UmapOptions {
  nNeighbors?: number;
  minDist?: number;
  nEpochs?: number;
  seed?: number;
  onProgress?: (share: number) => void;
}

/** UMAP to 2-D through umap-js, seeded; arrays of arrays only at the library boundary. */
export async function umap(points: Points, options: UmapOptions = {}): Promise<{ embedding: Float32Array }> {
  const nNeighbors = options.nNeighbors ?? 15;
  if (points.rows <= nNeighbors) {
    throw new KindredError(
      "INVALID_CONFIG",
      `UMAP needs more rows (${points.rows}) than neighbours (${nNeighbors})`,
      {
        field: "nNeighbors",
      },
    );
  }
  const rows: number[][] = [];
  for (let r = 0; r < points.rows; r++)
    rows.push(Array.from(points.data.subarray(r * points.cols, (r + 1) * points.cols)));
  const model = new UMAP({
    nComponents: 2,
    nNeighbors,
    minDist: options.minDist ?? 0.1,
    ...(options.nEpochs ? { nEpochs: options.nEpochs } : {}),
    random: createRng(options.seed ?? 42),
  });
  const epochs = model.initializeFit(rows);
  for (let epoch = 0; epoch < epochs; epoch++) {
    model.step();
    if (epoch % 20 === 0) {
      options.onProgress?.(epoch / epochs);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const embedding = model.getEmbedding();
  const out = new Float32Array(points.rows * 2);
  embedding.forEach((row, r) => {
    out[2 * r] = row[0] ?? 0;
    out[2 * r + 1] = row[1] ?? 0;
  });
  return { embedding: out };
}
