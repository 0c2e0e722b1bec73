/**
 * A split is a Uint8Array with one code per row. Codes are stable: they are stored with runs.
 */
export const SPLIT = { train: 0, val: 1, oot1: 2, oot2: 3, test: 4 } as const;

export type SplitName = keyof typeof SPLIT;
export type SplitCode = (typeof SPLIT)[SplitName];

/** Every split name, in code order. */
export const splitNames: readonly SplitName[] = ["train", "val", "oot1", "oot2", "test"];

/**
 * Code of a row that belongs to no split: the rows after the last out-of-time window when the
 * shares of `splitOutOfTime` sum to less than 1.
 */
export const UNUSED = 255;

/** Row indices (ascending) whose code is `split`. */
export function rowsOf(codes: Uint8Array, split: SplitName): Uint32Array {
  const code = SPLIT[split];
  let count = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) count++;
  const rows = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) rows[k++] = i;
  return rows;
}

/** Number of rows per split, plus the unused rows. */
export function countSplits(codes: Uint8Array): Record<SplitName | "unused", number> {
  const counts = { train: 0, val: 0, oot1: 0, oot2: 0, test: 0, unused: 0 };
  for (let i = 0; i < codes.length; i++) {
    const name = splitNames[codes[i] as number];
    if (name === undefined) counts.unused++;
    else counts[name]++;
  }
  return counts;
}
