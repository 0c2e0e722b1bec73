import { type Rng, shuffleInPlace } from "../random/index.ts";
import type { CoalitionValues } from "./coalition-values.ts";

/**
 * Shapley values of one row estimated over `permutations` feature orders: half drawn at random,
 * each paired with its reverse (antithetic sampling, exact for models whose features interact at
 * most in pairs). Along each order the features join one at a time and each is credited with the
 * change it makes; the credits of one order sum to f(x) − base, so the average is additive too.
 */
export function permutationRow(
  evaluator: CoalitionValues,
  x: Float32Array,
  features: number,
  base: number,
  prediction: number,
  permutations: number,
  rng: Rng,
): Float64Array {
  const orders: Int32Array[] = [];
  for (let p = 0; p < permutations / 2; p++) {
    const order = shuffleInPlace(
      Int32Array.from({ length: features }, (_, i) => i),
      rng,
    );
    orders.push(order, order.slice().reverse());
  }
  // Prefixes of length 1 .. M−1 of each order are the coalitions to evaluate.
  const inner = features - 1;
  const memberships = new Uint8Array(orders.length * inner * features);
  orders.forEach((order, p) => {
    for (let k = 1; k <= inner; k++) {
      const row = (p * inner + k - 1) * features;
      for (let j = 0; j < k; j++) memberships[row + (order[j] as number)] = 1;
    }
  });
  const v = evaluator.values(x, prediction, memberships, orders.length * inner, features);
  const phi = new Float64Array(features);
  orders.forEach((order, p) => {
    let previous = base;
    for (let k = 1; k <= features; k++) {
      const current = k === features ? prediction : (v[p * inner + k - 1] as number);
      const feature = order[k - 1] as number;
      phi[feature] = (phi[feature] as number) + current - previous;
      previous = current;
    }
  });
  for (let i = 0; i < features; i++) phi[i] = (phi[i] as number) / orders.length;
  return phi;
}
