export type { Points } from "../points/index.ts";

export type PsiStatus = "stable" | "watch" | "retrain";

/** How one bin compares: smoothed shares (they enter the PSI) and raw counts on both sides. */
export interface BinShare {
  baseline: number;
  current: number;
  baselineCount: number;
  currentCount: number;
}
