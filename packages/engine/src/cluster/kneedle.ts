import { KindredError } from "../errors/index.ts";

/** Sensitivity S of Satopää et al. (the paper's and kneed's default). */
const SENSITIVITY = 1;

/**
 * The elbow of a decreasing convex curve (inertia against K) by Kneedle (Satopää, Albrecht,
 * Irwin, Raghavan 2011), offline, S = 1, no smoothing:
 *  1. normalize x and y to [0, 1];
 *  2. difference curve D = (1 − y) − x (for a decreasing convex curve: how far the curve bends
 *     below the straight line from its first to its last point);
 *  3. at each local maximum of D set the threshold T = D_max − S · mean Δx; the first local
 *     maximum after which D drops below its T (before D reaches a new local maximum, and before a
 *     local minimum resets the wait) is the knee.
 * Returns the knee's x, or null when the curve is flat, straight or concave (D never drops below
 * a threshold) or has fewer than 3 points. x must be strictly increasing; values finite.
 */
export function kneedle(ks: readonly number[], inertias: readonly number[]): number | null {
  if (ks.length !== inertias.length) {
    throw new KindredError(
      "INVALID_CONFIG",
      `ks (${ks.length}) and inertias (${inertias.length}) differ in length`,
      { field: "inertias" },
    );
  }
  for (let i = 0; i < ks.length; i++) {
    const x = ks[i] as number;
    if (
      !Number.isFinite(x) ||
      !Number.isFinite(inertias[i] as number) ||
      (i > 0 && x <= (ks[i - 1] as number))
    ) {
      throw new KindredError(
        "INVALID_CONFIG",
        `kneedle needs finite values and strictly increasing ks; entry ${i} is (${x}, ${inertias[i]})`,
        { field: "ks" },
      );
    }
  }
  const n = ks.length;
  if (n < 3) return null;
  const xMin = ks[0] as number;
  const xSpan = (ks[n - 1] as number) - xMin;
  const yMin = Math.min(...inertias);
  const yMax = Math.max(...inertias);
  const ySpan = yMax - yMin;
  if (!(ySpan > 1e-12 * Math.max(Math.abs(yMax), Math.abs(yMin), 1e-300))) return null; // flat

  const x = ks.map((v) => (v - xMin) / xSpan);
  const difference = inertias.map((v, i) => 1 - (v - yMin) / ySpan - (x[i] as number));
  const meanStep = 1 / (n - 1); // mean Δx of normalized x spanning [0, 1]

  const isMaximum = (i: number) =>
    (difference[i] as number) > (difference[i - 1] as number) &&
    (difference[i] as number) >= (difference[i + 1] as number);
  const isMinimum = (i: number) =>
    (difference[i] as number) < (difference[i - 1] as number) &&
    (difference[i] as number) <= (difference[i + 1] as number);

  let knee: number | null = null;
  let threshold = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < n; i++) {
    if (knee !== null && (difference[i] as number) < threshold) return ks[knee] as number;
    if (i === n - 1) break;
    if (isMaximum(i)) {
      knee = i;
      threshold = (difference[i] as number) - SENSITIVITY * meanStep;
    } else if (knee !== null && isMinimum(i)) {
      knee = null; // the curve rose again before dropping: wait for the next maximum
    }
  }
  return null;
}
