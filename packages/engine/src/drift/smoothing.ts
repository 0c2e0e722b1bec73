/** Turns bin counts into shares that are never 0, so ln(current / baseline) stays finite. */
export interface Smoothing {
  shares(counts: ArrayLike<number>, total: number): number[];
}

/**
 * Empty bins get share ε instead of 0; other bins keep count / total (no renormalization, as in
 * the usual credit-risk PSI and Arize Phoenix's default). ε defaults to 1e-4.
 */
export function epsilonSmoothing(epsilon = 1e-4): Smoothing {
  return {
    shares: (counts, total) =>
      Array.from(counts, (count) => (count === 0 || total === 0 ? epsilon : count / total)),
  };
}
