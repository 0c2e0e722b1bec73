export { rocAuc } from "./auc.ts";
export { type BinaryEvaluation, evaluateBinary } from "./evaluate.ts";
export { ksStatistic } from "./ks.ts";
export { type RocCurve, rocCurve } from "./roc.ts";
