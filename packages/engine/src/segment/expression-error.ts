import { KindredError, type KindredErrorCode } from "../errors/index.ts";

/** Where a formula comes from, for messages: `score "engagement"`, field `scores[0].formula`. */
export interface FormulaContext {
  /** e.g. `score "engagement"` or `persona "Loyalists" (rule 2)`. */
  label: string;
  /** Config path of the formula, e.g. `personas[1].when`. */
  field: string;
}

/** An error at 0-based `offset` of a formula, reported as a 1-based column: `score "x", column 14: …`. */
export function formulaError(
  context: FormulaContext,
  offset: number,
  message: string,
  code: KindredErrorCode = "INVALID_CONFIG",
  column?: string,
): KindredError {
  const location = column === undefined ? { field: context.field } : { field: context.field, column };
  return new KindredError(code, `${context.label}, column ${offset + 1}: ${message}`, location);
}
