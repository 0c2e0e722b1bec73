import type { FeatureImportance, ShapResult } from "./types.ts";

/** Global importance per feature: mean |SHAP| (and mean SHAP) over the explained rows, largest first. */
export function globalImportance(result: Pick<ShapResult, "features" | "values">): FeatureImportance[] {
  const m = result.features.length;
  const rows = m === 0 ? 0 : result.values.length / m;
  return result.features
    .map((feature, i) => {
      let abs = 0;
      let sum = 0;
      for (let r = 0; r < rows; r++) {
        const v = result.values[r * m + i] as number;
        abs += Math.abs(v);
        sum += v;
      }
      return { feature, meanAbs: rows ? abs / rows : 0, mean: rows ? sum / rows : 0 };
    })
    .sort((a, b) => b.meanAbs - a.meanAbs);
}
