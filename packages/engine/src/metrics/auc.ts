import { countClasses, orderByScoreDesc } from "./binary-labels.ts";

/**
 * ROC AUC as the Mann–Whitney statistic: the probability that a random positive outscores a
 * random negative, ties counting one half (mid-ranks). Equals the trapezoidal area under the
 * ROC curve. NaN when one class is absent.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { positives, negatives } = countClasses(scores, labels);
  if (positives === 0 || negatives === 0) return Number.NaN;
  const order = orderByScoreDesc(scores);
  // Walk from the highest score: each negative beats nothing; each positive beats every negative
  // below its tie group and half of the negatives inside it.
  let negativesBelow = negatives;
  let wins = 0;
  for (let k = 0; k < order.length; ) {
    const score = scores[order[k] as number] as number;
    let groupPositives = 0;
    let groupNegatives = 0;
    while (k < order.length && scores[order[k] as number] === score) {
      if (labels[order[k] as number] === 1) groupPositives++;
      else groupNegatives++;
      k++;
    }
    negativesBelow -= groupNegatives;
    wins += groupPositives * (negativesBelow + groupNegatives / 2);
  }
  return wins / (positives * negatives);
}
