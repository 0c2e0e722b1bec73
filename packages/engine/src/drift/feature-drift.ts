import { KindredError } from "../errors/index.ts";
import { ARTIFACT_VERSION, mismatch, readArray, readRecord, readString } from "./artifact.ts";
import type { Binning } from "./binning.ts";
import {
  createCategoricalPsi,
  type FittedCategoricalPsi,
  type FittedCategoricalPsiJSON,
  fittedCategoricalPsiFromJSON,
} from "./categorical-psi.ts";
import { createPsi, type FittedPsi, type FittedPsiJSON, fittedPsiFromJSON } from "./numeric-psi.ts";
import type { Smoothing } from "./smoothing.ts";
import type { PsiStatus } from "./types.ts";

/** Typed values of one input feature; null = missing. The caller converts raw cells. */
export type FeatureColumn =
  | { name: string; kind: "numeric"; values: ArrayLike<number | null> }
  | { name: string; kind: "categorical"; values: ArrayLike<string | null> };

export interface FeatureDriftOptions {
  /** Numeric features; default `quantileBinning(10)`. */
  binning?: Binning;
  /** Default `additiveSmoothing(1e-4)`. */
  smoothing?: Smoothing;
  /** Categorical features: levels with their own bin; default 50. */
  maxLevels?: number;
}

export interface FeatureDrift {
  name: string;
  kind: "numeric" | "categorical";
  psi: number;
  status: PsiStatus;
}

export type FittedFeature =
  | { name: string; kind: "numeric"; metric: FittedPsi }
  | { name: string; kind: "categorical"; metric: FittedCategoricalPsi };

export interface FeatureBaselineJSON {
  kind: "feature-baseline";
  version: 1;
  features: (
    | { name: string; kind: "numeric"; metric: FittedPsiJSON }
    | { name: string; kind: "categorical"; metric: FittedCategoricalPsiJSON }
  )[];
}

export interface FittedFeatureBaseline {
  readonly features: readonly FittedFeature[];
  /** PSI per baseline feature, in baseline order; extra current columns are ignored. */
  evaluate(current: readonly FeatureColumn[]): FeatureDrift[];
  toJSON(): FeatureBaselineJSON;
}

/**
 * Freezes per-feature bins: numeric features get range bins plus a missing bin, categorical
 * ones their levels plus "other" and "missing".
 */
export function fitFeatureBaseline(
  columns: readonly FeatureColumn[],
  options: FeatureDriftOptions = {},
): FittedFeatureBaseline {
  const numeric = createPsi({ binning: options.binning, smoothing: options.smoothing, missingBin: true });
  const categorical = createCategoricalPsi({ smoothing: options.smoothing, maxLevels: options.maxLevels });
  const seen = new Set<string>();
  const features = columns.map((column): FittedFeature => {
    if (seen.has(column.name)) {
      throw new KindredError("INVALID_CONFIG", `feature "${column.name}" appears twice in the baseline`, {
        column: column.name,
      });
    }
    seen.add(column.name);
    const { name, kind } = column as { name: string; kind: unknown };
    return named(name, () => {
      if (column.kind === "numeric") return { name, kind: "numeric", metric: numeric.fit(column.values) };
      if (column.kind === "categorical") {
        return { name, kind: "categorical", metric: categorical.fit(column.values) };
      }
      throw new KindredError("INVALID_CONFIG", `kind is ${String(kind)}, expected numeric or categorical`, {
        field: "kind",
      });
    });
  });
  return fitted(features);
}

/** Rebuilds a stored feature baseline. */
export function featureBaselineFromJSON(json: unknown, field = "featureBaseline"): FittedFeatureBaseline {
  const record = readRecord(json, field, "feature-baseline");
  const features = readArray(record.features, `${field}.features`).map((entry, i): FittedFeature => {
    const at = `${field}.features[${i}]`;
    const item = (entry ?? {}) as { name?: unknown; kind?: unknown; metric?: unknown };
    const name = readString(item.name, `${at}.name`);
    if (item.kind === "numeric") {
      return { name, kind: "numeric", metric: fittedPsiFromJSON(item.metric, `${at}.metric`) };
    }
    if (item.kind === "categorical") {
      return { name, kind: "categorical", metric: fittedCategoricalPsiFromJSON(item.metric, `${at}.metric`) };
    }
    throw mismatch(`${at}.kind`, "must be numeric or categorical");
  });
  return fitted(features);
}

/** PSI and status per baseline feature of a later batch (the batch must have every feature). */
export function featureDrift(
  baseline: readonly FeatureColumn[],
  current: readonly FeatureColumn[],
  options: FeatureDriftOptions = {},
): FeatureDrift[] {
  findAll(baseline, current);
  return fitFeatureBaseline(baseline, options).evaluate(current);
}

function fitted(features: FittedFeature[]): FittedFeatureBaseline {
  return {
    features,
    evaluate(current) {
      const columns = findAll(features, current);
      return features.map((feature, i): FeatureDrift => {
        const column = columns[i] as FeatureColumn;
        const { psi, status } = named(feature.name, () => {
          if (feature.kind === "numeric" && column.kind === "numeric") {
            return feature.metric.evaluate(column.values);
          }
          if (feature.kind === "categorical" && column.kind === "categorical") {
            return feature.metric.evaluate(column.values);
          }
          throw new KindredError(
            "ARTIFACT_MISMATCH",
            `feature "${feature.name}" is ${feature.kind} in the baseline, ${column.kind} in the current set`,
            { column: feature.name },
          );
        });
        return { name: feature.name, kind: feature.kind, psi, status };
      });
    },
    toJSON: () => ({
      kind: "feature-baseline",
      version: ARTIFACT_VERSION,
      features: features.map((f) =>
        f.kind === "numeric"
          ? { name: f.name, kind: f.kind, metric: f.metric.toJSON() }
          : { name: f.name, kind: f.kind, metric: f.metric.toJSON() },
      ),
    }),
  };
}

/** The current column for each baseline feature; a missing one → UNKNOWN_COLUMN naming it. */
function findAll(baseline: readonly { name: string }[], current: readonly FeatureColumn[]): FeatureColumn[] {
  const byName = new Map(current.map((c) => [c.name, c]));
  return baseline.map(({ name }) => {
    const column = byName.get(name);
    if (!column) {
      throw new KindredError("UNKNOWN_COLUMN", `the current set has no feature "${name}"`, { column: name });
    }
    return column;
  });
}

/** Runs `work` and re-throws a KindredError without a column as one naming the feature. */
function named<T>(name: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof KindredError && error.location.column === undefined) {
      throw new KindredError(error.code, `feature "${name}": ${error.message}`, {
        ...error.location,
        column: name,
      });
    }
    throw error;
  }
}
