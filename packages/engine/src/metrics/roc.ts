import { countClasses, orderByScoreDesc } from "./binary-labels.ts";

export interface RocCurve {
  /** False-positive rate at each threshold, starting at 0 and ending at 1. */
  fpr: number[];
  tpr: number[];
  /** Score threshold: rows with score >= threshold are predicted positive. */
  thresholds: number[];
}

/**
 * ROC points at every distinct score (tied scores move together, so ties give diagonal segments).
 * `maxPoints` thins the curve for display while always keeping both end points.
 */
export function rocCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxPoints = Number.POSITIVE_INFINITY,
): RocCurve {
  const { positives, negatives } = countClasses(scores, labels);
  const order = orderByScoreDesc(scores);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Number.POSITIVE_INFINITY];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; ) {
    const score = scores[order[k] as number] as number;
    while (k < order.length && scores[order[k] as number] === score) {
      if (labels[order[k] as number] === 1) tp++;
      else fp++;
      k++;
    }
    fpr.push(negatives === 0 ? 0 : fp / negatives);
    tpr.push(positives === 0 ? 0 : tp / positives);
    thresholds.push(score);
  }
  if (fpr.length <= maxPoints) return { fpr, tpr, thresholds };
  const keep = Math.max(2, Math.floor(maxPoints));
  const thinned: RocCurve = { fpr: [], tpr: [], thresholds: [] };
  for (let j = 0; j < keep; j++) {
    const i = Math.round((j * (fpr.length - 1)) / (keep - 1));
    thinned.fpr.push(fpr[i] as number);
    thinned.tpr.push(tpr[i] as number);
    thinned.thresholds.push(thresholds[i] as number);
  }
  return thinned;
}
