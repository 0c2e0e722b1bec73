import { KindredError } from "../errors/index.ts";
import { quantileSorted } from "./quantile.ts";

/**
 * Bin edges as plain JSON: the interior cut points c₀ < c₁ < … < c_{k−1} (finite, strictly
 * increasing). They define k + 1 right-closed bins with open ends:
 *
 *   (−∞, c₀], (c₀, c₁], …, (c_{k−1}, +∞)
 *
 * so a value goes to the first bin whose upper edge is ≥ it (a value equal to a cut goes to the
 * lower bin: numpy's `np.digitize(v, cuts, right=True)`, pandas' `cut(..., right=True)`), and
 * later values outside the baseline's range land in the end bins. No cuts = one bin (−∞, +∞).
 * Edges are frozen from the baseline and stored, so every later batch is binned identically.
 */
export type BinEdges = number[];

/** A binning strategy: derives edges from baseline values (finite numbers; may be empty). */
export interface Binning {
  /** Recorded with fitted metrics ("quantile-10", "fixed-width-10"); informational. */
  readonly name: string;
  fit(baseline: ArrayLike<number>): BinEdges;
}

/** The bin a value falls in: the number of cuts strictly below it (0 … edges.length). */
export function binOf(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Quantile (equal-frequency) bins: cuts at the baseline's 1/b, 2/b, …, (b−1)/b quantiles
 * (`np.quantile`, default "linear" interpolation), sorted and deduplicated, without any cut equal
 * to the baseline maximum (the top bin (c, +∞) must hold the maximum, not sit empty above it).
 *
 * Repeated values make quantiles coincide, so a baseline with few distinct values gets fewer
 * bins (a constant baseline: one bin, where PSI is always 0). Interpolation can also put a cut
 * between two repeated values and leave a baseline bin empty (0, 0, 0, 10, 10, 10 has a cut at
 * 5); smoothing keeps the PSI finite there.
 */
export function quantileBinning(bins = 10): Binning {
  checkBins(bins);
  return {
    name: `quantile-${bins}`,
    fit(baseline) {
      const sorted = sortedFinite(baseline);
      if (sorted.length === 0) return [];
      const cuts = Array.from({ length: bins - 1 }, (_, j) => quantileSorted(sorted, (j + 1) / bins));
      return belowMax(cuts, sorted[sorted.length - 1] as number);
    },
  };
}

/**
 * Equal-width bins over the baseline's [min, max]: cuts min + j·(max − min)/b for j = 1 … b−1
 * (the interior of `np.histogram_bin_edges(baseline, b)`). A constant baseline gets one bin.
 */
export function fixedWidthBinning(bins = 10): Binning {
  checkBins(bins);
  return {
    name: `fixed-width-${bins}`,
    fit(baseline) {
      const sorted = sortedFinite(baseline);
      if (sorted.length === 0) return [];
      const min = sorted[0] as number;
      const max = sorted[sorted.length - 1] as number;
      const step = (max - min) / bins;
      return belowMax(
        Array.from({ length: bins - 1 }, (_, j) => (j + 1) * step + min),
        max,
      );
    },
  };
}

/** Checks that edges are finite and strictly increasing; `field` names them in the error. */
export function checkEdges(
  edges: unknown,
  code: "INVALID_CONFIG" | "ARTIFACT_MISMATCH",
  field: string,
): asserts edges is BinEdges {
  if (!Array.isArray(edges)) throw new KindredError(code, `${field} must be an array of numbers`, { field });
  for (let i = 0; i < edges.length; i++) {
    const e: unknown = edges[i];
    if (typeof e !== "number" || !Number.isFinite(e) || (i > 0 && e <= (edges[i - 1] as number))) {
      throw new KindredError(code, `${field}[${i}] is ${String(e)}: edges must be finite and increasing`, {
        field,
      });
    }
  }
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    if (!Number.isFinite(sorted[i])) {
      throw new KindredError("INVALID_CONFIG", `baseline value at index ${i} is ${sorted[i]}, not finite`, {
        row: i + 1,
        field: "baseline",
      });
    }
  }
  return sorted.sort();
}

/** Sorted, deduplicated cuts strictly below `max` (np.unique, then cuts[cuts < max]). */
function belowMax(cuts: number[], max: number): BinEdges {
  const sorted = cuts.sort((a, b) => a - b);
  return sorted.filter((c, i) => c < max && (i === 0 || c !== sorted[i - 1]));
}

function checkBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 2 || bins > 1000) {
    throw new KindredError("INVALID_CONFIG", `bins must be an integer from 2 to 1000, got ${bins}`, {
      field: "bins",
    });
  }
}
