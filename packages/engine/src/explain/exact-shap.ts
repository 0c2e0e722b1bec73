import type { CoalitionValues } from "./coalition-values.ts";

/** Hard limit of exact enumeration: 2^20 coalitions per row. */
export const EXACT_MAX_FEATURES = 20;

/**
 * Shapley weights s!(M−s−1)!/M! for coalition sizes s = 0..M−1, i.e. 1 / (M · C(M−1, s)).
 */
export function shapleyWeights(features: number): Float64Array {
  const weights = new Float64Array(features);
  let binomial = 1; // C(M−1, s)
  for (let s = 0; s < features; s++) {
    weights[s] = 1 / (features * binomial);
    binomial = (binomial * (features - 1 - s)) / (s + 1);
  }
  return weights;
}

/**
 * Exact Shapley values of one row by enumerating every coalition:
 * φ_i = Σ_{S ∌ i} |S|!(M−|S|−1)!/M! · (v(S ∪ {i}) − v(S)), with v(∅) = base and v(all) = f(x).
 */
export function exactRow(
  evaluator: CoalitionValues,
  x: Float32Array,
  features: number,
  base: number,
  prediction: number,
): Float64Array {
  const full = (1 << features) - 1;
  // Coalitions 1 .. full−1 as memberships; ∅ and the full set are known already.
  const count = Math.max(0, full - 1);
  const memberships = new Uint8Array(count * features);
  for (let mask = 1; mask < full; mask++) {
    const row = (mask - 1) * features;
    for (let i = 0; i < features; i++) memberships[row + i] = (mask >>> i) & 1;
  }
  const inner = evaluator.values(x, prediction, memberships, count, features);
  const v = new Float64Array(full + 1);
  v[0] = base;
  v.set(inner, 1);
  v[full] = prediction;

  const weights = shapleyWeights(features);
  const size = new Uint8Array(full + 1);
  for (let mask = 1; mask <= full; mask++) size[mask] = (size[mask >>> 1] as number) + (mask & 1);
  const phi = new Float64Array(features);
  for (let i = 0; i < features; i++) {
    const bit = 1 << i;
    let sum = 0;
    for (let mask = 0; mask <= full; mask++) {
      if (mask & bit) continue;
      sum += (weights[size[mask] as number] as number) * ((v[mask | bit] as number) - (v[mask] as number));
    }
    phi[i] = sum;
  }
  return phi;
}
