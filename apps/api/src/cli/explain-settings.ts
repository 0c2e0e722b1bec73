import { KindredError } from "@kindred/engine/errors";
import type { ShapMethod } from "@kindred/engine/explain";
import type { ExplainSettings } from "../services/run-explainer.ts";
import { integer } from "./args.ts";

/** The SHAP flags shared by `explain` and `tipping`. */
export const EXPLAIN_OPTIONS = {
  method: { type: "string" },
  permutations: { type: "string" },
  background: { type: "string" },
  "background-method": { type: "string" },
  seed: { type: "string" },
} as const;

export const explainFlagsUsage =
  "[--method auto|exact|permutation] [--permutations 32] [--background 20] [--background-method kmeans|sample] [--seed 42]";

export function explainSettings(
  values: Partial<Record<keyof typeof EXPLAIN_OPTIONS, string>>,
): ExplainSettings {
  const method = values.method as ShapMethod | undefined;
  if (method !== undefined && !["auto", "exact", "permutation"].includes(method)) {
    throw new KindredError("INVALID_CONFIG", `--method must be auto, exact or permutation, got "${method}"`, {
      field: "method",
    });
  }
  const backgroundMethod = values["background-method"];
  if (backgroundMethod !== undefined && backgroundMethod !== "kmeans" && backgroundMethod !== "sample") {
    throw new KindredError(
      "INVALID_CONFIG",
      `--background-method must be kmeans or sample, got "${backgroundMethod}"`,
      {
        field: "background-method",
      },
    );
  }
  return {
    method,
    permutations: integer(values.permutations, "permutations"),
    seed: integer(values.seed, "seed"),
    background: {
      size: integer(values.background, "background"),
      method: backgroundMethod as "kmeans" | "sample" | undefined,
    },
  };
}
