export { countSplits, rowsOf, SPLIT, type SplitCode, type SplitName, splitNames, UNUSED } from "./codes.ts";
export { roundCount } from "./rounding.ts";
export { type OutOfTimeOptions, splitOutOfTime } from "./split-out-of-time.ts";
export { type RandomSplitOptions, splitRandom } from "./split-random.ts";
export { timeOrder } from "./time-order.ts";
