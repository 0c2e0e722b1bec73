import { KindredError } from "../errors/index.ts";

/** A smoothing strategy as stored with a fitted metric. */
export type SmoothingSpec = { kind: "additive"; epsilon: number } | { kind: "none" };

/** Turns bin counts into shares (Phoenix's "normalizer"). */
export interface Smoothing {
  /** Shares per bin from counts over all bins of one side (total > 0). */
  shares(counts: readonly number[]): number[];
  toJSON(): SmoothingSpec;
}

/**
 * Additive smoothing on shares, then renormalised: sᵢ = (nᵢ/N + ε) / (1 + k·ε) over k bins.
 *
 * Every bin — empty or not — gets ε added, so shares stay a distribution (they sum to 1), PSI
 * stays a proper divergence (0 for identical batches, never negative) and finite when a bin is
 * empty on one side, and it changes smoothly with the counts (no jump between 0 and 1 values).
 * Adding ε to shares is adding a pseudocount ε·N to counts (Phoenix's AdditiveSmoothing adds a
 * fixed pseudocount), so the smoothing strength does not depend on the batch size. With
 * ε = 1e-4 an empty bin against a 10 % bin adds about 0.1 · ln(0.1 / 1e-4) ≈ 0.69 to the PSI.
 */
export function additiveSmoothing(epsilon = 1e-4): Smoothing {
  if (!(Number.isFinite(epsilon) && epsilon > 0 && epsilon < 1)) {
    throw new KindredError("INVALID_CONFIG", `epsilon must lie in (0, 1), got ${epsilon}`, {
      field: "epsilon",
    });
  }
  return {
    shares(counts) {
      const total = sumOf(counts);
      const scale = 1 + counts.length * epsilon;
      return counts.map((n) => (n / total + epsilon) / scale);
    },
    toJSON: () => ({ kind: "additive", epsilon }),
  };
}

/** Raw shares nᵢ/N: PSI is +∞ as soon as a bin is empty on one side only. */
export function noSmoothing(): Smoothing {
  return {
    shares(counts) {
      const total = sumOf(counts);
      return counts.map((n) => n / total);
    },
    toJSON: () => ({ kind: "none" }),
  };
}

/** Rebuilds a stored built-in smoothing; anything else → ARTIFACT_MISMATCH naming `field`. */
export function smoothingFromJSON(spec: unknown, field = "smoothing"): Smoothing {
  const record = spec as { kind?: unknown; epsilon?: unknown } | null;
  if (record?.kind === "none") return noSmoothing();
  if (record?.kind === "additive" && typeof record.epsilon === "number") {
    try {
      return additiveSmoothing(record.epsilon);
    } catch {
      // fall through to the artifact error below
    }
  }
  throw new KindredError("ARTIFACT_MISMATCH", `${field} is not a known smoothing: ${JSON.stringify(spec)}`, {
    field,
  });
}

function sumOf(counts: readonly number[]): number {
  let total = 0;
  for (const n of counts) total += n;
  if (!(total > 0)) throw new KindredError("INVALID_CONFIG", "no values to share out", { field: "counts" });
  return total;
}
