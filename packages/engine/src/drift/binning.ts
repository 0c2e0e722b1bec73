import { KindredError } from "../errors/index.ts";

/**
 * Interior cut points e₁ < … < eₘ: bin 0 is (−∞, e₁], bin j is (eⱼ, eⱼ₊₁], bin m is (eₘ, +∞).
 * Open outer bins catch later values outside the baseline's range. Plain JSON, frozen from the
 * baseline and stored, so every later batch is binned identically.
 */
export type BinEdges = number[];

export interface Binning {
  fit(baseline: ArrayLike<number>): BinEdges;
}

/** Bin index of v: the number of edges strictly below it (numpy: searchsorted(edges, v, "left")). */
export function binOf(edges: BinEdges, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function finiteSorted(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values).filter(Number.isFinite).sort();
  if (sorted.length === 0) {
    throw new KindredError("INVALID_CONFIG", "the baseline has no finite values to bin", {
      field: "baseline",
    });
  }
  return sorted;
}

/** numpy.quantile's default ("linear") interpolation on sorted values. */
export function quantileOf(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below] as number;
  return low + (position - below) * ((sorted[above] as number) - low);
}

function unique(edges: number[]): number[] {
  return edges.filter((e, i) => i === 0 || e !== edges[i - 1]);
}

/**
 * Edges at the baseline's 1/b … (b−1)/b quantiles. Repeated values collapse equal edges, so a
 * baseline with few distinct values gets fewer bins rather than empty ones.
 */
export function quantileBinning(bins = 10): Binning {
  checkBins(bins);
  return {
    fit(baseline) {
      const sorted = finiteSorted(baseline);
      return unique(Array.from({ length: bins - 1 }, (_, i) => quantileOf(sorted, (i + 1) / bins)));
    },
  };
}

/** Equal-width edges across the baseline's range. */
export function fixedWidthBinning(bins = 10): Binning {
  checkBins(bins);
  return {
    fit(baseline) {
      const sorted = finiteSorted(baseline);
      const min = sorted[0] as number;
      const width = ((sorted[sorted.length - 1] as number) - min) / bins;
      return unique(Array.from({ length: bins - 1 }, (_, i) => min + width * (i + 1)));
    },
  };
}

function checkBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 2) {
    throw new KindredError("INVALID_CONFIG", `bins must be an integer ≥ 2, got ${bins}`, { field: "bins" });
  }
}
