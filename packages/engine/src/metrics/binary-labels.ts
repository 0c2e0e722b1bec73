import { KindredError } from "../errors/index.ts";

/** Validates a score/label pair and counts the classes; labels must be 0 or 1. */
export function countClasses(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { positives: number; negatives: number } {
  if (scores.length !== labels.length) {
    throw new KindredError(
      "INVALID_CONFIG",
      `scores (${scores.length}) and labels (${labels.length}) differ in length`,
    );
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === 1) positives++;
    else if (label !== 0) {
      throw new KindredError("INVALID_CONFIG", `label at index ${i} is ${label}, expected 0 or 1`, {
        row: i + 1,
      });
    }
    if (Number.isNaN(scores[i])) {
      throw new KindredError("INVALID_CONFIG", `score at index ${i} is NaN`, { row: i + 1 });
    }
  }
  return { positives, negatives: labels.length - positives };
}

/** Indices sorted by descending score (ties keep index order, which never affects the results). */
export function orderByScoreDesc(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
}
