import { rocCurve } from "./roc.ts";

/**
 * Kolmogorov–Smirnov separation: the largest gap between the cumulative score distributions of
 * positives and negatives, i.e. max(TPR − FPR) over thresholds placed between distinct scores.
 * NaN when one class is absent.
 */
export function ksStatistic(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const curve = rocCurve(scores, labels);
  const positives = curve.tpr[curve.tpr.length - 1] === 1;
  const negatives = curve.fpr[curve.fpr.length - 1] === 1;
  if (!positives || !negatives) return Number.NaN;
  let best = 0;
  for (let i = 0; i < curve.fpr.length; i++) {
    best = Math.max(best, Math.abs((curve.tpr[i] as number) - (curve.fpr[i] as number)));
  }
  return best;
}
