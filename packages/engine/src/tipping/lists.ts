import { KindredError } from "../errors/index.ts";

/** Rows of non-buyers (label 0) whose probability passes `keep`, highest probability first. */
function nonBuyers(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  keep: (p: number) => boolean,
): number[] {
  if (labels.length !== probabilities.length) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `${labels.length} labels for ${probabilities.length} probabilities`,
      {
        field: "labels",
      },
    );
  }
  const rows: number[] = [];
  for (let r = 0; r < labels.length; r++)
    if (labels[r] === 0 && keep(probabilities[r] as number)) rows.push(r);
  return rows.sort((a, b) => (probabilities[b] as number) - (probabilities[a] as number) || a - b);
}

/** List B: non-buyers under the threshold, most likely first (the "sort by probability" list). */
export function probabilityList(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): number[] {
  return nonBuyers(labels, probabilities, (p) => p < threshold);
}

/** Potential customers: the model puts them at or over the threshold, yet they did not buy. */
export function potentialList(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): number[] {
  return nonBuyers(labels, probabilities, (p) => p >= threshold);
}
