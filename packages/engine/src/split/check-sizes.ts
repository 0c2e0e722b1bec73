import { KindredError } from "../errors/index.ts";
import { SPLIT, type SplitName } from "./codes.ts";

export interface PlannedSplit {
  name: SplitName;
  size: number;
  /** True for train and for every split whose share is positive: it must get rows. */
  required: boolean;
  /** The option that sets the share, named in the error. */
  field: string;
}

/**
 * SPLIT_TOO_SMALL when a required split got 0 rows, or when labels
 * are given and `classSplits` (train, val) lack one of the two classes.
 */
export function checkSizes(
  n: number,
  planned: readonly PlannedSplit[],
  codes: Uint8Array,
  labels: ArrayLike<number> | undefined,
  classSplits: readonly SplitName[],
): void {
  const summary = `n = ${n}: ${planned.map((p) => `${p.name} ${p.size}`).join(", ")}`;
  for (const p of planned) {
    if (p.size === 0 && p.required) {
      throw new KindredError(
        "SPLIT_TOO_SMALL",
        `split "${p.name}" has 0 rows (${summary}); use more rows or a larger ${p.field}`,
        { field: p.field },
      );
    }
  }
  if (labels === undefined) return;
  for (const name of classSplits) {
    const p = planned.find((q) => q.name === name);
    if (p === undefined || p.size === 0) continue;
    const code = SPLIT[name];
    let positives = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i] === code && labels[i] === 1) positives++;
    const negatives = p.size - positives;
    if (positives === 0 || negatives === 0) {
      throw new KindredError(
        "SPLIT_TOO_SMALL",
        `split "${name}" has ${p.size} rows but ${positives} positive and ${negatives} negative; both classes are needed (${summary})`,
        { field: p.field },
      );
    }
  }
}
