import type { PsiStatus } from "./types.ts";

/** Conventional PSI bands: below 0.10 stable, 0.10–0.25 watch, 0.25 and above retrain. */
export const PSI_WATCH = 0.1;
export const PSI_RETRAIN = 0.25;

export function psiStatus(psi: number): PsiStatus {
  if (psi >= PSI_RETRAIN) return "retrain";
  if (psi >= PSI_WATCH) return "watch";
  return "stable";
}
