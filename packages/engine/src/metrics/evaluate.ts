import { rocAuc } from "./auc.ts";
import { countClasses } from "./binary-labels.ts";
import { ksStatistic } from "./ks.ts";

export interface BinaryEvaluation {
  n: number;
  positives: number;
  /** NaN (serialized as null) when the subset holds one class only. */
  auc: number;
  ks: number;
}

/** AUC and KS of the rows picked by `rows` (all rows when omitted). */
export function evaluateBinary(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  rows?: ArrayLike<number>,
): BinaryEvaluation {
  let s: ArrayLike<number> = scores;
  let l: ArrayLike<number> = labels;
  if (rows) {
    const ps = new Float64Array(rows.length);
    const pl = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      ps[i] = scores[rows[i] as number] as number;
      pl[i] = labels[rows[i] as number] as number;
    }
    s = ps;
    l = pl;
  }
  const { positives } = countClasses(s, l);
  return { n: s.length, positives, auc: rocAuc(s, l), ks: ksStatistic(s, l) };
}
