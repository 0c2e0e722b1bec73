import { KindredError } from "../errors/index.ts";
import { ARTIFACT_VERSION, mismatch, readArray, readCounts, readRecord } from "./artifact.ts";
import { psi } from "./psi.ts";
import { additiveSmoothing, type Smoothing, type SmoothingSpec, smoothingFromJSON } from "./smoothing.ts";
import { psiStatus } from "./status.ts";
import type { BinShare, PsiStatus } from "./types.ts";

export const DEFAULT_MAX_LEVELS = 50;

export interface CategoricalPsiOptions {
  /** Default `additiveSmoothing(1e-4)`. */
  smoothing?: Smoothing;
  /** Most frequent baseline levels that get their own bin (default 50); the rest count as "other". */
  maxLevels?: number;
}

/**
 * A categorical PSI metric. Bins: the baseline's levels (most frequent first, ties in code-unit
 * order of the level, at most `maxLevels`), then "other" (levels the baseline did not keep or
 * never had — unseen levels of a later batch land here), then "missing" (null).
 */
export interface CategoricalPsiMetric {
  fit(baseline: ArrayLike<string | null>): FittedCategoricalPsi;
}

export interface LevelBinShare extends BinShare {
  level: string;
}

export interface CategoricalPsiResult {
  psi: number;
  status: PsiStatus;
  bins: LevelBinShare[];
  other: BinShare;
  missing: BinShare;
  currentRows: number;
}

export interface FittedCategoricalPsiJSON {
  kind: "categorical-psi";
  version: 1;
  levels: string[];
  /** Per level, then other, then missing. */
  baselineCounts: number[];
  smoothing: SmoothingSpec;
}

export interface FittedCategoricalPsi {
  readonly levels: readonly string[];
  readonly smoothing: Smoothing;
  readonly baselineRows: number;
  readonly baselineCounts: readonly number[];
  /** Smoothed baseline shares: levels, other, missing. */
  readonly baselineShares: readonly number[];
  evaluate(current: ArrayLike<string | null>): CategoricalPsiResult;
  toJSON(): FittedCategoricalPsiJSON;
}

export function createCategoricalPsi(options: CategoricalPsiOptions = {}): CategoricalPsiMetric {
  const smoothing = options.smoothing ?? additiveSmoothing();
  const maxLevels = options.maxLevels ?? DEFAULT_MAX_LEVELS;
  if (!Number.isInteger(maxLevels) || maxLevels < 1) {
    throw new KindredError("INVALID_CONFIG", `maxLevels must be a positive integer, got ${maxLevels}`, {
      field: "maxLevels",
    });
  }
  return {
    fit(baseline) {
      if (baseline.length === 0) {
        throw new KindredError("INVALID_CONFIG", "the baseline has no values", { field: "baseline" });
      }
      const frequency = new Map<string, number>();
      for (let i = 0; i < baseline.length; i++) {
        const v = baseline[i];
        if (v !== null && v !== undefined) frequency.set(v, (frequency.get(v) ?? 0) + 1);
      }
      const levels = [...frequency]
        .sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, maxLevels)
        .map(([level]) => level);
      return fitted(levels, countLevels(indexOf(levels), levels.length, baseline), smoothing);
    },
  };
}

/** Rebuilds a fitted categorical metric from its stored JSON. */
export function fittedCategoricalPsiFromJSON(json: unknown, field = "psi"): FittedCategoricalPsi {
  const record = readRecord(json, field, "categorical-psi");
  const levels = readArray(record.levels, `${field}.levels`);
  if (levels.some((l) => typeof l !== "string") || new Set(levels).size !== levels.length) {
    throw mismatch(`${field}.levels`, "must be distinct strings");
  }
  const counts = readCounts(record.baselineCounts, `${field}.baselineCounts`, levels.length + 2);
  return fitted(levels as string[], counts, smoothingFromJSON(record.smoothing, `${field}.smoothing`));
}

function fitted(levels: string[], baselineCounts: number[], smoothing: Smoothing): FittedCategoricalPsi {
  const index = indexOf(levels);
  const baselineShares = smoothing.shares(baselineCounts);
  return {
    levels,
    smoothing,
    baselineRows: baselineCounts.reduce((a, b) => a + b, 0),
    baselineCounts,
    baselineShares,
    evaluate(current) {
      const counts = countLevels(index, levels.length, current);
      const shares = smoothing.shares(counts);
      const value = psi(baselineShares, shares);
      const share = (i: number): BinShare => ({
        baseline: baselineShares[i] as number,
        current: shares[i] as number,
        baselineCount: baselineCounts[i] as number,
        currentCount: counts[i] as number,
      });
      return {
        psi: value,
        status: psiStatus(value),
        bins: levels.map((level, i) => ({ level, ...share(i) })),
        other: share(levels.length),
        missing: share(levels.length + 1),
        currentRows: current.length,
      };
    },
    toJSON: () => ({
      kind: "categorical-psi",
      version: ARTIFACT_VERSION,
      levels: [...levels],
      baselineCounts: [...baselineCounts],
      smoothing: smoothing.toJSON(),
    }),
  };
}

function indexOf(levels: readonly string[]): Map<string, number> {
  return new Map(levels.map((level, i) => [level, i]));
}

function countLevels(
  index: ReadonlyMap<string, number>,
  levelCount: number,
  values: ArrayLike<string | null>,
): number[] {
  if (values.length === 0) {
    throw new KindredError("INVALID_CONFIG", "the current set has no values", { field: "current" });
  }
  const counts = new Array<number>(levelCount + 2).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const bin = v === null || v === undefined ? levelCount + 1 : (index.get(v) ?? levelCount);
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts;
}
