import { type Rng, shuffleInPlace } from "../random/index.ts";
import { stratifiedSizes } from "./allocate.ts";

/**
 * Randomly deals the rows of `pool` into splits: `sizes[s]` rows get code `splitCodes[s]`
 * (sizes sum to pool.length). With labels (0/1 per row index), each class is shuffled and dealt
 * separately with stratified sizes; class 0 is drawn from the rng first, then class 1.
 */
export function assignRandom(
  pool: Uint32Array,
  splitCodes: readonly number[],
  sizes: readonly number[],
  labels: ArrayLike<number> | undefined,
  rng: Rng,
  out: Uint8Array,
): void {
  if (labels === undefined) {
    deal(shuffleInPlace(pool.slice(), rng), splitCodes, sizes, out);
    return;
  }
  const classes = [pool.filter((row) => labels[row] === 0), pool.filter((row) => labels[row] === 1)];
  const perClass = stratifiedSizes([classes[0]!.length, classes[1]!.length], sizes);
  classes.forEach((rows, c) => {
    deal(shuffleInPlace(rows, rng), splitCodes, perClass[c]!, out);
  });
}

function deal(
  rows: Uint32Array,
  splitCodes: readonly number[],
  sizes: readonly number[],
  out: Uint8Array,
): void {
  let k = 0;
  sizes.forEach((size, s) => {
    const code = splitCodes[s]!;
    for (let j = 0; j < size; j++) out[rows[k++]!] = code;
  });
}
