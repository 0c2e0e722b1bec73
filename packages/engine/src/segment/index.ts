/**
 * Public surface of business-guided segmentation: engineered scores and ordered persona rules in
 * a small safe formula language, and the comparison of two segmentations (cross-tab + ARI).
 */

export { adjustedRandIndex } from "./adjusted-rand-index.ts";
export {
  applyBusinessSegmentation,
  type BusinessPersona,
  type BusinessSegmentationResult,
  validateBusinessSegmentation,
} from "./apply-segmentation.ts";
export {
  type CrossTabRow,
  compareSegmentations,
  type SegmentationComparison,
} from "./compare-segmentations.ts";
export type { BusinessSegmentation, PersonaRule, ScoreDefinition } from "./config.ts";
export { evaluateFormula, type FormulaOptions } from "./evaluate-formula.ts";
export type { Expr } from "./expression-ast.ts";
export type { ValueType } from "./expression-compile.ts";
export type { FormulaContext } from "./expression-error.ts";
export { parseExpression } from "./expression-parser.ts";
export type { BooleanVector, NumberVector, StringVector, Vector } from "./expression-vectors.ts";
export { percentileRank } from "./percentile-rank.ts";
