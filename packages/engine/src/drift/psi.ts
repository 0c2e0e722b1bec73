import { KindredError } from "../errors/index.ts";

/**
 * Population Stability Index of two share vectors over the same bins:
 * Σᵢ (cᵢ − bᵢ) · ln(cᵢ / bᵢ) — the symmetric (Jeffreys) divergence, ≥ 0.
 * Bins with equal shares add 0 (also 0 = 0); a bin empty on one side only gives +∞, which is
 * why metrics smooth their shares first.
 */
export function psi(baselineShares: ArrayLike<number>, currentShares: ArrayLike<number>): number {
  if (baselineShares.length !== currentShares.length) {
    throw new KindredError(
      "INVALID_CONFIG",
      `baseline has ${baselineShares.length} bins, current ${currentShares.length}`,
      { field: "shares" },
    );
  }
  let total = 0;
  for (let i = 0; i < baselineShares.length; i++) {
    const b = baselineShares[i] as number;
    const c = currentShares[i] as number;
    if (!(b >= 0 && c >= 0 && b <= 1 && c <= 1)) {
      throw new KindredError("INVALID_CONFIG", `bin ${i}: shares must lie in [0, 1], got ${b} and ${c}`, {
        field: "shares",
      });
    }
    if (c !== b) total += (c - b) * Math.log(c / b);
  }
  return total;
}
