import { KindredError } from "../errors/index.ts";
import type { Matrix } from "../model/index.ts";
import { createRng } from "../random/index.ts";
import { CoalitionValues } from "./coalition-values.ts";
import { EXACT_MAX_FEATURES, exactRow } from "./exact-shap.ts";
import { permutationRow } from "./permutation-shap.ts";
import type { Background, FeatureGroup, Predictor, ShapOptions, ShapResult } from "./types.ts";
import { checkBackground, checkGroups, checkMatrix, checkPositiveInteger } from "./validate.ts";

export const DEFAULT_SHAP_OPTIONS = {
  method: "auto",
  exactMaxFeatures: 10,
  permutations: 32,
  seed: 42,
  batchRows: 32_768,
} as const;

export interface ShapInput {
  predictor: Predictor;
  /** Encoded rows to explain. */
  x: Matrix;
  /** The encoded columns of each input feature, tiling the columns in order. */
  groups: FeatureGroup[];
  background: Background;
  /**
   * A stable key per explained row (e.g. its dataset row index): the permutations of a row are
   * seeded by `seed` and its key, so a customer gets the same values alone or in a batch.
   * Default: the row's position in `x`.
   */
  rowKeys?: ArrayLike<number>;
}

/**
 * Model-agnostic SHAP values of every row of `x` over input features (groups of encoded
 * columns), with a background that stands in for unknown features (interventional Shapley
 * values). Additive: baseValue + Σ_i φ_i = f(x) up to floating-point rounding, for both methods.
 */
export function shapValues(input: ShapInput, options: ShapOptions = {}): ShapResult {
  const { predictor, x, groups, background } = input;
  checkMatrix(x, "x");
  checkGroups(groups, x.cols);
  const weights = checkBackground(background, x.cols);
  const features = groups.length;
  const method = resolveMethod(features, options);
  const permutations = options.permutations ?? DEFAULT_SHAP_OPTIONS.permutations;
  if (method === "permutation" && (!Number.isInteger(permutations) || permutations < 2 || permutations % 2)) {
    throw new KindredError(
      "INVALID_CONFIG",
      `permutations: must be an even integer ≥ 2 (each order is paired with its reverse), got ${permutations}`,
      { field: "permutations" },
    );
  }
  const seed = options.seed ?? DEFAULT_SHAP_OPTIONS.seed;
  if (!Number.isInteger(seed)) {
    throw new KindredError("INVALID_CONFIG", `seed: must be an integer, got ${seed}`, { field: "seed" });
  }
  const batchRows = options.batchRows ?? DEFAULT_SHAP_OPTIONS.batchRows;
  checkPositiveInteger(batchRows, "batchRows");
  const keys = input.rowKeys;
  if (keys !== undefined && keys.length !== x.rows) {
    throw new KindredError("INVALID_CONFIG", `rowKeys: ${keys.length} keys for ${x.rows} rows`, {
      field: "rowKeys",
    });
  }

  const evaluator = new CoalitionValues(predictor, groups, background.data, weights, batchRows);
  const baseValue = evaluator.baseValue();
  const predictions = evaluator.predict(x);
  const values = new Float64Array(x.rows * features);
  for (let r = 0; r < x.rows; r++) {
    options.signal?.throwIfAborted();
    const row = x.data.subarray(r * x.cols, (r + 1) * x.cols);
    const prediction = predictions[r] as number;
    const phi =
      features === 1
        ? Float64Array.of(prediction - baseValue)
        : method === "exact"
          ? exactRow(evaluator, row, features, baseValue, prediction)
          : permutationRow(
              evaluator,
              row,
              features,
              baseValue,
              prediction,
              permutations,
              createRng(mixSeed(seed, keys ? (keys[r] as number) : r)),
            );
    values.set(phi, r * features);
    options.onProgress?.(r + 1, x.rows);
  }
  return {
    features: groups.map((g) => g.feature),
    baseValue,
    values,
    predictions,
    method,
    ...(method === "permutation" ? { permutations } : {}),
    evaluations: evaluator.evaluations,
  };
}

function resolveMethod(features: number, options: ShapOptions): "exact" | "permutation" {
  const method = options.method ?? DEFAULT_SHAP_OPTIONS.method;
  const exactMax = options.exactMaxFeatures ?? DEFAULT_SHAP_OPTIONS.exactMaxFeatures;
  checkPositiveInteger(exactMax, "exactMaxFeatures", EXACT_MAX_FEATURES);
  switch (method) {
    case "auto":
      return features <= exactMax ? "exact" : "permutation";
    case "permutation":
      return "permutation";
    case "exact":
      if (features > EXACT_MAX_FEATURES) {
        throw new KindredError(
          "INVALID_CONFIG",
          `method: exact SHAP enumerates 2^M coalitions and allows at most ${EXACT_MAX_FEATURES} features; this model has ${features} (use permutation)`,
          { field: "method" },
        );
      }
      return "exact";
    default:
      throw new KindredError(
        "INVALID_CONFIG",
        `method: must be exact, permutation or auto, got "${String(method)}"`,
        { field: "method" },
      );
  }
}

/** A well-spread 32-bit seed from the run seed and a row key (splitmix-style finalizer). */
function mixSeed(seed: number, key: number): number {
  let h = (seed ^ Math.imul(key + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
