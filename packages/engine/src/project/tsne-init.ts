import { createRng } from "../random/index.ts";
import { pca } from "./pca.ts";
import type { Points } from "./types.ts";

/** scikit-learn's scale of the initial layout: standard deviation 1e-4. */
const INITIAL_SCALE = 1e-4;

/**
 * scikit-learn's init="pca": the first two principal components, scaled so that the first has
 * standard deviation 1e-4 (a single-column input gets a zero second coordinate).
 */
export function pcaLayout(points: Points): Float64Array {
  const n = points.rows;
  const components = Math.min(2, points.cols);
  const projection = pca(points, { components }).projection;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += projection[i * components] as number;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += ((projection[i * components] as number) - mean) ** 2;
  const scale = INITIAL_SCALE / Math.sqrt(variance / n);
  const y = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < components; c++) y[2 * i + c] = (projection[i * components + c] as number) * scale;
  }
  return y;
}

/** scikit-learn's init="random": iid normal coordinates with standard deviation 1e-4 (seeded). */
export function randomLayout(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const y = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i += 2) {
    // Box–Muller: two independent standard normals per pair of uniforms (1 − u is in (0, 1]).
    const radius = Math.sqrt(-2 * Math.log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    y[i] = INITIAL_SCALE * radius * Math.cos(angle);
    y[i + 1] = INITIAL_SCALE * radius * Math.sin(angle);
  }
  return y;
}
