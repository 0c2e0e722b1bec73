import { KindredError } from "../errors/index.ts";
import { createRng } from "../random/index.ts";
import type { Points } from "./types.ts";

/** At most `max` row indices drawn uniformly without replacement (seeded), in ascending order. */
export function sampleRows(n: number, max: number, seed: number): Uint32Array {
  if (!Number.isInteger(max) || max < 1) {
    throw new KindredError("INVALID_CONFIG", `sample size must be a positive integer, got ${max}`, {
      field: "sampleSize",
    });
  }
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  if (n <= max) return all;
  const rng = createRng(seed);
  // Partial Fisher–Yates: the first `max` slots become the sample.
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const tmp = all[i] as number;
    all[i] = all[j] as number;
    all[j] = tmp;
  }
  return all.subarray(0, max).sort();
}

export function gatherRows(points: Points, rows: ArrayLike<number>): Points {
  const { cols } = points;
  const data = new Float32Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    data.set(points.data.subarray(r * cols, (r + 1) * cols), i * cols);
  }
  return { data, rows: rows.length, cols };
}
