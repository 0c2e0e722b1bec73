import { createRng, type Rng } from "../random/index.ts";
import type { Points } from "./types.ts";

export interface MixtureSpec {
  rows: number;
  cols: number;
  /** Share of the rows in each component (normalized). */
  shares: number[];
  /** Standard deviation of the component centres around the origin. Default 4. */
  separation?: number;
  /** Standard deviation of each component (per column). Default 1. */
  spread?: number;
  seed: number;
}

/** Seeded Gaussian mixture (test and measurement data): points plus each row's true component. */
export function gaussianMixture(spec: MixtureSpec): { points: Points; truth: Int32Array } {
  const { rows, cols, shares, separation = 4, spread = 1, seed } = spec;
  const rng = createRng(seed);
  const centres = shares.map(() => Array.from({ length: cols }, () => separation * normal(rng)));
  const total = shares.reduce((a, b) => a + b, 0);
  const truth = new Int32Array(rows);
  let start = 0;
  shares.forEach((share, c) => {
    const end = c === shares.length - 1 ? rows : Math.min(rows, start + Math.round((rows * share) / total));
    truth.fill(c, start, end);
    start = end;
  });
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const centre = centres[truth[i] as number] as number[];
    for (let t = 0; t < cols; t++) data[i * cols + t] = (centre[t] as number) + spread * normal(rng);
  }
  return { points: { data, rows, cols }, truth };
}

/** Standard normal by Box–Muller. */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
