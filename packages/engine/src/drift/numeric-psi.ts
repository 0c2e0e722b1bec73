import { KindredError } from "../errors/index.ts";
import { ARTIFACT_VERSION, readBoolean, readCounts, readRecord, readString } from "./artifact.ts";
import { type BinEdges, type Binning, binOf, checkEdges, quantileBinning } from "./binning.ts";
import { psi } from "./psi.ts";
import { additiveSmoothing, type Smoothing, type SmoothingSpec, smoothingFromJSON } from "./smoothing.ts";
import { psiStatus } from "./status.ts";
import type { BinShare, PsiStatus } from "./types.ts";

export interface PsiOptions {
  /** Default `quantileBinning(10)`. */
  binning?: Binning;
  /** Default `additiveSmoothing(1e-4)`. */
  smoothing?: Smoothing;
  /**
   * Count missing values (null, NaN, ±∞) in one extra bin after the ranges (input features).
   * Without it (default; embeddings) a missing value is an error naming its index.
   */
  missingBin?: boolean;
}

/** A numeric PSI metric: pluggable binning and smoothing, fitted once on a baseline. */
export interface PsiMetric {
  fit(baseline: ArrayLike<number | null>): FittedPsi;
}

/** One range bin (lower, upper]; the first has lower −∞, the last upper +∞. */
export interface RangeBinShare extends BinShare {
  lower: number;
  upper: number;
}

export interface NumericPsiResult {
  psi: number;
  status: PsiStatus;
  bins: RangeBinShare[];
  /** The missing-value bin, when the metric has one (its term is part of `psi`). */
  missing?: BinShare;
  currentRows: number;
}

/** What is stored: the frozen edges and baseline counts, no baseline rows. */
export interface FittedPsiJSON {
  kind: "numeric-psi";
  version: 1;
  binning: string;
  edges: BinEdges;
  missingBin: boolean;
  /** Per range bin, then the missing count when `missingBin`. */
  baselineCounts: number[];
  smoothing: SmoothingSpec;
}

export interface FittedPsi {
  readonly binning: string;
  readonly edges: readonly number[];
  readonly missingBin: boolean;
  readonly smoothing: Smoothing;
  readonly baselineRows: number;
  readonly baselineCounts: readonly number[];
  /** Smoothed baseline shares, one per bin (ranges, then missing). */
  readonly baselineShares: readonly number[];
  evaluate(current: ArrayLike<number | null>): NumericPsiResult;
  toJSON(): FittedPsiJSON;
}

export function createPsi(options: PsiOptions = {}): PsiMetric {
  const binning = options.binning ?? quantileBinning(10);
  const smoothing = options.smoothing ?? additiveSmoothing();
  const missingBin = options.missingBin ?? false;
  return {
    fit(baseline) {
      if (baseline.length === 0) {
        throw new KindredError("INVALID_CONFIG", "the baseline has no values", { field: "baseline" });
      }
      const present: number[] = [];
      for (let i = 0; i < baseline.length; i++) {
        const v = baseline[i];
        if (isPresent(v)) present.push(v);
        else if (!missingBin) throw missingValue(v, i, "baseline");
      }
      const edges = binning.fit(present);
      checkEdges(edges, "INVALID_CONFIG", `edges from ${binning.name}`);
      // −0 → +0: the same bins, and JSON (which has no −0) round-trips them exactly
      const frozen = edges.map((e) => e + 0);
      return fitted(binning.name, frozen, missingBin, countBins(frozen, missingBin, baseline), smoothing);
    },
  };
}

/** Rebuilds a fitted metric from its stored JSON (no baseline rows needed). */
export function fittedPsiFromJSON(json: unknown, field = "psi"): FittedPsi {
  const record = readRecord(json, field, "numeric-psi");
  const edges = record.edges;
  checkEdges(edges, "ARTIFACT_MISMATCH", `${field}.edges`);
  const missingBin = readBoolean(record.missingBin, `${field}.missingBin`);
  const counts = readCounts(
    record.baselineCounts,
    `${field}.baselineCounts`,
    edges.length + 1 + (missingBin ? 1 : 0),
  );
  return fitted(
    readString(record.binning, `${field}.binning`),
    [...edges],
    missingBin,
    counts,
    smoothingFromJSON(record.smoothing, `${field}.smoothing`),
  );
}

function fitted(
  binning: string,
  edges: BinEdges,
  missingBin: boolean,
  baselineCounts: number[],
  smoothing: Smoothing,
): FittedPsi {
  const baselineShares = smoothing.shares(baselineCounts);
  const baselineRows = baselineCounts.reduce((a, b) => a + b, 0);
  return {
    binning,
    edges,
    missingBin,
    smoothing,
    baselineRows,
    baselineCounts,
    baselineShares,
    evaluate(current) {
      const counts = countBins(edges, missingBin, current);
      const shares = smoothing.shares(counts);
      const value = psi(baselineShares, shares);
      const share = (i: number): BinShare => ({
        baseline: baselineShares[i] as number,
        current: shares[i] as number,
        baselineCount: baselineCounts[i] as number,
        currentCount: counts[i] as number,
      });
      const bins = Array.from({ length: edges.length + 1 }, (_, i) => ({
        lower: i === 0 ? Number.NEGATIVE_INFINITY : (edges[i - 1] as number),
        upper: i === edges.length ? Number.POSITIVE_INFINITY : (edges[i] as number),
        ...share(i),
      }));
      return {
        psi: value,
        status: psiStatus(value),
        bins,
        ...(missingBin ? { missing: share(edges.length + 1) } : {}),
        currentRows: current.length,
      };
    },
    toJSON: () => ({
      kind: "numeric-psi",
      version: ARTIFACT_VERSION,
      binning,
      edges: [...edges],
      missingBin,
      baselineCounts: [...baselineCounts],
      smoothing: smoothing.toJSON(),
    }),
  };
}

/** Counts per range bin (right-closed), then missing values when `missingBin`. */
function countBins(edges: BinEdges, missingBin: boolean, values: ArrayLike<number | null>): number[] {
  if (values.length === 0) {
    throw new KindredError("INVALID_CONFIG", "the current set has no values", { field: "current" });
  }
  const counts = new Array<number>(edges.length + 1 + (missingBin ? 1 : 0)).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let bin: number;
    if (isPresent(v)) bin = binOf(edges, v);
    else if (missingBin) bin = edges.length + 1;
    else throw missingValue(v, i, "values");
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts;
}

function isPresent(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function missingValue(v: unknown, index: number, field: string): KindredError {
  return new KindredError(
    "INVALID_CONFIG",
    `${field}: value at index ${index} is ${String(v)} (missing values need a metric with missingBin)`,
    { row: index + 1, field },
  );
}
