import { createRng } from "../random/index.ts";
import { assignRandom } from "./assign-random.ts";
import { checkSizes } from "./check-sizes.ts";
import { SPLIT, UNUSED } from "./codes.ts";
import { roundCount } from "./rounding.ts";
import { checkLabels, checkOrder, checkRowCount, checkSeed, checkShare, checkShareSum } from "./validate.ts";

export interface OutOfTimeOptions {
  /** Row indices in time order (a permutation of 0..n-1); default: row order. See `timeOrder`. */
  order?: ArrayLike<number>;
  /** Share of all rows, earliest first, that is "in time" (train + validation). Default 0.7. */
  inTimeShare?: number;
  /** Share of the in-time rows drawn at random for validation. Default 0.15. */
  valShare?: number;
  /** Share of all rows in the first out-of-time window, right after the in-time rows. Default 0.15. */
  oot1Share?: number;
  /** Share of all rows in the second out-of-time window, right after OOT1. Default 0.15. */
  oot2Share?: number;
  /** 0/1 label per row index: when given, the train/validation draw is stratified by it. */
  labels?: ArrayLike<number>;
  seed: number;
}

/**
 * "Train + 2 OOT": rows in time order are cut into consecutive windows — in-time, OOT1, OOT2 —
 * and the in-time rows are drawn at random (seeded, stratified when labels are given) into train
 * and validation.
 *
 * Sizes (R = `roundCount`, i.e. Math.round of n × share, halves up):
 *   in-time = R(n × inTimeShare), in-time + OOT1 = R(n × (inTimeShare + oot1Share)),
 *   in-time + OOT1 + OOT2 = R(n × (inTimeShare + oot1Share + oot2Share)), each capped at n,
 *   val = R(in-time × valShare), train = in-time − val.
 * Rows after the OOT2 window (only when the shares sum to less than 1) get code UNUSED (255).
 *
 * Errors: INVALID_CONFIG for a share outside [0, 1], shares summing above 1, a bad order, labels
 * or seed; SPLIT_TOO_SMALL when train, or a split with a positive share, gets 0 rows, or when
 * labels are given and train or val lacks a class.
 */
export function splitOutOfTime(n: number, options: OutOfTimeOptions): Uint8Array {
  const { inTimeShare = 0.7, valShare = 0.15, oot1Share = 0.15, oot2Share = 0.15, labels, seed } = options;
  checkRowCount(n);
  checkShare("inTimeShare", inTimeShare);
  checkShare("valShare", valShare);
  checkShare("oot1Share", oot1Share);
  checkShare("oot2Share", oot2Share);
  checkShareSum(["inTimeShare", "oot1Share", "oot2Share"], [inTimeShare, oot1Share, oot2Share]);
  checkSeed(seed);
  if (options.order !== undefined) checkOrder(options.order, n);
  if (labels !== undefined) checkLabels(labels, n);

  const inTimeEnd = Math.min(n, roundCount(n, inTimeShare));
  const oot1End = Math.min(n, roundCount(n, inTimeShare + oot1Share));
  const oot2End = Math.min(n, roundCount(n, inTimeShare + oot1Share + oot2Share));
  const valSize = roundCount(inTimeEnd, valShare);
  const trainSize = inTimeEnd - valSize;

  const order = options.order ?? identity(n);
  const codes = new Uint8Array(n).fill(UNUSED);
  for (let p = inTimeEnd; p < oot1End; p++) codes[order[p]!] = SPLIT.oot1;
  for (let p = oot1End; p < oot2End; p++) codes[order[p]!] = SPLIT.oot2;
  const inTime = new Uint32Array(inTimeEnd);
  for (let p = 0; p < inTimeEnd; p++) inTime[p] = order[p]!;
  assignRandom(inTime, [SPLIT.train, SPLIT.val], [trainSize, valSize], labels, createRng(seed), codes);

  checkSizes(
    n,
    [
      { name: "train", size: trainSize, required: true, field: "inTimeShare" },
      { name: "val", size: valSize, required: valShare > 0, field: "valShare" },
      { name: "oot1", size: oot1End - inTimeEnd, required: oot1Share > 0, field: "oot1Share" },
      { name: "oot2", size: oot2End - oot1End, required: oot2Share > 0, field: "oot2Share" },
    ],
    codes,
    labels,
    ["train", "val"],
  );
  return codes;
}

function identity(n: number): Uint32Array {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
