import { createRng } from "../random/index.ts";
import { assignRandom } from "./assign-random.ts";
import { checkSizes } from "./check-sizes.ts";
import { SPLIT } from "./codes.ts";
import { roundCount } from "./rounding.ts";
import { checkLabels, checkRowCount, checkSeed, checkShare, checkShareSum } from "./validate.ts";

export interface RandomSplitOptions {
  /** Default 0.15. */
  valShare?: number;
  /** Default 0.15. */
  testShare?: number;
  /** 0/1 label per row: when given, every split keeps the positive share (within one row). */
  labels?: ArrayLike<number>;
  seed: number;
}

/**
 * Seeded random train / validation / test split (no time order), stratified when labels are
 * given. Sizes: val = R(n × valShare), test = R(n × testShare), train = n − val − test, with
 * R = `roundCount` (Math.round, halves up). Errors as for `splitOutOfTime`.
 */
export function splitRandom(n: number, options: RandomSplitOptions): Uint8Array {
  const { valShare = 0.15, testShare = 0.15, labels, seed } = options;
  checkRowCount(n);
  checkShare("valShare", valShare);
  checkShare("testShare", testShare);
  checkShareSum(["valShare", "testShare"], [valShare, testShare]);
  checkSeed(seed);
  if (labels !== undefined) checkLabels(labels, n);

  const valSize = roundCount(n, valShare);
  const testSize = Math.min(n - valSize, roundCount(n, testShare));
  const trainSize = n - valSize - testSize;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  const codes = new Uint8Array(n);
  assignRandom(
    rows,
    [SPLIT.train, SPLIT.val, SPLIT.test],
    [trainSize, valSize, testSize],
    labels,
    createRng(seed),
    codes,
  );

  checkSizes(
    n,
    [
      { name: "train", size: trainSize, required: true, field: "valShare + testShare" },
      { name: "val", size: valSize, required: valShare > 0, field: "valShare" },
      { name: "test", size: testSize, required: testShare > 0, field: "testShare" },
    ],
    codes,
    labels,
    ["train", "val"],
  );
  return codes;
}
