import { KindredError } from "../errors/index.ts";
import type { PsiStatus } from "./types.ts";

/** PSI at or above this (and below PSI_RETRAIN) is worth watching. */
export const PSI_WATCH = 0.1;
/** PSI at or above this means the population moved: retrain. */
export const PSI_RETRAIN = 0.25;

/** The conventional PSI bands: [0, 0.10) stable, [0.10, 0.25) watch, [0.25, ∞] retrain. */
export function psiStatus(value: number): PsiStatus {
  if (value >= PSI_RETRAIN) return "retrain";
  if (value >= PSI_WATCH) return "watch";
  if (value < PSI_WATCH) return "stable";
  throw new KindredError("INVALID_CONFIG", "PSI is NaN: no status", { field: "psi" });
}
