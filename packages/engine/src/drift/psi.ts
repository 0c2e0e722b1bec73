import { KindredError } from "../errors/index.ts";
import { type BinEdges, type Binning, binOf, quantileBinning } from "./binning.ts";
import { epsilonSmoothing, type Smoothing } from "./smoothing.ts";
import { psiStatus } from "./status.ts";
import type { PsiResult } from "./types.ts";

/** Σ (current − baseline) · ln(current / baseline) over bins; both share vectors must be > 0. */
export function psi(baselineShares: ArrayLike<number>, currentShares: ArrayLike<number>): number {
  if (baselineShares.length !== currentShares.length) {
    throw new KindredError("INVALID_CONFIG", "baseline and current have different numbers of bins", {
      field: "bins",
    });
  }
  let total = 0;
  for (let i = 0; i < baselineShares.length; i++) {
    const b = baselineShares[i] as number;
    const c = currentShares[i] as number;
    total += (c - b) * Math.log(c / b);
  }
  return total;
}

/** A numeric PSI metric: binning and smoothing are pluggable (Phoenix-style small objects). */
export interface PsiMetric {
  fit(baseline: ArrayLike<number | null>): FittedPsi;
}

export interface FittedPsiJson {
  kind: "numeric";
  edges: BinEdges;
  /** Baseline counts per bin, then the missing-value count last. */
  counts: number[];
  total: number;
  epsilon: number;
}

export interface FittedPsi {
  edges: BinEdges;
  evaluate(current: ArrayLike<number | null>): PsiResult;
  toJSON(): FittedPsiJson;
}

export function createPsi(options: { binning?: Binning; epsilon?: number } = {}): PsiMetric {
  const binning = options.binning ?? quantileBinning(10);
  const epsilon = options.epsilon ?? 1e-4;
  return {
    fit(baseline) {
      const present = Array.from(baseline).filter((v): v is number => v !== null && Number.isFinite(v));
      const edges = binning.fit(present);
      const { counts, total } = countBins(edges, baseline);
      return fitted({ kind: "numeric", edges, counts, total, epsilon });
    },
  };
}

/** Rebuilds a fitted metric from its stored JSON (no baseline rows needed). */
export function fittedPsiFromJson(json: FittedPsiJson): FittedPsi {
  return fitted(json);
}

function fitted(json: FittedPsiJson): FittedPsi {
  const smoothing: Smoothing = epsilonSmoothing(json.epsilon);
  const baselineShares = smoothing.shares(json.counts, json.total);
  return {
    edges: json.edges,
    toJSON: () => json,
    evaluate(current) {
      const { counts, total } = countBins(json.edges, current);
      if (total === 0)
        throw new KindredError("INVALID_CONFIG", "the current set is empty", { field: "current" });
      const currentShares = smoothing.shares(counts, total);
      const value = psi(baselineShares, currentShares);
      return {
        psi: value,
        status: psiStatus(value),
        bins: counts.map((_, i) => ({
          label: binLabel(json.edges, i),
          baseline: baselineShares[i] as number,
          current: currentShares[i] as number,
        })),
      };
    },
  };
}

/** Counts per bin plus one trailing bin for missing (null or non-finite) values. */
function countBins(edges: BinEdges, values: ArrayLike<number | null>): { counts: number[]; total: number } {
  const counts = new Array<number>(edges.length + 2).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const bin = v === null || v === undefined || !Number.isFinite(v) ? edges.length + 1 : binOf(edges, v);
    counts[bin] = (counts[bin] as number) + 1;
  }
  return { counts, total: values.length };
}

function binLabel(edges: BinEdges, i: number): string {
  if (i === edges.length + 1) return "missing";
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  const lower = i === 0 ? "−∞" : fmt(edges[i - 1] as number);
  const upper = i === edges.length ? "+∞" : fmt(edges[i] as number);
  return `(${lower}, ${upper}]`;
}
