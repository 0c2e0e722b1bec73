import { columnIndex } from "../data/index.ts";
import type { DatasetSchema, RawTable } from "../data/types.ts";
import { tableEnv } from "./apply-segmentation.ts";
import { compileExpression, type ValueType } from "./expression-compile.ts";
import type { FormulaContext } from "./expression-error.ts";
import { parseExpression } from "./expression-parser.ts";
import type { NumberVector, Vector } from "./expression-vectors.ts";

export interface FormulaOptions {
  /** Scores the formula may use by name (one value per row, NaN = null). */
  scores?: Record<string, Float64Array>;
  /** How messages name the formula (default `formula`). */
  label?: string;
}

/**
 * Evaluates one formula over a table — for previews ("how many rows match?") and tests.
 * Numbers come back as Float64Array (NaN = null), conditions as Uint8Array 0/1, texts as
 * arrays with null for missing.
 */
export function evaluateFormula(
  table: RawTable,
  schema: DatasetSchema,
  formula: string,
  options: FormulaOptions = {},
): { type: ValueType; values: Vector } {
  const context: FormulaContext = { label: options.label ?? "formula", field: "formula" };
  const scores = new Map<string, NumberVector>(Object.entries(options.scores ?? {}));
  const { compiled, columns } = compileExpression(parseExpression(formula, context), {
    context,
    columns: new Map(schema.columns.map((c) => [c.name, c])),
    scores: new Set(scores.keys()),
    unknownNameCode: "UNKNOWN_COLUMN",
  });
  for (const name of columns) columnIndex(table, name);
  return { type: compiled.type, values: compiled.run(tableEnv(table, schema, scores)) };
}
